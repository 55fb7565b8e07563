//! Leaf utilities every stage uses: spans and positions, exact numbers, dates, folding,
//! national identifiers, did-you-mean.

pub(crate) mod date;
pub(crate) mod escape;
pub(crate) mod fold;
pub(crate) mod identifier;
pub(crate) mod number;
pub(crate) mod span;
pub(crate) mod suggest;
pub(crate) mod width;

/// Serialises a map with its keys in order, so that the same map is always written the same
/// bytes (a hash map's own order changes from one run to the next).
pub(crate) fn sorted_map<V: serde::Serialize, S: serde::Serializer>(
    map: &std::collections::HashMap<String, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let sorted: std::collections::BTreeMap<&String, &V> = map.iter().collect();
    serde::Serialize::serialize(&sorted, serializer)
}
