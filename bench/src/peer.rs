//! The differential peer: the Rego encoding of fifteen rules, run by regorus, and the per-rule
//! verdicts of both engines in one comparable form.

use planlint::{Outcome, Plan};

/// The rules encoded in `rego/jingzhou.rego`, in the order verdicts are reported.
pub const PEER_RULES: [&str; 15] = [
    "JZ-BOILER-NEW-COAL-BUILTUP",
    "JZ-BOILER-NEW-COAL-OTHER",
    "JZ-PROJ-LIANGGAO-PERF-A",
    "JZ-PROJ-PERF-B-OR-ABOVE",
    "JZ-PROJ-ACCESS-SCREENING",
    "JZ-PROJ-BULK-RAIL-150",
    "JZ-SITE-NRMM-ENTRY-BAN",
    "JZ-BOILER-COAL-ELIM-LE10T-2025",
    "JZ-VEH-DIESEL-CN3-ELIM-2025",
    "JZ-NRMM-STAGE1-ELIM",
    "JZ-NRMM-CODE-REGISTRATION",
    "JZ-ENT-KEY-VEHICLE-USER-GATE-2024",
    "JZ-BOILER-GAS-LOWNOX-GE10T",
    "JZ-VESSEL-OFFICIAL-ELECTRIC-LNG",
    "JZ-COAL-SALE-USE-BAN",
];

pub const POLICY: &str = include_str!("../rego/jingzhou.rego");
const QUERY: &str = "data.planlint.jz.result";

/// What the comparison looks at: the most serious outcome of a rule for a document, folded to
/// the two outcomes that need an officer (pass, not applicable, advice and missing information
/// are all "neither").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Neither,
    Review,
    Violation,
}

pub type Verdicts = [Verdict; PEER_RULES.len()];

/// Checks that the plan still has every rule the peer encodes.
pub fn check_peer_rules(plan: &Plan) -> Result<(), String> {
    let ids: Vec<&str> = plan.rule_ids().collect();
    match PEER_RULES.iter().find(|id| !ids.contains(id)) {
        Some(id) => Err(format!("rule {id} is not in the embedded plan")),
        None => Ok(()),
    }
}

/// planlint's verdicts on the peer's rules, from each rule's outcomes (by id).
pub fn planlint_verdicts(outcomes: &[(String, Outcome)]) -> Verdicts {
    let mut out = [Verdict::Neither; PEER_RULES.len()];
    for (rule, outcome) in outcomes {
        let verdict = match outcome {
            Outcome::Violation => Verdict::Violation,
            Outcome::Review => Verdict::Review,
            _ => continue,
        };
        if let Some(k) = PEER_RULES.iter().position(|id| id == rule) {
            out[k] = out[k].max(verdict);
        }
    }
    out
}

pub struct Peer {
    engine: regorus::Engine,
}

impl Peer {
    pub fn new() -> Result<Peer, String> {
        let mut engine = regorus::Engine::new();
        engine
            .add_policy("jingzhou.rego".into(), POLICY.into())
            .map_err(|e| format!("rego policy: {e}"))?;
        Ok(Peer { engine })
    }

    /// The timed part: `set_input` and `eval_rule`, nothing else.
    pub fn eval(&mut self, input: regorus::Value) -> Result<regorus::Value, String> {
        self.engine.set_input(input);
        self.engine
            .eval_rule(QUERY.into())
            .map_err(|e| format!("rego eval: {e}"))
    }
}

/// The Rego result (a set of `[rule id, outcome]` pairs) as verdicts.
pub fn rego_verdicts(result: &regorus::Value) -> Result<Verdicts, String> {
    let mut out = [Verdict::Neither; PEER_RULES.len()];
    let set = result
        .as_set()
        .map_err(|e| format!("rego result is not a set: {e}"))?;
    for pair in set.iter() {
        let pair = pair.as_array().map_err(|e| format!("rego pair: {e}"))?;
        let (Some(id), Some(outcome)) = (pair.first(), pair.get(1)) else {
            return Err("rego pair has fewer than two items".into());
        };
        let id = id.as_string().map_err(|e| format!("rego rule id: {e}"))?;
        let verdict = match outcome
            .as_string()
            .map_err(|e| format!("rego outcome: {e}"))?
            .as_ref()
        {
            "violation" => Verdict::Violation,
            "review" => Verdict::Review,
            _ => Verdict::Neither,
        };
        let k = PEER_RULES
            .iter()
            .position(|r| *r == id.as_ref())
            .ok_or_else(|| format!("rego names an unknown rule {id}"))?;
        out[k] = out[k].max(verdict);
    }
    Ok(out)
}
