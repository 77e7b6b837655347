//! The built-in criteria sets, validated when zona is built (`build.rs`: zona-core's TOML loader
//! over `criteria/*.toml`) and compiled in as the code that builds them
//! (`build/rust_literal.rs`): loading one costs its allocations, not a TOML parse and validation
//! (0.5 M instructions instead of 13 M for PermenPANRB 90/2021).

use zona_core::criteria::prebuilt;
use zona_core::Criteria;

/// The code build.rs wrote: `SETS[i]()` builds the parts of the set at `i` of
/// [`zona_core::BUILTIN_CRITERIA`].
mod generated {
    use zona_core::criteria::model::*;
    use zona_core::criteria::portalrb_layout::{PortalRbColumns, PortalRbLayout};
    use zona_core::criteria::prebuilt::Parts;

    /// Every string of the sets. A call rather than `String::from` inlined 1,500 times: a
    /// third less code to compile (3 s of a release build), for 0.05 M instructions a load.
    #[inline(never)]
    fn s(text: &'static str) -> String {
        text.to_owned()
    }

    include!(concat!(env!("OUT_DIR"), "/builtin_criteria.rs"));
}

/// The built-in criteria set at `index` of [`zona_core::BUILTIN_CRITERIA`] (0: the default): what
/// [`zona_core::load_builtin`] returns, without reading TOML.
///
/// # Panics
/// When `index` is out of range.
pub fn load_builtin(index: usize) -> Criteria {
    prebuilt::assemble(generated::SETS[index]())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled-in sets are what the criteria files compiled into this build give now: made
    /// from stale or other files, or lossy, they differ.
    #[test]
    fn prebuilt_sets_are_the_criteria_files() {
        assert_eq!(generated::SETS.len(), zona_core::BUILTIN_CRITERIA.len());
        for i in 0..generated::SETS.len() {
            let from_toml = zona_core::load_builtin(i);
            let id = &from_toml.meta.id;
            let prebuilt = load_builtin(i);
            // Debug tells -0.0 from 0.0, which PartialEq does not; the first line that differs
            // says where (the whole set is too long for a message). The lookups are left out (a
            // HashMap's Debug follows its random order) and compared below.
            let debug = |c: &Criteria| format!("{:#?}", prebuilt::parts(c));
            let (got, want) = (debug(&prebuilt), debug(&from_toml));
            if let Some((n, (g, w))) = got
                .lines()
                .zip(want.lines())
                .enumerate()
                .find(|(_, (g, w))| g != w)
            {
                panic!(
                    "{id}: line {} of the Debug output: prebuilt {g:?}, TOML {w:?}",
                    n + 1
                );
            }
            assert_eq!(got.len(), want.len(), "{id}");
            // Every field, the lookups by key included.
            assert!(prebuilt == from_toml, "{id}: the sets differ");
            for (n, node) in prebuilt.nodes.iter().enumerate() {
                assert_eq!(prebuilt.node_by_key(&node.key), Some(zona_core::NodeId(n)));
            }
            for (n, item) in prebuilt.items.iter().enumerate() {
                assert_eq!(prebuilt.item_by_key(&item.key), Some(zona_core::ItemId(n)));
            }
        }
    }
}
