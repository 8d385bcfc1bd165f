//! An SVG logo, read before it is published: well-formed XML in UTF-8 whose
//! root is `<svg>`, carrying nothing that runs when the file is opened on its
//! own at the council's address (scripts, event attributes, web page
//! elements, `javascript:` and `data:` addresses). Refused, never cleaned: the
//! officer learns what the file carries and where.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

/// Why an SVG file is refused. Only ragtime's own words: nothing of the file
/// is quoted but a line number and, for an event attribute, its name.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Not an SVG image at all: why, and on which line when that is known.
    NotSvg(&'static str, Option<usize>),
    /// An SVG image carrying something that runs: what, and on which line.
    Carries(String, usize),
}

/// Namespaces whose elements a browser makes into a web page's (an
/// `<iframe>`, a `<script>`) wherever they are in the file.
const WEB_NAMESPACES: [&str; 2] = [
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1998/Math/MathML",
];

/// The entities XML defines; any other needs a DOCTYPE to declare it.
const PREDEFINED: [&str; 5] = ["lt", "gt", "amp", "apos", "quot"];

/// What is wrong inside one tag, before its line is known.
enum Problem {
    NotWellFormed,
    Carries(String),
}

/// Checks an SVG file's bytes.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Refused> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Refused::NotSvg("it is not text in UTF-8", None));
    };
    let line = |offset: u64| {
        let end = usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
        text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let not_xml = |offset: u64| Refused::NotSvg("it is not well-formed XML", Some(line(offset)));
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_comments = true;
    let mut depth = 0usize;
    let mut had_root = false;
    loop {
        let at = reader.buffer_position();
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((namespace, event)) => (web_namespace(&namespace), event),
            Err(_) => return Err(not_xml(reader.error_position())),
        };
        let carries = |what: &str| Err(Refused::Carries(what.to_owned(), line(at)));
        match event {
            Event::Decl(decl) => {
                let utf8 = match decl.encoding() {
                    None => true,
                    Some(Ok(name)) => name.eq_ignore_ascii_case("utf-8"),
                    Some(Err(_)) => return Err(not_xml(at)),
                };
                if !utf8 {
                    return Err(Refused::NotSvg(
                        "it declares an encoding other than UTF-8",
                        Some(line(at)),
                    ));
                }
            }
            // Entities declared in the file could put a script where none is written.
            Event::DocType(doctype) if doctype.contains('[') => {
                return carries("a DOCTYPE that declares entities");
            }
            // `<?xml-stylesheet?>` can attach a stylesheet that runs script.
            Event::PI(_) => return carries("a processing instruction (<?...?>)"),
            Event::Start(ref element) | Event::Empty(ref element) => {
                if depth == 0 {
                    if had_root {
                        return Err(not_xml(at));
                    }
                    if !local(element.local_name().as_ref()).eq("svg") {
                        return Err(Refused::NotSvg(
                            "its first element is not <svg>",
                            Some(line(at)),
                        ));
                    }
                    had_root = true;
                }
                let web = namespace.ok_or_else(|| not_xml(at))?;
                match tag(element, web) {
                    Ok(()) => {}
                    Err(Problem::NotWellFormed) => return Err(not_xml(at)),
                    Err(Problem::Carries(what)) => return carries(&what),
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(text) if depth == 0 && !text.trim().is_empty() => {
                return Err(not_xml(at));
            }
            Event::CData(_) if depth == 0 => return Err(not_xml(at)),
            Event::DocType(_) | Event::Comment(_) | Event::Text(_) | Event::CData(_) => {}
            Event::GeneralRef(reference) => {
                let known = if reference.is_char_ref() {
                    matches!(reference.resolve_char_ref(), Ok(Some(_)))
                } else {
                    PREDEFINED.contains(&&*reference)
                };
                if depth == 0 || !known {
                    return Err(not_xml(at));
                }
            }
            Event::Eof if depth > 0 || !had_root => return Err(not_xml(at)),
            Event::Eof => return Ok(()),
        }
    }
}

/// Whether an element's namespace is a web page's; `None` when its prefix
/// is not declared (the file is not well-formed XML with namespaces).
fn web_namespace(namespace: &ResolveResult<'_>) -> Option<bool> {
    match namespace {
        ResolveResult::Bound(uri) => Some(WEB_NAMESPACES.contains(&uri.as_ref())),
        ResolveResult::Unbound => Some(false),
        ResolveResult::Unknown(_) => None,
    }
}

/// A name as compared: lower-case, so `<SCRIPT>` and `onLoad` are caught.
fn local(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The checks of one tag: its element, then each attribute.
fn tag(element: &BytesStart<'_>, web: bool) -> Result<(), Problem> {
    let name = local(element.local_name().as_ref());
    if web {
        return Err(Problem::Carries(
            "an element of a web page (in the XHTML or MathML namespace)".to_owned(),
        ));
    }
    match name.as_str() {
        "script" => return Err(Problem::Carries("a <script> element".to_owned())),
        "foreignobject" => {
            return Err(Problem::Carries(
                "a <foreignObject> element (it can hold a web page)".to_owned(),
            ))
        }
        _ => {}
    }
    let animates = matches!(
        name.as_str(),
        "set" | "animate" | "animatemotion" | "animatetransform"
    );
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|_| Problem::NotWellFormed)?;
        let key = local(attribute.key.local_name().as_ref());
        let declares = attribute.key.as_namespace_binding().is_some();
        if key.starts_with("on") && !declares {
            let shown = if key.len() <= 32 && key.bytes().all(|b| b.is_ascii_alphabetic()) {
                key.clone()
            } else {
                "on...".to_owned()
            };
            return Err(Problem::Carries(format!("an event attribute ({shown})")));
        }
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|_| Problem::NotWellFormed)?;
        // Browsers drop spaces and control characters from addresses: `java\tscript:` runs.
        let squeezed: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        for scheme in ["javascript:", "vbscript:"] {
            if squeezed.contains(scheme) {
                return Err(Problem::Carries(format!("a {scheme} address")));
            }
        }
        if key == "href" && squeezed.starts_with("data:") {
            return Err(Problem::Carries(
                "a data: address as a link (href)".to_owned(),
            ));
        }
        let target = squeezed.rsplit(':').next().unwrap_or_default();
        if animates && key == "attributename" && target == "href" {
            return Err(Problem::Carries(
                "an animation that changes a link's address (attributeName=\"href\")".to_owned(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "http://www.w3.org/2000/svg";

    fn carries(text: &str) -> String {
        match check(text.as_bytes()) {
            Err(Refused::Carries(what, _)) => what,
            other => panic!("expected a refusal for what it carries, got {other:?}: {text}"),
        }
    }

    fn not_svg(text: &[u8]) -> &'static str {
        match check(text) {
            Err(Refused::NotSvg(why, _)) => why,
            other => panic!("expected `not an SVG`, got {other:?}"),
        }
    }

    #[test]
    fn a_plain_drawing_passes() {
        for good in [
            format!("<svg xmlns=\"{SVG}\" width=\"10\" height=\"10\"/>"),
            format!("\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"{SVG}\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><title>Council &amp; partners &#169;</title><a href=\"https://www.example.gov.uk/\"><rect width=\"5\" height=\"5\" style=\"fill:#005ea5\"/></a><use xlink:href=\"#r\"/><image href=\"crest.png\"/></svg>\n"),
            // Inkscape's own elements and attributes are in namespaces of their own.
            format!("<svg xmlns=\"{SVG}\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" inkscape:version=\"1.3\"><sodipodi:namedview inkscape:zoom=\"1\"/><g opacity=\"0.5\"/></svg>"),
        ] {
            assert_eq!(check(good.as_bytes()), Ok(()), "{good}");
        }
    }

    #[test]
    fn scripts_and_web_pages_are_refused_whatever_their_case_or_prefix() {
        let svg = |inner: &str| format!("<svg xmlns=\"{SVG}\">\n{inner}\n</svg>");
        assert_eq!(
            carries(&svg("<script>alert(1)</script>")),
            "a <script> element"
        );
        assert_eq!(
            carries(&svg("<SCRIPT>alert(1)</SCRIPT>")),
            "a <script> element"
        );
        assert_eq!(
            carries(&format!(
                "<s:svg xmlns:s=\"{SVG}\"><s:script>alert(1)</s:script></s:svg>"
            )),
            "a <script> element"
        );
        assert!(
            carries(&svg("<foreignObject><p>x</p></foreignObject>")).contains("<foreignObject>")
        );
        assert!(carries(&svg("<FOREIGNOBJECT/>")).contains("<foreignObject>"));
        assert!(carries(&svg(
            "<iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://x.example/\"/>"
        ))
        .contains("web page"));
        assert!(
            carries(&svg("<h:p xmlns:h=\"http://www.w3.org/1999/xhtml\"/>")).contains("web page")
        );
        assert_eq!(
            check(svg("<g/>\n<script/>").as_bytes()),
            Err(Refused::Carries("a <script> element".to_owned(), 3))
        );
    }

    #[test]
    fn event_attributes_are_refused_by_name() {
        assert!(
            carries(&format!("<svg xmlns=\"{SVG}\" onload=\"alert(1)\"/>")).contains("(onload)")
        );
        assert!(
            carries(&format!("<svg xmlns=\"{SVG}\"><g ONCLICK=\"x\"/></svg>"))
                .contains("(onclick)")
        );
        assert!(carries(&format!(
            "<svg xmlns=\"{SVG}\" xmlns:e=\"urn:x\"><g e:onmouseover=\"x\"/></svg>"
        ))
        .contains("(onmouseover)"));
    }

    #[test]
    fn script_and_data_addresses_are_refused() {
        let link = |attribute: &str, value: &str| {
            format!("<svg xmlns=\"{SVG}\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a {attribute}=\"{value}\"><rect/></a></svg>")
        };
        for (attribute, value) in [
            ("href", "javascript:alert(1)"),
            ("xlink:href", "JavaScript:alert(1)"),
            ("href", " java&#x09;script:alert(1)"),
            ("href", "&#106;avascript:alert(1)"),
            ("href", "vbscript:msgbox(1)"),
        ] {
            assert!(
                carries(&link(attribute, value)).contains("script: address"),
                "{value}"
            );
        }
        for attribute in ["href", "xlink:href", "xlink:HREF", "HREF"] {
            let text = link(attribute, "data:text/html,x");
            assert!(carries(&text).contains("data: address"), "{attribute}");
        }
        assert!(carries(&format!(
            "<svg xmlns=\"{SVG}\"><a><set attributeName=\"href\" to=\"data:text/html,x\"/></a></svg>"
        ))
        .contains("animation"));
    }

    #[test]
    fn anything_but_well_formed_svg_in_utf_8_is_not_an_svg_image() {
        assert_eq!(
            not_svg(b"DATABASE_PASSWORD=x\n"),
            "it is not well-formed XML"
        );
        assert_eq!(
            not_svg(b"<html><body/></html>"),
            "its first element is not <svg>"
        );
        assert_eq!(not_svg(b"<svg><g></svg>"), "it is not well-formed XML");
        assert_eq!(not_svg(b"<svg><g>"), "it is not well-formed XML");
        assert_eq!(not_svg(b"<svg/><svg/>"), "it is not well-formed XML");
        assert_eq!(not_svg(b"<svg>&nbsp;</svg>"), "it is not well-formed XML");
        assert_eq!(not_svg(b"<svg a=\"&x;\"/>"), "it is not well-formed XML");
        assert_eq!(not_svg(b"<svg><x:g/></svg>"), "it is not well-formed XML");
        assert_eq!(
            not_svg(b"<svg><!-- a -- b --></svg>"),
            "it is not well-formed XML"
        );
        assert_eq!(not_svg(b"<svg>\xff</svg>"), "it is not text in UTF-8");
        assert_eq!(
            not_svg(b"<?xml version=\"1.0\" encoding=\"UTF-7\"?><svg/>"),
            "it declares an encoding other than UTF-8"
        );
        assert_eq!(not_svg(b""), "it is not well-formed XML");
        assert!(carries("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>&x;</svg>").contains("DOCTYPE"));
        assert!(
            carries("<?xml-stylesheet href=\"x.xsl\"?><svg/>").contains("processing instruction")
        );
    }
}
