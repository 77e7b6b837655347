//! Answers: what a source holds for the items of a criteria set, before any scoring.
//!
//! - [`a1`]: cell names (`K37`);
//! - [`cell`]: a raw value and where it came from ([`cell::RawValue`], [`cell::Location`]);
//! - [`answer`]: one source's answers ([`answer::AnswerSet`]) and the unit facts it states;
//! - [`evidence`]: evidence entries (data dukung) and what each is (link, path, description);
//! - [`diag`]: the problems found while reading and scoring, with their locations;
//! - [`layers`]: the unit's, TPI's and TPN's answers as layers of the same items.

pub mod a1;
pub mod answer;
pub mod cell;
pub mod diag;
pub mod evidence;
pub mod layers;
