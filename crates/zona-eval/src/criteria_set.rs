//! The criteria an evaluation may use: one set the user named, or every built-in set with a best
//! fit per source.

use std::path::Path;
use std::sync::OnceLock;

use zona_core::{Criteria, CriteriaError};

/// The candidate criteria of an evaluation, the default first.
///
/// Built-in candidates are built from code the build wrote ([`crate::load_builtin`]), not read
/// from TOML; those other than the default are built on first use: a source that the default fits
/// is scored without ever loading the others (`zona_read::best_fit` reads a later candidate only
/// when it could still win).
#[derive(Debug, Clone)]
pub struct CriteriaSet {
    candidates: Vec<Candidate>,
    /// One set was named: every source is scored with it.
    given: bool,
}

#[derive(Debug, Clone)]
struct Candidate {
    /// Index into [`zona_core::BUILTIN_CRITERIA`] of a built-in set not loaded yet.
    builtin: Option<usize>,
    criteria: OnceLock<Criteria>,
}

impl Candidate {
    fn loaded(criteria: Criteria) -> Self {
        Candidate {
            builtin: None,
            criteria: OnceLock::from(criteria),
        }
    }

    fn get(&self) -> &Criteria {
        self.criteria.get_or_init(|| {
            // A candidate is either loaded when made or a built-in one.
            crate::load_builtin(self.builtin.unwrap_or(0))
        })
    }
}

impl CriteriaSet {
    /// Every built-in criteria set (PermenPANRB 90/2021 first, then 10/2019): each source is
    /// scored with the one that finds the largest share of its items (the default unless another
    /// is clearly better; `zona_read::best_fit`). The default is loaded now, the others when a
    /// source first needs them.
    pub fn builtin() -> Self {
        let candidates = (0..zona_core::BUILTIN_CRITERIA.len())
            .map(|i| {
                if i == 0 {
                    Candidate::loaded(crate::load_builtin(0))
                } else {
                    Candidate {
                        builtin: Some(i),
                        criteria: OnceLock::new(),
                    }
                }
            })
            .collect();
        CriteriaSet {
            candidates,
            given: false,
        }
    }

    /// One criteria set for every source.
    pub fn one(criteria: Criteria) -> Self {
        CriteriaSet {
            candidates: vec![Candidate::loaded(criteria)],
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
            let builtin: Vec<Criteria> = (0..zona_core::BUILTIN_CRITERIA.len())
                .map(crate::load_builtin)
                .collect();
            if let Some(c) = builtin.iter().find(|c| c.meta.id == id) {
                return Ok(Self::one(c.clone()));
            }
            // A name that is no file: say which ids would do, rather than "No such file".
            if std::fs::symlink_metadata(path).is_err() {
                return Err(CriteriaError::Unknown {
                    name: id.into_owned(),
                    builtin: builtin.into_iter().map(|c| c.meta.id).collect(),
                });
            }
        }
        zona_core::load_file(path).map(Self::one)
    }

    /// The criteria a source is scored with when nothing else decides: the one given, else the
    /// default built-in set.
    pub fn primary(&self) -> &Criteria {
        self.candidates[0].get()
    }

    /// How many candidates there are (the default first).
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// Never: a set has at least the default (or the one given).
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// The candidate at `index` (0: the primary), loaded on first use.
    ///
    /// # Panics
    /// When `index` is not below [`CriteriaSet::len`].
    pub fn candidate(&self, index: usize) -> &Criteria {
        self.candidates[index].get()
    }

    /// Whether one set was named (no best fit).
    pub fn is_given(&self) -> bool {
        self.given
    }
}
