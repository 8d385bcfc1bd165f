//! `ragtime build`: the site built into the output folder (see
//! [`crate::pipeline::build`]), and what happened printed.

use crate::diagnostic::tally;
use crate::diagnostic::{Failed, Outcome};
use crate::pipeline::build::build_unless_unchanged;
use crate::pipeline::check::Strictness;
use std::path::Path;

/// `ragtime build`: prints what was built, or every problem and that nothing
/// changed. When nothing the last build read or wrote has changed since, it
/// says again what that build said, and leaves the output as it is.
pub(crate) fn run(
    root: &Path,
    output: &Path,
    strictness: Strictness,
    base_url: Option<&str>,
) -> Outcome {
    let started = std::time::Instant::now();
    match build_unless_unchanged(root, output, strictness, base_url) {
        Ok(built) => {
            eprint!("{}", built.said.warnings);
            print!("{}", built.said.summary);
            println!(
                "built {} files ({} rendered, {} changed) into {} in {} ms",
                built.files,
                built.rendered,
                built.changed,
                output.display(),
                started.elapsed().as_millis()
            );
            Ok(())
        }
        Err(failed) => {
            crate::diagnostic::print_all(&failed.diagnostics);
            // Say what is there now, not what should be.
            let state = if std::fs::symlink_metadata(output).is_ok() {
                "was left as it was"
            } else {
                "was not written"
            };
            eprintln!(
                "build failed: {}; {} {state}",
                tally(failed.errors(), failed.warnings()),
                output.display()
            );
            Err(Failed)
        }
    }
}
