//! `brand:` in `site.yaml`: the council's colour, logo, home page, links,
//! contact and notice, which the default theme shows without any CSS from the
//! council; and the contrast rule its colour must meet (WCAG 2.2, 1.4.3).

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The council's own look, as `site.yaml` gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// The header and link colour, `#rrggbb` (or `#rgb`).
    #[serde(default)]
    pub colour: Option<String>,
    /// An image in the site folder, copied into the built site.
    #[serde(default)]
    pub logo: Option<String>,
    /// What the logo says, for those who cannot see it; required with `logo`.
    #[serde(default)]
    pub logo_alt: Option<String>,
    /// The organisation's own home page, which the logo links to.
    #[serde(default)]
    pub home: Option<String>,
    #[serde(default)]
    pub header_links: Vec<BrandLink>,
    #[serde(default)]
    pub footer_links: Vec<BrandLink>,
    /// An email address or a web address for questions about the site.
    #[serde(default)]
    pub contact: Option<String>,
    /// A banner shown at the top of every page (for example, an election period).
    #[serde(default)]
    pub notice: Option<String>,
}

/// A link in the header or footer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BrandLink {
    pub label: String,
    pub url: String,
}

/// The logo's file as `load` read and checked it: what is published as
/// `assets/brand/<its file name>`, byte for byte.
#[derive(Clone, PartialEq, Eq)]
pub struct Logo(pub(crate) Arc<[u8]>);

impl Logo {
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

// The bytes are an image: a debug print says how many, not what they are.
impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({} bytes)", self.0.len())
    }
}

/// The least contrast text needs against its background (WCAG 1.4.3, AA).
pub(crate) const MIN_CONTRAST: f64 = 4.5;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

pub(crate) const WHITE: Rgb = Rgb(255, 255, 255);

impl Rgb {
    /// Reads `#rrggbb` or `#rgb`.
    pub(crate) fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |c: u8| {
            char::from(c)
                .to_digit(16)
                .and_then(|d| u8::try_from(d).ok())
        };
        let bytes = hex.as_bytes();
        match bytes.len() {
            3 => {
                let d: Vec<u8> = bytes.iter().map(|&c| digit(c)).collect::<Option<_>>()?;
                Some(Rgb(d[0] * 17, d[1] * 17, d[2] * 17))
            }
            6 => {
                let d: Vec<u8> = bytes.iter().map(|&c| digit(c)).collect::<Option<_>>()?;
                Some(Rgb(d[0] * 16 + d[1], d[2] * 16 + d[3], d[4] * 16 + d[5]))
            }
            _ => None,
        }
    }

    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub(crate) fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub(crate) fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// The same hue, darker by `factor` (1 keeps it, 0 is black).
    fn darker(self, factor: f64) -> Rgb {
        // Each channel stays within 0..=255, so the casts cannot overflow.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "the product lies in 0..=255"
        )]
        let scale = |c: u8| (f64::from(c) * factor).round() as u8;
        Rgb(scale(self.0), scale(self.1), scale(self.2))
    }
}

/// What the brand colour is checked for: white text on it (the header), and
/// it as link text on white (the pages).
pub(crate) struct Contrast {
    pub white_text_on_it: f64,
    pub as_link_on_white: f64,
}

impl Contrast {
    pub(crate) fn of(colour: Rgb) -> Contrast {
        Contrast {
            white_text_on_it: WHITE.contrast(colour),
            as_link_on_white: colour.contrast(WHITE),
        }
    }

    pub(crate) fn passes(&self) -> bool {
        self.white_text_on_it >= MIN_CONTRAST && self.as_link_on_white >= MIN_CONTRAST
    }
}

/// The lightest darker shade of `colour` (same hue) that passes, for the error's hint.
pub(crate) fn nearest_passing(colour: Rgb) -> Rgb {
    (0..=100)
        .rev()
        .map(|step| colour.darker(f64::from(step) / 100.0))
        .find(|shade| Contrast::of(*shade).passes())
        .unwrap_or(Rgb(0, 0, 0))
}

/// A ratio as people write it: "4.54:1", rounded down so a failing colour never reads as 4.50.
pub(crate) fn ratio(value: f64) -> String {
    format!("{:.2}:1", (value * 100.0).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_long_and_short_hex() {
        assert_eq!(Rgb::parse("#1d70b8"), Some(Rgb(0x1d, 0x70, 0xb8)));
        assert_eq!(Rgb::parse("#FFF"), Some(WHITE));
        assert_eq!(Rgb::parse("1d70b8"), None);
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("#gggggg"), None);
    }

    #[test]
    fn luminance_and_contrast_match_wcag() {
        assert!((WHITE.luminance() - 1.0).abs() < 1e-9);
        assert!(Rgb(0, 0, 0).luminance().abs() < 1e-9);
        assert!((WHITE.contrast(Rgb(0, 0, 0)) - 21.0).abs() < 1e-9);
        // GOV.UK blue on white is 5.17:1 by the WCAG formula (5.168, shown rounded down).
        assert_eq!(
            ratio(Rgb::parse("#1d70b8").unwrap().contrast(WHITE)),
            "5.16:1"
        );
        // #767676 is the classic lightest grey that passes on white (4.54:1).
        assert_eq!(ratio(Rgb(0x76, 0x76, 0x76).contrast(WHITE)), "4.54:1");
        assert!(Contrast::of(Rgb(0x76, 0x76, 0x76)).passes());
        assert!(!Contrast::of(Rgb(0x77, 0x77, 0x77)).passes());
    }

    #[test]
    fn suggests_the_nearest_darker_shade_that_passes() {
        let orange = Rgb::parse("#f47738").unwrap();
        assert!(!Contrast::of(orange).passes());
        let shade = nearest_passing(orange);
        assert!(Contrast::of(shade).passes());
        // Only just: a lighter shade would fail.
        assert!(
            Contrast::of(shade).white_text_on_it < MIN_CONTRAST + 0.15,
            "{}",
            shade.hex()
        );
        // A colour that passes is its own nearest.
        let blue = Rgb::parse("#1d70b8").unwrap();
        assert_eq!(nearest_passing(blue), blue);
    }
}
