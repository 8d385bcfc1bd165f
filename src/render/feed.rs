//! `feed.xml` (Atom: briefings and committee cycles, newest first) and `sitemap.xml`.

use crate::model::date::Date;
use crate::output::Output;
use crate::render::links::Links;
use crate::text::escape;

/// One entry of the feed.
pub struct Entry {
    pub title: String,
    pub path: String,
    pub date: Date,
    pub summary: String,
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom feed. Entries are sorted newest first; ties keep the address order.
pub fn atom(links: &Links, title: &str, organisation: &str, mut entries: Vec<Entry>) -> Output {
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |e| timestamp(e.date));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        escape(&links.absolute(&links.home()))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" href=\"{}\"/>\n",
        escape(&links.absolute(&links.home()))
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape(&links.absolute(&links.path("feed.xml")))
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(organisation)
    ));
    for entry in &entries {
        let url = escape(&links.absolute(&entry.path));
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&entry.title)));
        xml.push_str(&format!("    <id>{url}</id>\n"));
        xml.push_str(&format!("    <link rel=\"alternate\" href=\"{url}\"/>\n"));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(entry.date)
        ));
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(&entry.summary)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Output::new("feed.xml", xml)
}

/// The sitemap of every HTML page, in address order.
pub fn sitemap(links: &Links, paths: &[String]) -> Output {
    let mut paths: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .collect();
    paths.sort_unstable();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths {
        let page = path.strip_suffix("index.html").unwrap_or(path);
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&links.absolute(&links.path(page)))
        ));
    }
    xml.push_str("</urlset>\n");
    Output::new("sitemap.xml", xml)
}
