//! What the site says is what the papers say: ids and numbers as printed,
//! required text present, an address that is a web address, and no HTML in a
//! text that can dress itself up as the page.

use crate::util::Site;

const TORBAY: &str = "content/plans/torbay-improvement-action-tracker-2017.yaml";
const TORBAY_PAGE: &str = "public/plans/torbay-improvement-action-tracker-2017/index.html";
const SETTINGS: &str = "content/site.yaml";

#[test]
fn ids_written_as_numbers_are_published_as_written() {
    for written in ["1.10", "0x1F", "1e3", "2.50"] {
        let site = Site::example();
        site.replace(
            TORBAY,
            "          - id: \"1.1\"\n            number: \"1.1\"\n",
            &format!("          - id: {written}\n            number: {written}\n"),
        );
        site.run(&["build"]).passes();
        let html = site.read(TORBAY_PAGE);
        assert!(
            html.contains(&format!("id=\"action-{written}\"")),
            "{written}: the id is not published as written"
        );
        assert!(
            html.contains(&format!(">{written}<")),
            "{written}: the number is not shown as written"
        );
        assert!(!html.contains("id=\"action-1.1\""), "{written}");
    }
}

#[test]
fn one_ten_and_one_one_are_two_ids() {
    let site = Site::example();
    // Action 1.1 stays; another action is given the id 1.10, unquoted.
    site.replace(
        TORBAY,
        "          - id: \"1.1\"\n",
        "          - id: 1.10\n            text: Another action, numbered 1.10\n          - id: \"1.1\"\n",
    );
    site.run(&["build"]).passes();
    let html = site.read(TORBAY_PAGE);
    assert!(html.contains("id=\"action-1.10\""));
    assert!(html.contains("id=\"action-1.1\""));
}

#[test]
fn required_text_left_empty_is_an_error() {
    for (file, line) in [
        (SETTINGS, "title: Children's services action plans\n"),
        ("content/pages/about.md", "title: About this site\n"),
        (
            TORBAY,
            "            text: Assessments should be completed within 20 days, with exceptions being completed within 45 days\n",
        ),
    ] {
        let field = line.trim_start().split(':').next().unwrap();
        let indent = &line[..line.len() - line.trim_start().len()];
        for blank in ["", " ~", " null", " \"\"", " ''", " # to come"] {
            let site = Site::example();
            site.replace(file, line, &format!("{indent}{field}:{blank}\n"));
            for strict in [false, true] {
                let args: &[&str] = if strict {
                    &["build", "--strict"]
                } else {
                    &["build"]
                };
                site.run(args)
                    .fails()
                    .error_in(file)
                    .says(&format!("the required field \"{field}\" is empty"));
            }
            assert!(!site.path("public").exists(), "{file} {blank:?}");
        }
    }
    // A title that is a tilde in quotes is a title.
    let site = Site::example();
    site.replace(
        "content/pages/about.md",
        "title: About this site\n",
        "title: \"~\"\n",
    );
    site.check().passes();
}

#[test]
fn the_site_address_must_be_a_web_address() {
    for bad in [
        "\"javascript:alert(document.domain)//\"",
        "data:text/html,hello",
        "ftp://example.org/",
        "www.example.gov.uk",
        "\"https://\"",
    ] {
        let site = Site::example();
        site.replace(
            SETTINGS,
            "base_url: https://www.example.gov.uk/",
            &format!("base_url: {bad}"),
        );
        site.run(&["build"])
            .fails()
            .error_in(SETTINGS)
            .field("base_url");
        assert!(!site.path("public").exists(), "{bad}");
    }
}

#[test]
fn raw_html_cannot_cover_the_page_or_take_its_ids() {
    let site = Site::example();
    site.append(
        "content/pages/about.md",
        "\n<table><tr><td style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:#fff\">The council has closed.</td></tr></table>\n\n<div id=\"main\" class=\"visually-hidden\">x</div>\n\nA note[^1].\n\n[^1]: The note.\n",
    );
    site.run(&["build"]).passes();
    let html = site.read("public/about/index.html");
    assert!(html.contains("The council has closed."));
    assert!(!html.contains("position:fixed"), "a style survived");
    assert_eq!(
        html.matches("id=\"main\"").count(),
        1,
        "an id from the text reached the page"
    );
    assert!(html.contains("id=\"fn-1\""), "footnotes lost their anchors");
    assert!(
        html.contains("href=\"#fn-1\""),
        "footnotes lost their links"
    );
}
