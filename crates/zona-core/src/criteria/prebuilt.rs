//! Validated criteria taken apart and put together again, so that a build can check its built-in
//! criteria once and its binaries build them without parsing TOML.
//!
//! `zona-eval`'s build script loads every built-in criteria file with the TOML loader
//! ([`crate::load_str`]: parse and validate; an invalid file fails the build) and writes the
//! [`parts`] of each as the Rust expression that builds them (the model's types are
//! `Serialize`); at run time [`assemble`] makes the same [`Criteria`] of them, at a small fraction
//! of the cost. The criteria files stay the one source of truth: the code is made from them on
//! every build.
//!
//! The model's lookups by key (`node_index`, `item_index`) are not among the parts: [`assemble`]
//! rebuilds them from the nodes' and items' keys, as the loader makes them for valid criteria
//! (every key is unique there).

use std::collections::HashMap;

use super::model::*;
use super::portalrb_layout::PortalRbLayout;

/// Every field of [`Criteria`] but the lookups, in declaration order.
pub type Parts = (
    Meta,
    Vec<Scale>,
    Vec<Area>,
    Vec<Node>,
    Vec<Item>,
    Vec<NodeId>,
    Vec<Predicate>,
    Option<PortalRbLayout>,
);

/// [`Parts`], borrowed.
pub type PartsRef<'a> = (
    &'a Meta,
    &'a [Scale],
    &'a [Area],
    &'a [Node],
    &'a [Item],
    &'a [NodeId],
    &'a [Predicate],
    &'a Option<PortalRbLayout>,
);

/// The parts of `c`, for writing.
pub fn parts(c: &Criteria) -> PartsRef<'_> {
    (
        &c.meta,
        &c.scales,
        &c.areas,
        &c.nodes,
        &c.items,
        &c.roots,
        &c.predicates,
        &c.portalrb,
    )
}

/// The criteria of these parts, with their lookups. Nothing is validated: the parts are trusted to
/// be those of valid criteria (what [`parts`] gave for [`crate::load_str`]'s result, as in the
/// build).
pub fn assemble(parts: Parts) -> Criteria {
    let (meta, scales, areas, nodes, items, roots, predicates, portalrb) = parts;
    let node_index = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.key.clone(), NodeId(i)))
        .collect::<HashMap<_, _>>();
    let item_index = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.key.clone(), ItemId(i)))
        .collect::<HashMap<_, _>>();
    Criteria {
        meta,
        scales,
        areas,
        nodes,
        items,
        roots,
        predicates,
        portalrb,
        node_index,
        item_index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_set_reassembles_equal() {
        for i in 0..crate::BUILTIN_CRITERIA.len() {
            let c = crate::load_builtin(i);
            let (m, s, a, n, it, r, p, l) = parts(&c);
            let back = assemble((
                m.clone(),
                s.to_vec(),
                a.to_vec(),
                n.to_vec(),
                it.to_vec(),
                r.to_vec(),
                p.to_vec(),
                l.clone(),
            ));
            // With the lookups (compared as maps).
            assert_eq!(back, c, "{}", c.meta.id);
        }
    }
}
