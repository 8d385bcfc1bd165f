//! `feed.xml` (Atom: briefings and committee cycles, newest first) and `sitemap.xml`.

use crate::model::date::Date;
use crate::render::jobs::Job;
use crate::render::links::Links;
use crate::text::escape;

/// One entry of the feed.
pub(crate) struct Entry {
    pub title: String,
    pub path: String,
    pub date: Date,
    pub summary: String,
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom feed. Entries are sorted newest first; ties keep the address order.
pub(crate) fn atom(
    links: &Links,
    title: &str,
    organisation: &str,
    mut entries: Vec<Entry>,
) -> String {
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
        escape(&links.absolute(&links.to(&Job::Feed)))
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
    xml
}

/// The sitemap of every page, in address order.
pub(crate) fn sitemap(links: &Links, pages: &[&Job]) -> String {
    let mut pages: Vec<(String, &Job)> = pages.iter().map(|job| (job.path(), *job)).collect();
    pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (_, job) in pages {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&links.absolute(&links.to(job)))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}
