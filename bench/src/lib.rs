//! The planlint benchmark harness: corpus generator, staged pipeline timing and the regorus peer.

pub mod corpus;
pub mod peer;
pub mod pipeline;
pub mod rng;
pub mod tree;

/// The embedded Jingzhou plan, compiled; panics only if the crate was built without its plan.
pub fn embedded_plan() -> planlint::Plan {
    let plan = planlint::Plan::embedded().expect("planlint embeds a default plan");
    assert!(!plan.has_errors(), "the embedded plan has errors");
    plan
}
