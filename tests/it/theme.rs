//! The council's own look (`brand:`), themes that add to the default, the
//! committee report, the status panel and `build --base-url`.

use crate::util::{built, page, read_tree, Site};

const SETTINGS: &str = "content/site.yaml";

const BRAND: &str = "brand:
  colour: \"#005ea5\"
  logo: brand/logo.svg
  logo_alt: Example Borough Council
  home: https://www.example.gov.uk/
  footer_links:
    - label: Privacy notice
      url: https://www.example.gov.uk/privacy
  contact: improvement@example.gov.uk
  notice: Election period
";

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";

#[test]
fn a_brand_block_is_shown_without_a_theme() {
    let site = Site::example();
    site.write("brand/logo.svg", LOGO).append(SETTINGS, BRAND);
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let home = page(&files, "index.html");
    assert!(
        home.contains("--brand: #005ea5;"),
        "the colour sets --brand"
    );
    assert!(
        home.contains("<img src=\"/assets/brand/logo.svg\" alt=\"Example Borough Council\""),
        "the logo with its alt text"
    );
    assert_eq!(
        files["assets/brand/logo.svg"],
        LOGO.as_bytes(),
        "the logo is copied"
    );
    assert!(home.contains("<a href=\"https://www.example.gov.uk/privacy\">Privacy notice</a>"));
    assert!(home.contains("<a href=\"mailto:improvement@example.gov.uk\">"));
    assert!(home.contains("Election period"));
}

#[test]
fn a_brand_colour_too_light_to_read_is_an_error_naming_both_ratios() {
    let site = Site::example();
    site.append(SETTINGS, "brand:\n  colour: \"#f47738\"\n");
    let checked = site.check();
    checked
        .fails()
        .error_at(SETTINGS, site.position(SETTINGS, "\"#f47738\""))
        .says("white text on it has a contrast of 2.78:1, and as link text on white 2.78:1")
        .helps("the nearest darker shade that passes");
}

#[test]
fn a_logo_needs_its_alt_text() {
    let site = Site::example();
    site.write("brand/logo.svg", LOGO)
        .append(SETTINGS, "brand:\n  logo: brand/logo.svg\n");
    site.check().fails().error_in(SETTINGS).says("logo_alt");
}

#[test]
fn a_missing_theme_is_an_error_at_the_theme_line_of_site_yaml() {
    let site = Site::example();
    site.replace(SETTINGS, "theme: default", "theme: our-own-look");
    site.check()
        .fails()
        .error_at(SETTINGS, site.position(SETTINGS, "our-own-look"))
        .says("the theme \"our-own-look\" was not found");
}

#[test]
fn a_themes_stylesheet_is_added_after_the_default_unless_it_says_replace() {
    let site = Site::example();
    site.replace(SETTINGS, "theme: default", "theme: council")
        .write("themes/council/static/style.css", "h1 { color: green; }\n");
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let home = page(&files, "index.html");
    let default = home
        .find("href=\"/assets/style.css\"")
        .expect("the default stylesheet");
    let added = home
        .find("href=\"/assets/theme.css\"")
        .expect("the theme's stylesheet");
    assert!(default < added, "the theme's comes after the default");
    assert!(String::from_utf8_lossy(&files["assets/style.css"]).contains("--brand"));

    site.write("themes/council/theme.yaml", "stylesheet: replace\n");
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    assert!(!page(&files, "index.html").contains("theme.css"));
    assert_eq!(files["assets/style.css"], b"h1 { color: green; }\n");
}

#[test]
fn the_committee_report_lists_each_exception_once() {
    let (_, files) = built();
    let report = page(&files, "cycles/2013-08/report/index.html");
    // R22 action 1 is red (the key's "Behind schedule") and overdue: one
    // row, both reasons, its status named by its colour and the key's label.
    assert_eq!(report.matches(">R22, action 1</a>").count(), 1, "{report}");
    let row = &report[report.find(">R22, action 1</a>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("<li>Red (Behind schedule)</li><li>Overdue</li>"),
        "{row}"
    );
    assert!(report.contains("Exceptions listed below: <strong>5</strong>"));
    assert!(page(&files, "cycles/2013-08/index.html").contains("/cycles/2013-08/report/"));
}

#[test]
fn printed_pages_carry_the_meeting_and_page_numbers() {
    let (_, files) = built();
    let plan = page(&files, "plans/telford-improvement-plan/index.html");
    assert!(
        plan.contains("@top-left { content: \"Children's services action plans · Children's Services Improvement Plan (working document) · as of Telford \\26  Wrekin Children and Young People Scrutiny Committee, 15 August 2013\"; }"),
        "{}",
        &plan[..plan.find("</head>").unwrap()]
    );
    let css = String::from_utf8_lossy(&files["assets/style.css"]).into_owned();
    assert!(css.contains("counter(page)"));
}

#[test]
fn each_plan_has_a_badge_an_embed_page_and_a_page_of_snippets() {
    let (_, files) = built();
    let badge = page(&files, "plans/telford-improvement-plan/badge.svg");
    assert!(
        badge.contains("<title>Children&apos;s Services Improvement Plan (working document): 57 actions: 49 Complete, 3 In progress – on schedule, 5 Behind schedule; 5 overdue"),
        "{badge}"
    );
    let embed = page(&files, "plans/telford-improvement-plan/embed/index.html");
    assert!(embed.contains("target=\"_top\""));
    assert!(!embed.contains("site-nav"), "no navigation in the frame");
    // The snippets are on the page for web teams, which the plan's page links to.
    let plan = page(
        &files,
        "plans/telford-improvement-plan/embed-code/index.html",
    );
    assert!(plan.contains("&lt;iframe src=&quot;https://www.example.gov.uk/plans/telford-improvement-plan/embed/&quot;"));
    assert!(plan.contains("(working document): 57 actions: 49 Complete, 3 In progress – on schedule, 5 Behind schedule; 5 overdue&quot; width"));
}

#[test]
fn base_url_overrides_site_yaml_for_one_build_and_rebuilds_everything() {
    let site = Site::example();
    site.run(&["build"]).passes();
    let out = site.run(&["build", "--base-url", "http://localhost:8000/improvement/"]);
    out.passes();
    let files = read_tree(&site.path("public"));
    assert!(page(&files, "index.html").contains("href=\"/improvement/assets/style.css\""));
    let stdout = out.stdout.clone();
    let total = files.keys().count();
    assert!(
        stdout.contains(&format!("built {total} files ({total} rendered")),
        "a different base URL renders every file: {stdout}"
    );
    site.run(&["build", "--base-url", "localhost:8000"])
        .fails()
        .stderr_has("is not a web address");
}

#[test]
fn an_ejected_theme_builds_the_same_site_and_its_errors_have_file_and_line() {
    let (_, default) = built();
    let site = Site::example();
    site.run(&["theme", "eject", "council"]).passes();
    assert!(site
        .read("themes/council/README.md")
        .contains("| `report.html` |"));
    site.run(&["theme", "eject", "council"])
        .fails()
        .stderr_has("already exists; nothing was written");
    site.replace(SETTINGS, "theme: default", "theme: council");
    site.run(&["build"]).passes();
    assert!(
        read_tree(&site.path("public")) == default,
        "the copy renders the site as the default does"
    );
    let template = "themes/council/templates/page.html";
    site.replace(
        template,
        "{{ page.title }}",
        "{{ page.title | nosuchfilter }}",
    );
    site.check()
        .fails()
        .error_in(template)
        .says("template error");
    site.replace(
        template,
        "{{ page.title | nosuchfilter }}",
        "{{ asset_url(path=\"logo.png\") }}",
    );
    site.run(&["build"]).passes();
    assert!(site
        .read("public/about/index.html")
        .contains("/assets/logo.png"));
}

#[test]
fn a_default_theme_folder_is_the_default_stylesheet_not_an_addition() {
    let site = Site::example();
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    site.write("themes/default/static/style.css", &css);
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    assert!(!files.contains_key("assets/theme.css"), "one stylesheet");
    assert!(!page(&files, "index.html").contains("theme.css"));
}

#[test]
fn pack_without_chromium_is_a_clear_error_and_build_never_makes_a_pdf() {
    let site = Site::example();
    let mut command = crate::util::ragtime();
    command
        .args(["pack", "2013-08", "--pdf", "--root"])
        .arg(site.root())
        .env("CHROMIUM", site.path("no-such-chromium"));
    crate::util::run(command)
        .fails()
        .stderr_has("printing to PDF needs Chromium, which was not found");
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    assert!(
        files.keys().all(|f| !f.ends_with(".pdf")),
        "no PDF in the site"
    );
}

/// The height the iframe snippet on a plan's page for web teams asks for.
fn frame_height(plan: &str) -> u32 {
    let at = plan.find("/embed/&quot;").expect("an iframe snippet");
    let rest = &plan[at..];
    let rest = &rest[rest.find("height=&quot;").expect("a height") + "height=&quot;".len()..];
    rest[..rest.find("&quot;").unwrap()].parse().unwrap()
}

#[test]
fn the_status_panel_s_frame_is_tall_enough_for_a_phone() {
    let (_, files) = built();
    let plan = page(
        &files,
        "plans/telford-improvement-plan/embed-code/index.html",
    );
    // Chromium lays this panel out 459 px tall at 375 px wide ("5 overdue" is
    // its last count); a 320 px frame cut it off.
    let height = frame_height(&plan);
    assert!(height >= 459, "{height}");
    // A longer title wraps over more lines on a phone: the frame grows with it.
    let site = Site::example();
    site.replace(
        "content/plans/telford-improvement-plan.yaml",
        "title: Children's Services Improvement Plan (working document)",
        "title: Children's Services Improvement Plan (working document) following the inspection of services for children in need of help and protection",
    );
    site.run(&["build"]).passes();
    let files = read_tree(&site.path("public"));
    let longer = frame_height(&page(
        &files,
        "plans/telford-improvement-plan/embed-code/index.html",
    ));
    assert!(longer >= height + 4 * 27, "{longer} against {height}");
}
