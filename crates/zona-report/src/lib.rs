//! zona-report: every output zona writes.
//!
//! - Workbooks: the unit's xlsx report ([`report`]), the blank LKE template ([`template`]), the
//!   comparison ([`compare_writer`]), the batch summary ([`batch_writer`]) and the official-layout
//!   writer the samples and tests use ([`lke_writer`]); all written through [`output_file`]:
//!   atomically, never over an input, over an existing file only when forced.
//! - Renderings ([`render`]): the text, JSON and CSV the front ends print.
//!
//! Everything here takes the core's types (criteria, answers, scores, analyses) and nothing from
//! the readers.

pub mod batch_writer;
pub mod compare_writer;
pub mod lke_writer;
pub mod output_file;
pub mod portalrb_writer;
pub mod render;
pub mod report;
pub mod template;
