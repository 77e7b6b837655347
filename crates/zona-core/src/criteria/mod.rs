//! The criteria: what is scored and how, as one regulation version (or a ministry's variant)
//! defines it.
//!
//! - [`model`]: the LKE tree (nodes and items), answer scales, areas, predicates and the roles the
//!   regulation gives some nodes (re-exported here: `zona_core::criteria::Criteria`, …);
//! - [`load`]: reading and validating a criteria TOML file (docs/criteria-format.md);
//! - [`prebuilt`]: validated criteria taken apart and put together again (the built-in sets are
//!   checked when zona is built and built from code written then);
//! - [`portalrb_layout`]: where the PortalRB `Jawaban` workbook keeps each soal (`[portalrb]`).

pub mod load;
pub mod model;
pub mod portalrb_layout;
pub mod prebuilt;

pub use model::*;
