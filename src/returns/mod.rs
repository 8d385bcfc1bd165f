//! Owners' returns of a committee cycle: a workbook per owner listing their
//! open actions ([`write`]), and the filled-in workbooks read back, their
//! updates added to the plans' YAML ([`read`]). What a return holds is in
//! [`layout`].

pub(crate) mod layout;
pub(crate) mod read;
pub(crate) mod write;
