//! `ragtime theme eject [NAME]`: the default theme's templates and assets,
//! written to `themes/NAME/` for a council that wants full control, with a
//! README of what each template renders and the variables it receives.

use crate::diagnostic::{Failed, Outcome};
use crate::render::theme::{DEFAULT_ASSETS, DEFAULT_TEMPLATES};
use std::fs;
use std::path::Path;

const README: &str = include_str!("README.md");

/// Writes the copy; refuses when `themes/NAME/` exists, so nothing is overwritten.
pub(crate) fn eject(root: &Path, name: &str) -> Result<Vec<String>, String> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "\"{name}\" is not a usable theme name: use lower-case letters, digits and dashes, for example \"council\""
        ));
    }
    let folder = root.join("themes").join(name);
    if folder.exists() {
        return Err(format!(
            "themes/{name}/ already exists; nothing was written (choose another name, or move it away first)"
        ));
    }
    let mut written = Vec::new();
    let mut put = |relative: String, text: &str| -> Result<(), String> {
        let path = folder.join(&relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(format!("themes/{name}/{relative}"));
        Ok(())
    };
    for (file, text) in DEFAULT_TEMPLATES {
        put(format!("templates/{file}"), text)?;
    }
    for (file, text) in DEFAULT_ASSETS {
        put(format!("static/{file}"), text)?;
    }
    put(
        "theme.yaml".to_owned(),
        "# This theme's static/style.css is the only stylesheet (it is a full copy of the default's).\nstylesheet: replace\n",
    )?;
    put("README.md".to_owned(), &README.replace("NAME", name))?;
    Ok(written)
}

pub(crate) fn run(root: &Path, name: &str) -> Outcome {
    match eject(root, name) {
        Ok(files) => {
            for file in &files {
                println!("created {file}");
            }
            println!("next: set `theme: {name}` in content/site.yaml; themes/{name}/README.md says what each template receives");
            Ok(())
        }
        Err(error) => {
            eprintln!("error: {error}");
            Err(Failed)
        }
    }
}
