//! `brand:` in `site.yaml`: a colour that people can read, a logo with its
//! text (the file itself is read and checked by `load`), links that are web
//! addresses, and a contact that is an email or web address.

use crate::diagnostic::Diagnostic;
use crate::load::spans::FieldPath;
use crate::load::Loaded;
use crate::model::brand::{nearest_passing, ratio, BrandLink, Contrast, Rgb, MIN_CONTRAST};
use crate::model::settings::{contact_link, SiteConfig};

pub(super) fn check_brand(site: &Loaded<SiteConfig>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(brand) = &site.value.brand else {
        return;
    };
    let field = FieldPath::root().key("brand");
    if let Some(colour) = &brand.colour {
        let at = field.key("colour");
        match Rgb::parse(colour) {
            None => diagnostics.push(
                site.source
                    .error(
                        &at,
                        format!("\"{colour}\" is not a colour ragtime can read"),
                    )
                    .hint("write it as a hex colour in quotes, for example colour: \"#1d70b8\""),
            ),
            Some(rgb) => {
                let contrast = Contrast::of(rgb);
                if !contrast.passes() {
                    let shade = nearest_passing(rgb);
                    diagnostics.push(
                        site.source
                            .error(
                                &at,
                                format!(
                                    "the colour {colour} is too light to read: white text on it has a contrast of {}, and as link text on white {}; both need at least {MIN_CONTRAST}:1",
                                    ratio(contrast.white_text_on_it),
                                    ratio(contrast.as_link_on_white),
                                ),
                            )
                            .hint(format!(
                                "the nearest darker shade that passes is \"{}\" ({})",
                                shade.hex(),
                                ratio(Contrast::of(shade).white_text_on_it)
                            )),
                    );
                }
            }
        }
    }
    if brand.logo.is_some()
        && brand
            .logo_alt
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
    {
        diagnostics.push(
            site.source
                .error(&field.key("logo"), "the logo has no `logo_alt`")
                .hint("add logo_alt: with what the logo says, usually the council's name"),
        );
    }
    if let Some(home) = &brand.home {
        web_address(site, &field.key("home"), home, diagnostics);
    }
    for (key, links) in [
        ("header_links", &brand.header_links),
        ("footer_links", &brand.footer_links),
    ] {
        for (i, BrandLink { url, .. }) in links.iter().enumerate() {
            web_address(site, &field.key(key).index(i).key("url"), url, diagnostics);
        }
    }
    // The contact is linked from every page's footer: only an address a reader can write to.
    if let Some(contact) = &brand.contact {
        if contact_link(contact).is_none() {
            diagnostics.push(
                site.source
                    .error(
                        &field.key("contact"),
                        format!("\"{contact}\" is not an email address or a web address"),
                    )
                    .hint("write an email address, such as improvement@example.gov.uk, or a web address starting https:// with the site's name, such as https://www.example.gov.uk/contact"),
            );
        }
    }
}

fn web_address(
    site: &Loaded<SiteConfig>,
    at: &FieldPath,
    url: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let ok = ["https://", "http://", "/", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p));
    if !ok {
        diagnostics.push(
            site.source
                .error(at, format!("\"{url}\" is not a web address"))
                .hint("write the full address, starting https://"),
        );
    }
}
