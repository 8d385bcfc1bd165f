//! Nothing from outside the site is published or quoted: the logo
//! `brand.logo` names (where it is, how large, what it holds), the contact
//! every page's footer links to, and links in `content/` into hidden folders.
//! Every command runs from inside the site folder, as officers run it.

use crate::util::{ragtime, read_tree, run, Output, Site};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;

const SETTINGS: &str = "content/site.yaml";

/// Written into every refused file (and the environment): never printed.
const MARKER: &str = "SECRET-TOKEN-7f3a9c";

/// A 1×1 PNG in the example's blue.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90, 0x2d, 0xd8, 0x01,
    0x00, 0x01, 0xf3, 0x01, 0x46, 0xf3, 0x2b, 0x19, 0xd3, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

const SVG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><title>Example Borough Council</title><rect width=\"40\" height=\"40\" fill=\"#005ea5\"/></svg>\n";

/// `ragtime <args>` from inside the site folder, with the marker in its
/// environment (what `/proc/self/environ` would give away).
fn inside(site: &Site, args: &[&str]) -> Output {
    let mut command = ragtime();
    command
        .args(args)
        .current_dir(site.root())
        .env("RAGTIME_TEST_SECRET", MARKER);
    run(command)
}

/// A copy of the example site, built once, and the `public/` it holds: what a
/// refused build must leave as it was.
fn built() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::example();
    inside(&site, &["build"]).passes();
    let public = read_tree(&site.path("public"));
    (site, public)
}

/// Sets `brand:` of site.yaml to these lines (replacing the last test case's).
fn brand(site: &Site, lines: &str) {
    let text = site.read(SETTINGS);
    let text = text.split("\nbrand:\n").next().unwrap_or_default();
    site.write(SETTINGS, format!("{text}\nbrand:\n{lines}"));
}

/// Asserts `check` and `build`, run inside the site, both exit 1 with an
/// error at `field` of site.yaml on the one line holding `at` (at `value`
/// within it) that says `says`; that they print nothing of `secret`; and
/// that the build left `public/` as it was, with no logo in it.
#[track_caller]
fn refused(
    site: &Site,
    public: &BTreeMap<String, Vec<u8>>,
    (field, at, value): (&str, &str, &str),
    says: &str,
    secret: &str,
) {
    let position = site.position_in(SETTINGS, at, value);
    for command in ["check", "build"] {
        let output = inside(site, &[command]);
        output
            .fails()
            .error_at(SETTINGS, position)
            .field(field)
            .says(says);
        for printed in [&output.stdout, &output.stderr] {
            assert!(
                !printed.contains(secret),
                "`{command}` printed the refused file:\n{output}"
            );
        }
        assert!(
            !site.path("public/assets/brand").exists(),
            "`{command}` published a logo"
        );
    }
    assert!(
        read_tree(&site.path("public")) == *public,
        "a refused build changed public/"
    );
}

/// Refuses the logo `logo` (as site.yaml gives it).
#[track_caller]
fn refused_logo(site: &Site, public: &BTreeMap<String, Vec<u8>>, logo: &str, says: &str) {
    refused_logo_hiding(site, public, logo, says, MARKER);
}

#[track_caller]
fn refused_logo_hiding(
    site: &Site,
    public: &BTreeMap<String, Vec<u8>>,
    logo: &str,
    says: &str,
    secret: &str,
) {
    brand(
        site,
        &format!("  logo: {logo}\n  logo_alt: Example Borough Council\n"),
    );
    let at = format!("logo: {logo}");
    refused(site, public, ("brand.logo", &at, logo), says, secret);
}

#[test]
fn a_logo_outside_the_site_folder_is_refused_and_never_read() {
    let (site, public) = built();
    // The build's own environment, CI tokens included.
    refused_logo(
        &site,
        &public,
        "/proc/self/environ",
        "not inside the site folder",
    );
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first = passwd.lines().next().unwrap_or("root:x:0:0:");
    refused_logo_hiding(
        &site,
        &public,
        "/etc/passwd",
        "not inside the site folder",
        first,
    );
    refused_logo_hiding(
        &site,
        &public,
        "../../../../etc/passwd",
        "leads out of the site folder",
        first,
    );
    // A link to a file outside, named like an image and starting like one.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.png");
    fs::write(&secret, [PNG, MARKER.as_bytes()].concat()).unwrap();
    fs::create_dir_all(site.path("brand")).unwrap();
    symlink(&secret, site.path("brand/logo.png")).unwrap();
    refused_logo(&site, &public, "brand/logo.png", "outside the site folder");
}

#[test]
fn a_hidden_logo_is_refused_and_never_read() {
    let (site, public) = built();
    site.write(".env", format!("DATABASE_PASSWORD={MARKER}\n"));
    refused_logo(&site, &public, ".env", "hidden");
    site.write("brand/.hidden/logo.png", [PNG, MARKER.as_bytes()].concat());
    refused_logo(&site, &public, "brand/.hidden/logo.png", "hidden");
    // A link named like a logo, into the site's own .git folder.
    site.write(".git/config", format!("[core]\n\ttoken = {MARKER}\n"));
    symlink("../.git/config", site.path("brand/logo.png")).unwrap();
    refused_logo(&site, &public, "brand/logo.png", "hidden");
}

#[test]
fn a_logo_that_is_not_a_small_image_is_refused() {
    let (site, public) = built();
    site.write("brand/logo.png", format!("{MARKER}\n"));
    refused_logo(
        &site,
        &public,
        "brand/logo.png",
        "is named .png but does not hold a PNG image",
    );
    site.write("brand/notes.txt", format!("{MARKER}\n"));
    refused_logo(
        &site,
        &public,
        "brand/notes.txt",
        "a logo is a .png, .jpg, .gif, .webp or .svg image",
    );
    let mut large = PNG.to_vec();
    large.resize(2 * 1024 * 1024, 0);
    large.extend_from_slice(MARKER.as_bytes());
    site.write("brand/large.png", large);
    refused_logo(&site, &public, "brand/large.png", "larger than 2 MiB");
}

#[test]
fn an_svg_logo_that_would_run_script_is_refused_naming_what() {
    let (site, public) = built();
    for (svg, says) in [
        (
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>fetch('/?{MARKER}')</script>\n</svg>"),
            "carries a <script> element on line 2 of the file",
        ),
        (
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"fetch('/?{MARKER}')\"/>"),
            "carries an event attribute (onload)",
        ),
        (
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">{MARKER}</div></foreignObject></svg>"),
            "carries a <foreignObject> element",
        ),
        (
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"javascript:fetch('/?{MARKER}')\"><rect width=\"9\" height=\"9\"/></a></svg>"),
            "carries a javascript: address",
        ),
    ] {
        site.write("brand/logo.svg", svg);
        refused_logo(&site, &public, "brand/logo.svg", says);
    }
}

#[test]
fn a_png_or_svg_logo_in_the_site_folder_is_published() {
    let site = Site::example();
    site.write("brand/logo.png", PNG)
        .write("brand/logo.svg", SVG);
    for (logo, bytes) in [("brand/logo.png", PNG), ("brand/logo.svg", SVG.as_bytes())] {
        brand(
            &site,
            &format!("  logo: {logo}\n  logo_alt: Example Borough Council\n"),
        );
        inside(&site, &["check"]).passes();
        inside(&site, &["build"]).passes();
        let name = logo.trim_start_matches("brand/");
        let published = fs::read(site.path(&format!("public/assets/brand/{name}"))).unwrap();
        assert_eq!(published, bytes, "{logo} is published as it is");
        assert!(site
            .read("public/index.html")
            .contains(&format!("<img src=\"/assets/brand/{name}\"")));
    }
}

#[test]
fn a_contact_that_is_not_an_email_or_web_address_is_refused() {
    let (site, public) = built();
    for contact in [
        "\"javascript:alert(document.domain)\"",
        "\"data:text/html,<script>alert(1)</script>\"",
        "\"vbscript:msgbox(1)\"",
        "//evil.example.com/",
    ] {
        brand(&site, &format!("  contact: {contact}\n"));
        let at = format!("contact: {contact}");
        refused(
            &site,
            &public,
            ("brand.contact", &at, contact),
            "is not an email address or a web address",
            MARKER,
        );
    }
    for (contact, href) in [
        (
            "improvement@example.gov.uk",
            "mailto:improvement@example.gov.uk",
        ),
        (
            "https://www.example.gov.uk/contact",
            "https://www.example.gov.uk/contact",
        ),
    ] {
        brand(&site, &format!("  contact: {contact}\n"));
        inside(&site, &["build"]).passes();
        assert!(site
            .read("public/index.html")
            .contains(&format!("<a href=\"{href}\">")));
    }
}

#[test]
fn a_link_in_content_into_a_hidden_folder_is_refused_and_never_read() {
    let (site, public) = built();
    site.write(
        ".git/pages/notes.md",
        format!("---\ntitle: {MARKER}\n---\n\n{MARKER}\n"),
    );
    symlink(
        "../../.git/pages/notes.md",
        site.path("content/pages/notes.md"),
    )
    .unwrap();
    for command in ["check", "build"] {
        let output = inside(&site, &[command]);
        output
            .fails()
            .error_in("content/pages/notes.md")
            .says("hidden file or folder");
        assert!(
            !output.stdout.contains(MARKER) && !output.stderr.contains(MARKER),
            "{output}"
        );
    }
    assert!(
        read_tree(&site.path("public")) == public,
        "a refused build changed public/"
    );
    // Nor is a challenge log linked in from outside read, to be quoted in an error.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("log.yaml");
    // An unknown field is named in its error: this one would be quoted if the file were read.
    fs::write(&secret, format!("{MARKER}: leaked\n")).unwrap();
    fs::remove_file(site.path("content/pages/notes.md")).unwrap();
    fs::remove_file(site.path("content/meetings/2013-08.yaml")).unwrap();
    symlink(&secret, site.path("content/meetings/2013-08.yaml")).unwrap();
    let output = inside(&site, &["check"]);
    output
        .fails()
        .error_in("content/meetings/2013-08.yaml")
        .says("outside the site folder");
    assert!(!output.stderr.contains(MARKER), "{output}");
}
