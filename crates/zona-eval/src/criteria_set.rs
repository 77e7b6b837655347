//! The criteria an evaluation may use: one set the user named, or every built-in set with a best
//! fit per source.

use std::path::Path;

use zona_core::{Criteria, CriteriaError};

/// The candidate criteria of an evaluation, the default first.
#[derive(Debug, Clone)]
pub struct CriteriaSet {
    candidates: Vec<Criteria>,
    /// One set was named: every source is scored with it.
    given: bool,
}

impl CriteriaSet {
    /// Every built-in criteria set (PermenPANRB 90/2021 first, then 10/2019): each source is
    /// scored with the one that finds the largest share of its items (the default unless another
    /// is clearly better; `zona_read::best_fit`).
    pub fn builtin() -> Self {
        CriteriaSet {
            candidates: zona_core::builtin_criteria(),
            given: false,
        }
    }

    /// One criteria set for every source.
    pub fn one(criteria: Criteria) -> Self {
        CriteriaSet {
            candidates: vec![criteria],
            given: true,
        }
    }

    /// `None`: the built-in sets ([`CriteriaSet::builtin`]). A path that does not exist may name a
    /// built-in set by its id (`permenpanrb-10-2019`); otherwise the file is loaded and validated.
    // The criteria error keeps toml's error as its source (see `zona_core::load_str`).
    #[allow(clippy::result_large_err)]
    pub fn load(path: Option<&Path>) -> Result<Self, CriteriaError> {
        let Some(path) = path else {
            return Ok(Self::builtin());
        };
        if !path.exists() {
            let id = path.to_string_lossy();
            if let Some(c) = zona_core::builtin_criteria()
                .into_iter()
                .find(|c| c.meta.id == id)
            {
                return Ok(Self::one(c));
            }
        }
        zona_core::load_file(path).map(Self::one)
    }

    /// The criteria a source is scored with when nothing else decides: the one given, else the
    /// default built-in set.
    pub fn primary(&self) -> &Criteria {
        &self.candidates[0]
    }

    pub fn candidates(&self) -> &[Criteria] {
        &self.candidates
    }

    /// Whether one set was named (no best fit).
    pub fn is_given(&self) -> bool {
        self.given
    }
}
