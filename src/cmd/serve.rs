//! `ragtime serve`: the preview (see [`crate::preview`]) run until the
//! process is stopped.

use crate::diagnostic::{Failed, Outcome};
use crate::preview::{serve, Options};

pub(crate) fn run(options: &Options) -> Outcome {
    serve(options).map_err(|error| {
        eprintln!("error: {error}");
        Failed
    })
}
