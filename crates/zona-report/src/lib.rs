//! zona-report: every output zona writes.
//!
//! - Workbooks: the unit's xlsx report ([`report`]), the blank LKE template ([`template`]), the
//!   comparison ([`compare_writer`]), the batch summary ([`batch_writer`]), the official-layout
//!   writer the samples and tests use ([`lke_writer`]) and the PortalRB `Jawaban` workbook
//!   ([`portalrb_writer`]); all written through [`output_file`]: atomically, never over an input,
//!   over an existing file only when forced (the last two always replace, as fixtures do).
//! - The evidence pack ([`evidence_pack`]): the files an LKE names as evidence, copied into a
//!   folder tree numbered like the LKE, with an index workbook (sizes, SHA-256).
//! - One error for every writer: [`WriteError`], with a message in Bahasa Indonesia or English.
//! - The same input gives the same bytes: every workbook stores a fixed creation date
//!   ([`CREATION_DATE`]).
//! - Renderings ([`render`]): the text, JSON and CSV the front ends print, over typed views.
//!
//! Everything here takes the core's types (criteria, answers, scores, analyses) and nothing from
//! the readers.

pub mod batch_writer;
pub mod compare_writer;
mod doc_properties;
mod error;
pub mod evidence_pack;
pub mod lke_writer;
pub mod output_file;
pub mod portalrb_json;
pub mod portalrb_writer;
pub mod render;
pub mod report;
mod sheet;
pub mod template;

pub use doc_properties::CREATION_DATE;
pub use error::{OutputKind, WriteError};
