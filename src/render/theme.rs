//! Themes: Tera templates and static assets. The default theme is compiled in; a
//! site's own theme folder overrides any of its files.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, as compiled into the binary.
pub(crate) const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "components.html",
    "index.html",
    "plans.html",
    "plan_list.html",
    "plan.html",
    "recommendation.html",
    "actions_table.html",
    "inspection.html",
    "briefing.html",
    "owner.html",
    "cycle.html",
    "changes.html",
    "list.html",
    "page.html",
    "404.html",
    "search.html",
);

/// The default theme's static files.
pub(crate) const DEFAULT_ASSETS: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "filter.js",
        include_str!("../../themes/default/static/filter.js"),
    ),
    (
        "search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
];

/// A theme ready to render: templates parsed once, assets in memory.
pub(crate) struct Theme {
    pub tera: tera::Tera,
    /// Each template's name and, when it came from the site's folder, its file.
    origins: Vec<(String, Option<PathBuf>)>,
    /// Files copied to `assets/`, sorted by name.
    pub assets: Vec<(String, Vec<u8>)>,
    /// A hash of every template and asset: pages built with another theme differ.
    pub fingerprint: u64,
}

impl Theme {
    /// Loads the default theme, then the site's theme folder over it, if it has one.
    pub(crate) fn load(root: &Path, name: Option<&str>) -> Result<Theme, Vec<Diagnostic>> {
        let name = name.unwrap_or("default");
        let folder = root.join("themes").join(name);
        if name != "default" && !folder.is_dir() {
            return Err(vec![Diagnostic::error(
                "content/site.yaml",
                format!("the theme \"{name}\" was not found"),
            )
            .field("theme")
            .hint(format!(
                "create the folder themes/{name}/ (with templates/ and static/), or remove `theme` to use the default"
            ))]);
        }
        let mut templates: Vec<(String, String, Option<PathBuf>)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned(), None))
            .collect();
        let mut assets: Vec<(String, Vec<u8>)> = DEFAULT_ASSETS
            .iter()
            .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec()))
            .collect();
        let mut diagnostics = Vec::new();
        for (file, relative) in files(&folder.join("templates")) {
            let shown = Path::new("themes")
                .join(name)
                .join("templates")
                .join(&relative);
            match std::fs::read_to_string(&file) {
                Ok(text) => {
                    templates.retain(|(n, _, _)| *n != relative);
                    templates.push((relative, text, Some(shown)));
                }
                Err(error) => diagnostics.push(Diagnostic::error(
                    shown,
                    format!("cannot read the template: {error}"),
                )),
            }
        }
        for (file, relative) in files(&folder.join("static")) {
            match std::fs::read(&file) {
                Ok(bytes) => {
                    assets.retain(|(n, _)| *n != relative);
                    assets.push((relative, bytes));
                }
                Err(error) => diagnostics.push(Diagnostic::error(
                    Path::new("themes")
                        .join(name)
                        .join("static")
                        .join(&relative),
                    format!("cannot read the file: {error}"),
                )),
            }
        }
        assets.sort();

        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        let add =
            tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())));
        if let Err(error) = add {
            diagnostics.push(template_diagnostic(
                &error.to_string(),
                &origins(&templates),
            ));
        }
        let mut hasher = std::hash::DefaultHasher::new();
        let mut sorted: Vec<_> = templates.iter().map(|(n, t, _)| (n, t)).collect();
        sorted.sort();
        std::hash::Hash::hash(&sorted, &mut hasher);
        std::hash::Hash::hash(&assets, &mut hasher);
        if diagnostics.is_empty() {
            Ok(Theme {
                tera,
                origins: origins(&templates),
                assets,
                fingerprint: std::hash::Hasher::finish(&hasher),
            })
        } else {
            Err(diagnostics)
        }
    }
}

impl Theme {
    /// A render error as a diagnostic pointing into the template.
    pub(crate) fn diagnostic(&self, message: &str) -> Diagnostic {
        template_diagnostic(message, &self.origins)
    }
}

fn origins(templates: &[(String, String, Option<PathBuf>)]) -> Vec<(String, Option<PathBuf>)> {
    templates
        .iter()
        .map(|(n, _, shown)| (n.clone(), shown.clone()))
        .collect()
}

/// Files under a folder, with their `/`-separated paths inside it, in name order.
fn files(folder: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(folder).ok()?;
            let parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            Some((e.path().to_path_buf(), parts.join("/")))
        })
        .collect()
}

/// A template error as a diagnostic pointing at the template file, line and column.
pub(crate) fn template_diagnostic(
    message: &str,
    origins: &[(String, Option<PathBuf>)],
) -> Diagnostic {
    // Template errors read "error: <what>\n --> <name>:<line>:<column>\n<excerpt>".
    let location = message.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let column: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_owned(), line, column))
    });
    let what = message
        .lines()
        .next()
        .unwrap_or(message)
        .trim_start_matches("error: ")
        .to_owned();
    let Some((name, line, column)) = location else {
        return Diagnostic::error("themes", format!("template error: {message}"));
    };
    let file = origins
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, shown)| shown.clone())
        .unwrap_or_else(|| Path::new("themes/default/templates").join(&name));
    let excerpt: Vec<&str> = message.lines().skip(2).collect();
    let mut diagnostic =
        Diagnostic::error(file, format!("template error: {what}")).at(Some((line, column)));
    if !excerpt.is_empty() {
        diagnostic = diagnostic.hint(format!("\n{}", excerpt.join("\n")));
    }
    diagnostic
}
