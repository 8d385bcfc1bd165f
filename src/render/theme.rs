//! Themes: Tera templates and static assets. The default theme is compiled in; a
//! site's own theme folder overrides any of its files, except its
//! `static/style.css`, which is added after the default stylesheet (as
//! `theme.css`) unless its `theme.yaml` says `stylesheet: replace`. The site's
//! logo (`brand.logo` in `site.yaml`) is one more asset.

use crate::diagnostic::Diagnostic;
use crate::load::spans::{locate, FieldPath};
use crate::model::site::Site;
use std::path::{Path, PathBuf};

/// Where `site.yaml` is, for errors about its `theme:` and `brand:` lines.
const SITE_YAML: &str = "content/site.yaml";

/// A theme's `theme.yaml`: how its files join the default theme's.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeSettings {
    /// `add` (the default): the theme's `style.css` comes after the default
    /// stylesheet; `replace`: it is the only stylesheet.
    #[serde(default)]
    stylesheet: Stylesheet,
}

#[derive(Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Stylesheet {
    #[default]
    Add,
    Replace,
}

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
    "organisation.html",
    "plan_list.html",
    "plan_rows.html",
    "plan.html",
    "recommendation.html",
    "actions_table.html",
    "action_rows.html",
    "inspection.html",
    "briefing.html",
    "owner.html",
    "cycle.html",
    "cycle_organisations.html",
    "report.html",
    "embed.html",
    "embed_code.html",
    "history.html",
    "changes.html",
    "list.html",
    "page.html",
    "404.html",
    "scorecard.html",
    "indicators.html",
    "indicator.html",
    "clocks.html",
    "drift.html",
    "meeting.html",
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
    (
        "favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
];

/// A theme ready to render: templates parsed once, assets in memory.
pub(crate) struct Theme {
    pub tera: tera::Tera,
    /// Each template's name and, when it came from the site's folder, its file; and its text.
    origins: Vec<(String, Option<PathBuf>, String)>,
    /// Files copied to `assets/`, sorted by name.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The stylesheets every page links, in order (names of `assets`).
    pub stylesheets: Vec<String>,
    /// A hash of every template and asset: pages built with another theme differ.
    pub fingerprint: u64,
}

impl Theme {
    /// The theme `site.yaml` names, with the site's logo (as `load` read and
    /// checked it) among its assets; `asset_prefix` is the address of the
    /// site's `assets/` folder (see [`crate::render::links::Links::asset`]),
    /// which `asset_url` prefixes.
    pub(crate) fn for_site(
        root: &Path,
        site: &Site,
        asset_prefix: &str,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let config = &site.config;
        let mut theme = Theme::load(root, config.theme.as_deref(), asset_prefix)?;
        let logo = config.brand.as_ref().and_then(|b| b.logo.as_deref());
        if let (Some(logo), Some(bytes)) = (logo, &site.logo) {
            let mut hasher = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&(theme.fingerprint, bytes.bytes()), &mut hasher);
            theme.fingerprint = std::hash::Hasher::finish(&hasher);
            theme
                .assets
                .push((logo_asset(logo), bytes.bytes().to_vec()));
            theme.assets.sort();
        }
        Ok(theme)
    }

    /// Loads the default theme, then the site's theme folder over it, if it has one.
    /// `asset_url` gives addresses under `asset_prefix`.
    pub(crate) fn load(
        root: &Path,
        name: Option<&str>,
        asset_prefix: &str,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let name = name.unwrap_or("default");
        let folder = root.join("themes").join(name);
        if name != "default" && !folder.is_dir() {
            return Err(vec![site_error(
                root,
                &FieldPath::root().key("theme"),
                format!("the theme \"{name}\" was not found: there is no folder themes/{name}/"),
            )
            .hint(format!(
                "create the folder themes/{name}/ (with templates/ and static/; `ragtime theme eject {name}` writes a copy of the default), or remove `theme` to use the default"
            ))]);
        }
        let settings: ThemeSettings = match std::fs::read_to_string(folder.join("theme.yaml")) {
            // themes/default/ is the default theme itself (as in ragtime's own
            // repository): its stylesheet is the default one, not an addition.
            Err(_) if name == "default" => ThemeSettings {
                stylesheet: Stylesheet::Replace,
            },
            Err(_) => ThemeSettings::default(),
            Ok(text) => match serde_yaml::from_str::<Option<ThemeSettings>>(&text) {
                Ok(settings) => settings.unwrap_or_default(),
                Err(error) => {
                    let shown = Path::new("themes").join(name).join("theme.yaml");
                    return Err(vec![Diagnostic::error(shown, format!("cannot read theme.yaml: {error}"))
                        .at(error.location().map(|l| (l.line(), l.column())))
                        .hint("theme.yaml may say `stylesheet: add` (the default) or `stylesheet: replace`")]);
                }
            },
        };
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
        let mut stylesheets = vec!["style.css".to_owned()];
        for (file, relative) in files(&folder.join("static")) {
            // Added after the default stylesheet, so a one-line file changes one thing.
            let relative = if relative == "style.css" && settings.stylesheet == Stylesheet::Add {
                stylesheets.push("theme.css".to_owned());
                "theme.css".to_owned()
            } else {
                relative
            };
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
        // `asset_url(path="x.png")` and `"x.png" | asset_url`: an asset's
        // address under the site's base URL, for templates of a theme.
        let prefix = asset_prefix.to_owned();
        tera.register_function(
            "asset_url",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                Ok(format!("{prefix}{}", kwargs.must_get::<&str>("path")?))
            },
        );
        let prefix = asset_prefix.to_owned();
        tera.register_filter(
            "asset_url",
            move |path: &str, _: tera::Kwargs, _: &tera::State| format!("{prefix}{path}"),
        );
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
                stylesheets,
                fingerprint: std::hash::Hasher::finish(&hasher),
            })
        } else {
            Err(diagnostics)
        }
    }
}

impl Theme {
    /// A render error of the page `page` with `template`: placed in the
    /// template when Tera gives no place (a component that calls itself
    /// without end), at its first component call.
    pub(crate) fn render_diagnostic(
        &self,
        message: &str,
        template: &str,
        page: &str,
    ) -> Diagnostic {
        let diagnostic = template_diagnostic(message, &self.origins);
        if diagnostic.file != Path::new("themes") {
            return diagnostic;
        }
        let line = self
            .origins
            .iter()
            .find(|(n, _, _)| n == template)
            .and_then(|(_, _, text)| {
                text.lines()
                    .position(|line| line.contains("{{ <") || line.contains("{{<"))
            });
        let first = message.lines().next().unwrap_or(message);
        Diagnostic::error(
            template_file(template, &self.origins),
            format!("template error: {first} (rendering the page {page})"),
        )
        .at(line.map(|line| (line + 1, 1)))
    }

    /// The file a template comes from, as messages show it.
    pub(crate) fn shown(&self, name: &str) -> String {
        template_file(name, &self.origins).display().to_string()
    }
}

/// Where the logo goes in the built site: `assets/brand/<its file name>`.
pub(crate) fn logo_asset(logo: &str) -> String {
    let name = Path::new(logo)
        .file_name()
        .map_or_else(|| "logo".to_owned(), |n| n.to_string_lossy().into_owned());
    format!("brand/{name}")
}

/// An error at a field of `site.yaml`, at its line when the file can be read.
fn site_error(root: &Path, field: &FieldPath, message: String) -> Diagnostic {
    let text = std::fs::read_to_string(root.join(SITE_YAML)).unwrap_or_default();
    Diagnostic::error(SITE_YAML, message)
        .at(locate(&text, field))
        .field(field.to_string())
}

fn origins(
    templates: &[(String, String, Option<PathBuf>)],
) -> Vec<(String, Option<PathBuf>, String)> {
    templates
        .iter()
        .map(|(n, text, shown)| (n.clone(), shown.clone(), text.clone()))
        .collect()
}

/// The file of a template, as messages show it: the site's own, or the default theme's.
fn template_file(name: &str, origins: &[(String, Option<PathBuf>, String)]) -> PathBuf {
    origins
        .iter()
        .find(|(n, _, _)| n == name)
        .and_then(|(_, shown, _)| shown.clone())
        .unwrap_or_else(|| Path::new("themes/default/templates").join(name))
}

/// An error Tera gives without a place (an include cycle: "Circular include
/// detected for template 'page.html'"): placed at the first template it names,
/// on the line that includes a template of the cycle.
fn unplaced(message: &str, origins: &[(String, Option<PathBuf>, String)]) -> Option<Diagnostic> {
    let named: Vec<&str> = message.split(['\'', '"']).skip(1).step_by(2).collect();
    let name = named
        .iter()
        .find(|name| origins.iter().any(|(n, _, _)| n == *name))?;
    let (_, _, text) = origins.iter().find(|(n, _, _)| n == name)?;
    let line = text.lines().position(|line| {
        line.contains("include") && named.iter().any(|n| line.contains(&format!("\"{n}\"")))
    });
    let first = message.lines().next().unwrap_or(message);
    Some(
        Diagnostic::error(
            template_file(name, origins),
            format!("template error: {first}"),
        )
        .at(line.map(|line| (line + 1, 1))),
    )
}

/// Files under a folder, with their `/`-separated paths inside it, in name
/// order; hidden ones (`.DS_Store`, anything under `.git/`) are never part of a theme.
fn files(folder: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
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
    origins: &[(String, Option<PathBuf>, String)],
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
        return unplaced(message, origins)
            .unwrap_or_else(|| Diagnostic::error("themes", format!("template error: {message}")));
    };
    let file = template_file(&name, origins);
    let excerpt: Vec<&str> = message.lines().skip(2).collect();
    let mut diagnostic =
        Diagnostic::error(file, format!("template error: {what}")).at(Some((line, column)));
    if !excerpt.is_empty() {
        diagnostic = diagnostic.hint(format!("\n{}", excerpt.join("\n")));
    }
    diagnostic
}
