//! Analyses of scored answer sets: they call the scoring code, never restate it.
//!
//! - [`priority`]: which answers to improve first, and the fewest improvements that make each
//!   failing predicate condition pass;
//! - [`compare`]: scores side by side (years, units, criteria versions);
//! - [`layer_diff`]: where two scored layers (unit, TPI, TPN) disagree;
//! - [`batch`]: many scored units reduced to summary rows and ranked;
//! - [`evidence`]: every item's evidence checked, and the score the evidence supports;
//! - [`keeping`]: whether a holder of a predicate still meets it, and its margins over the years.

pub mod batch;
pub mod compare;
pub mod evidence;
pub mod keeping;
pub mod layer_diff;
pub mod priority;
