//! The pipeline every command runs, from the site folder to what is made of
//! it: the site checked (load, resolve, the derived facts' concerns, the
//! theme), then built into a folder, or its committee report printed to PDF.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod pack;
