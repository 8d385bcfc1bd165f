//! The logo `brand.logo` names: a small image inside the site folder, read
//! once here and checked (where it is, how large, what it holds) before its
//! bytes are handed on to be published. A refused file is never quoted.

use crate::load::inside::{self, has_hidden_part};
use crate::load::svg;
use crate::model::brand::Logo;
use std::io::Read as _;
use std::path::{Component, Path};

/// The largest logo published: a header logo is a few kilobytes; a photograph
/// of one is a few hundred.
pub(crate) const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// The kinds of image a logo may be, by extension: what every browser shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl Kind {
    fn of(extension: &str) -> Option<Kind> {
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(Kind::Png),
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "gif" => Some(Kind::Gif),
            "webp" => Some(Kind::Webp),
            "svg" => Some(Kind::Svg),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Gif => "GIF",
            Kind::Webp => "WebP",
            Kind::Svg => "SVG",
        }
    }

    /// Whether the file's first bytes are this kind's signature.
    fn starts(self, bytes: &[u8]) -> bool {
        match self {
            Kind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Kind::Jpeg => bytes.starts_with(b"\xff\xd8\xff"),
            Kind::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            Kind::Webp => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
            // Checked whole, by `svg::check`.
            Kind::Svg => true,
        }
    }
}

/// Why the logo is not published: a message and a hint, for an error at
/// `brand.logo` in `site.yaml`.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub message: String,
    pub hint: &'static str,
}

const WHERE: &str =
    "give the path of an image inside the site folder (the one holding content/), for example brand/logo.png";
const WHAT: &str = "a logo is a .png, .jpg, .gif, .webp or .svg image";

fn refuse(message: String, hint: &'static str) -> Refusal {
    Refusal { message, hint }
}

/// Reads the logo `logo` (as `site.yaml` gives it) from the site folder `root`.
pub(crate) fn read(root: &Path, logo: &str) -> Result<Logo, Refusal> {
    let path = Path::new(logo);
    if logo.trim().is_empty() {
        return Err(refuse("the logo is empty".to_owned(), WHERE));
    }
    if path.has_root() || path.is_absolute() {
        return Err(refuse(
            format!("the logo \"{logo}\" is not inside the site folder: it is a path from the top of the disk"),
            WHERE,
        ));
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(refuse(
            format!("the logo \"{logo}\" leads out of the site folder (through \"..\")"),
            WHERE,
        ));
    }
    if has_hidden_part(path) {
        return Err(refuse(
            format!("the logo \"{logo}\" is a hidden file or in a hidden folder (a name starting with a dot), which is never published"),
            "move the logo out of it, for example to brand/logo.png",
        ));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let Some(kind) = Kind::of(extension) else {
        return Err(refuse(
            format!("the logo \"{logo}\" is not an image ragtime publishes: {WHAT}"),
            "save the logo as PNG or SVG, and give its file name with the extension",
        ));
    };
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let target = match inside::resolve(&site, &root.join(path)) {
        Ok(target) => target,
        Err(inside::Refused::Nowhere) => {
            return Err(refuse(
                format!("there is no logo \"{logo}\" in the site folder"),
                WHERE,
            ))
        }
        Err(inside::Refused::Outside) => {
            return Err(refuse(
                format!("the logo \"{logo}\" is a link to a file outside the site folder, which is not read"),
                "copy the logo into the site folder, for example to brand/logo.png",
            ))
        }
        Err(inside::Refused::Hidden) => {
            return Err(refuse(
                format!("the logo \"{logo}\" is a link to a hidden file or into a hidden folder (such as .env or .git/), which is not read"),
                "copy the logo into the site folder, for example to brand/logo.png",
            ))
        }
    };
    // A folder, a device or a pipe (which would never end) is not read.
    if !std::fs::metadata(&target).is_ok_and(|m| m.is_file()) {
        return Err(refuse(format!("the logo \"{logo}\" is not a file"), WHERE));
    }
    let cannot =
        |error: std::io::Error| refuse(format!("cannot read the logo \"{logo}\": {error}"), WHERE);
    let file = std::fs::File::open(&target).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_LOGO_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_LOGO_BYTES {
        return Err(refuse(
            format!(
                "the logo \"{logo}\" is larger than {} MiB, the most a logo may be",
                MAX_LOGO_BYTES / 1024 / 1024
            ),
            "a logo is shown 40 pixels high: export it at that size, or as SVG",
        ));
    }
    let not_that = |why: String| {
        refuse(
            format!(
                "the logo \"{logo}\" is named .{extension} but does not hold a {} image{why}",
                kind.name()
            ),
            "export the logo again from an image editor as PNG, JPEG, GIF, WebP or SVG, named with the extension that matches",
        )
    };
    if !kind.starts(&bytes) {
        return Err(not_that(String::new()));
    }
    if kind == Kind::Svg {
        match svg::check(&bytes) {
            Ok(()) => {}
            Err(svg::Refused::NotSvg(why, line)) => {
                let at = line.map_or_else(String::new, |l| format!(", line {l} of the file"));
                return Err(not_that(format!(" ({why}{at})")));
            }
            Err(svg::Refused::Carries(what, line)) => {
                return Err(refuse(
                    format!("the logo \"{logo}\" carries {what} on line {line} of the file: opened on its own at the council's address, it could run script there"),
                    "remove it from the drawing (a logo needs no script, events or web page inside it), or publish the logo as a PNG",
                ));
            }
        }
    }
    Ok(Logo(bytes.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_known_by_its_first_bytes() {
        assert!(Kind::Png.starts(b"\x89PNG\r\n\x1a\n...."));
        assert!(!Kind::Png.starts(b"PNG"));
        assert!(Kind::Jpeg.starts(b"\xff\xd8\xff\xe0"));
        assert!(Kind::Gif.starts(b"GIF89a.."));
        assert!(!Kind::Gif.starts(b"GIF90a.."));
        assert!(Kind::Webp.starts(b"RIFF\x00\x00\x00\x00WEBPVP8 "));
        assert!(!Kind::Webp.starts(b"RIFF\x00\x00\x00\x00WAVE"));
        assert_eq!(Kind::of("JPG"), Some(Kind::Jpeg));
        assert_eq!(Kind::of("bmp"), None);
        assert_eq!(Kind::of(""), None);
    }

    #[test]
    fn a_path_is_refused_before_anything_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        for (logo, says) in [
            ("/etc/passwd", "top of the disk"),
            ("/proc/self/environ", "top of the disk"),
            ("../../../../etc/passwd", "\"..\""),
            ("brand/../../x.png", "\"..\""),
            (".env", "hidden"),
            ("brand/.hidden/logo.png", "hidden"),
            ("brand/logo.bmp", "not an image"),
            ("content/site.yaml", "not an image"),
            ("brand/missing.png", "there is no logo"),
            ("", "empty"),
        ] {
            let refused = read(dir.path(), logo).unwrap_err();
            assert!(refused.message.contains(says), "{logo}: {refused:?}");
        }
    }
}
