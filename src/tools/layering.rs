//! `rules layering`: each rule that implements a rule of a plan above it, compared with that rule
//! to find where the child is weaker (decisions A24), each weakness shown by a counter-example.
//!
//! The comparison is structural: modality, document kind, the lists a rule runs over, its scope
//! (`when`), its requirement, its exceptions (`unless`), its softer outcomes (`review if`,
//! `advice if`) and its deadline. A condition that bounds a value (`b.capacity >= 2 t/h`) is
//! compared as a set of values, in the dimension's base unit, so a threshold on the lenient side
//! and 及以下 against 以下 are both found. What it cannot put in order is "cannot verify", with the
//! reason; nothing is passed silently.
//!
//! A counter-example is a submission on which the parent's rule gives a violation and the
//! child's does not: first searched among the test submissions of every plan of the chain, then
//! made from one of them by setting the value a difference turns on to a value between the two
//! rules' bounds.

use super::rules_test::{self, TestParts};
use crate::base::number::Number;
use crate::base::span::SourceFile;
use crate::eval::{Finding, Outcome, evaluate};
use crate::model::{Expr, ExprKind, Literal, Plan, Rule, Type};
use crate::submission::{self, Node, Value, yaml};
use crate::syntax::ast::{BinaryOp, CompareOp, Modality};
use crate::words::Language;
use crate::words::{Said, Word};

/// How a child rule stands against the parent rule it implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every difference makes the child stricter or changes nothing.
    NoWeaker,
    /// A submission shows the child weaker: the parent's rule binds on it and the child's not.
    Weaker,
    /// A difference that may weaken the child, or that the comparison cannot put in order, and
    /// no submission that shows the child weaker.
    CannotVerify,
}

/// What a difference is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aspect {
    Modality,
    Kind,
    List,
    Scope,
    Threshold,
    Inclusivity,
    Requirement,
    Exception,
    SofterOutcome,
    Deadline,
}

impl Aspect {
    fn word(self) -> Word {
        match self {
            Aspect::Modality => Word::AspectModality,
            Aspect::Kind => Word::AspectKind,
            Aspect::List => Word::AspectList,
            Aspect::Scope => Word::AspectScope,
            Aspect::Threshold => Word::AspectThreshold,
            Aspect::Inclusivity => Word::AspectInclusivity,
            Aspect::Requirement => Word::AspectRequirement,
            Aspect::Exception => Word::AspectException,
            Aspect::SofterOutcome => Word::AspectSofterOutcome,
            Aspect::Deadline => Word::AspectDeadline,
        }
    }
}

/// One way the child differs from its parent.
#[derive(Clone, Debug)]
pub struct Difference {
    pub aspect: Aspect,
    /// `Some(true)`: the child may be weaker by it (a counter-example decides); `Some(false)`:
    /// stricter; `None`: not in order.
    pub weaker: Option<bool>,
    pub(crate) text: Said,
    /// For a difference a value decides: the value's path and one value on which the parent's
    /// rule binds and the child's does not, in the base unit (`each(boilers).capacity`, `1 t/h`).
    probe: Option<(String, String)>,
}

impl Difference {
    /// What the difference is, in the reader's language.
    pub fn text(&self, language: Language) -> String {
        self.text.in_language(language)
    }
}

/// A submission on which the parent's rule binds and the child's does not.
#[derive(Clone, Debug)]
pub struct CounterExample {
    /// The test file it is, or was made from.
    pub source: String,
    /// The change made to that file's document, when it was made rather than found: the value's
    /// path and what it was set to.
    pub change: Option<(String, String)>,
    pub parent_outcome: Outcome,
    pub child_outcome: Outcome,
    /// The whole submission, as the test file writes it (with the change applied).
    pub text: String,
}

/// One `implements` pair compared.
#[derive(Clone, Debug)]
pub struct Pairing {
    pub child: String,
    pub child_plan: String,
    pub parent: String,
    pub parent_plan: String,
    pub verdict: Verdict,
    pub differences: Vec<Difference>,
    pub counter_example: Option<CounterExample>,
}

/// The whole comparison of a chain.
#[derive(Clone, Debug, Default)]
pub struct Layering {
    pub pairs: Vec<Pairing>,
    /// Rules of the plans above that no rule below implements: they still apply through the
    /// chain, but nothing was compared with them.
    pub not_implemented: Vec<(String, String)>,
    /// How many test submissions were tried as counter-examples.
    pub candidates: usize,
}

/// Compares every `implements` pair of the chain. `tests` are the test files of every plan of
/// the chain (name and bytes), where counter-examples are looked for.
pub fn compare(plan: &crate::Plan, tests: &[(String, Vec<u8>)]) -> Layering {
    let model = &plan.model;
    let candidates = candidates(model, tests);
    let mut layering = Layering {
        candidates: candidates.len(),
        ..Layering::default()
    };
    for (child_index, child) in model.rules.iter().enumerate() {
        for (parent_id, _) in &child.implements {
            let Some(parent_index) = model.rules.iter().position(|r| &r.id == parent_id) else {
                continue;
            };
            let parent = &model.rules[parent_index];
            let differences = differences(model, child, parent);
            let suspect = differences.iter().any(|d| d.weaker != Some(false));
            let counter_example = suspect
                .then(|| {
                    counter_example(model, &candidates, child_index, parent_index, &differences)
                })
                .flatten();
            // Weaker is said only with a submission that shows it; a difference that may weaken
            // the child but that no submission tried shows is "cannot verify", never a pass.
            let verdict = if counter_example.is_some() {
                Verdict::Weaker
            } else if suspect {
                Verdict::CannotVerify
            } else {
                Verdict::NoWeaker
            };
            layering.pairs.push(Pairing {
                child: child.id.clone(),
                child_plan: model.layer_header(model.file_layer(child.file)).id.clone(),
                parent: parent.id.clone(),
                parent_plan: model.layer_header(model.file_layer(parent.file)).id.clone(),
                verdict,
                differences,
                counter_example,
            });
        }
    }
    for rule in &model.rules {
        let layer = model.file_layer(rule.file);
        if layer == 0 {
            continue;
        }
        let implemented = model.rules.iter().any(|r| {
            model.file_layer(r.file) < layer && r.implements.iter().any(|(id, _)| *id == rule.id)
        });
        if !implemented {
            layering
                .not_implemented
                .push((model.layer_header(layer).id.clone(), rule.id.clone()));
        }
    }
    layering
}

/// How binding a modality is: a plain duty, then 原則上, then a target, 力爭 and encouragement.
fn strength(modality: Modality) -> u8 {
    match modality {
        Modality::Must | Modality::Forbid => 4,
        Modality::InPrincipleMust | Modality::InPrincipleForbid => 3,
        Modality::Target => 2,
        Modality::Strive => 1,
        Modality::Encourage => 0,
    }
}

fn forbids(modality: Modality) -> bool {
    matches!(modality, Modality::Forbid | Modality::InPrincipleForbid)
}

/// Every difference between a child rule and the parent rule it implements.
fn differences(plan: &Plan, child: &Rule, parent: &Rule) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut note = |aspect, weaker, text: Said| {
        out.push(Difference {
            aspect,
            weaker,
            text,
            probe: None,
        })
    };
    let (c, p) = (strength(child.modality), strength(parent.modality));
    if c != p {
        note(
            Aspect::Modality,
            Some(c < p),
            Said::new(Word::DiffModality)
                .with("child", child.modality.name())
                .with("parent", parent.modality.name()),
        );
    }
    if child.applies_to != parent.applies_to {
        note(
            Aspect::Kind,
            None,
            Said::new(Word::DiffKind)
                .with("child", kind_name(plan, child))
                .with("parent", kind_name(plan, parent)),
        );
        return out;
    }
    let child_lists: Vec<String> = child
        .for_each
        .iter()
        .map(|f| canon(plan, child, &f.list))
        .collect();
    let parent_lists: Vec<String> = parent
        .for_each
        .iter()
        .map(|f| canon(plan, parent, &f.list))
        .collect();
    if child_lists != parent_lists {
        note(
            Aspect::List,
            None,
            Said::new(Word::DiffList)
                .with("child", child_lists.join(", "))
                .with("parent", parent_lists.join(", ")),
        );
        return out;
    }
    match (child.deadline, parent.deadline) {
        (Some(c), Some(p)) if c != p => note(
            Aspect::Deadline,
            Some(c > p),
            Said::new(Word::DiffDeadline)
                .with("child", c)
                .with("parent", p),
        ),
        (Some(c), None) => note(
            Aspect::Deadline,
            Some(true),
            Said::new(Word::DiffDeadlineChildOnly).with("child", c),
        ),
        (None, Some(p)) => note(
            Aspect::Deadline,
            Some(false),
            Said::new(Word::DiffDeadlineParentOnly).with("parent", p),
        ),
        _ => {}
    }
    let mut scope = Vec::new();
    compare_scope(plan, child, parent, &mut scope);
    out.extend(scope);
    let mut requirement = Vec::new();
    compare_requirement(plan, child, parent, &mut requirement);
    out.extend(requirement);
    let parent_unless: Vec<String> = parent
        .unless
        .iter()
        .flat_map(|e| disjuncts(e))
        .map(|e| canon(plan, parent, e))
        .collect();
    for exception in child.unless.iter().flat_map(|e| disjuncts(e)) {
        let text = canon(plan, child, exception);
        if !parent_unless.contains(&text) {
            out.push(Difference {
                aspect: Aspect::Exception,
                weaker: Some(true),
                text: Said::new(Word::DiffException).with("text", &text),
                probe: None,
            });
        }
    }
    let downgrades = |rule: &Rule| -> Vec<String> {
        rule.reviews
            .iter()
            .chain(&rule.advices)
            .map(|d| canon(plan, rule, &d.condition))
            .collect()
    };
    let parent_downgrades = downgrades(parent);
    for (i, downgrade) in downgrades(child).into_iter().enumerate() {
        if !parent_downgrades.contains(&downgrade) {
            let word = if i < child.reviews.len() {
                Word::Review
            } else {
                Word::Advice
            };
            out.push(Difference {
                aspect: Aspect::SofterOutcome,
                weaker: Some(true),
                text: Said::new(Word::DiffSofter)
                    .with_said("outcome", Said::new(word))
                    .with("condition", &downgrade),
                probe: None,
            });
        }
    }
    out
}

fn kind_name<'p>(plan: &'p Plan, rule: &Rule) -> &'p str {
    plan.records
        .get(rule.applies_to)
        .map_or("?", |r| r.name.as_str())
}

/// A one-sided bound on a value: `path op value`, the value in its dimension's base unit.
#[derive(Clone, Debug)]
struct Bound {
    path: String,
    op: CompareOp,
    value: Number,
    unit: String,
}

impl Bound {
    fn upper(&self) -> bool {
        matches!(self.op, CompareOp::Lt | CompareOp::Le)
    }

    fn lower(&self) -> bool {
        matches!(self.op, CompareOp::Gt | CompareOp::Ge)
    }

    fn inclusive(&self) -> bool {
        matches!(self.op, CompareOp::Le | CompareOp::Ge | CompareOp::Eq)
    }

    fn contains(&self, v: Number) -> bool {
        match self.op {
            CompareOp::Lt => v < self.value,
            CompareOp::Le => v <= self.value,
            CompareOp::Gt => v > self.value,
            CompareOp::Ge => v >= self.value,
            CompareOp::Eq => v == self.value,
            CompareOp::Ne => v != self.value,
        }
    }

    /// Whether every value this bound admits the other admits too; `None` when the two are not
    /// on the same side.
    fn within(&self, other: &Bound) -> Option<bool> {
        if self.op == CompareOp::Eq {
            return Some(other.contains(self.value));
        }
        if self.upper() && other.upper() {
            return Some(
                self.value < other.value
                    || (self.value == other.value && (!self.inclusive() || other.inclusive())),
            );
        }
        if self.lower() && other.lower() {
            return Some(
                self.value > other.value
                    || (self.value == other.value && (!self.inclusive() || other.inclusive())),
            );
        }
        None
    }

    fn shown(&self) -> String {
        format!(
            "{} {} {}",
            self.path,
            self.op.symbol(),
            self.written(self.value)
        )
    }

    /// A value of this bound as a submission or a rule writes it: a percentage times 100.
    fn written(&self, value: Number) -> String {
        if self.unit == "%" {
            let percent = value.checked_mul(Number::from_int(100)).unwrap_or(value);
            format!("{percent}%")
        } else if self.unit.is_empty() {
            value.to_string()
        } else {
            format!("{value} {}", self.unit)
        }
    }

    /// A value this bound does not admit, for a counter-example outside it.
    fn outside(&self) -> Number {
        let one = Number::from_int(1);
        let half = |v: Number| v.checked_div(Number::from_int(2)).unwrap_or(v);
        match self.op {
            CompareOp::Gt | CompareOp::Ge => {
                if self.value > one {
                    half(self.value)
                } else {
                    self.value.checked_sub(one).unwrap_or(self.value)
                }
            }
            _ => self.value.checked_add(one).unwrap_or(self.value),
        }
    }

    /// A value `wider` admits and this bound does not: between the two.
    fn gap(&self, wider: &Bound) -> Number {
        if self.value == wider.value {
            return self.value;
        }
        let mid = self
            .value
            .checked_add(wider.value)
            .and_then(|s| s.checked_div(Number::from_int(2)));
        mid.unwrap_or(wider.value)
    }
}

/// The bound a comparison with a literal states, the literal on either side.
fn bound(plan: &Plan, rule: &Rule, e: &Expr) -> Option<Bound> {
    let ExprKind::Compare { op, left, right } = &e.kind else {
        return None;
    };
    let (value_side, literal, op) = match (literal_number(plan, right), literal_number(plan, left))
    {
        (Some(n), _) => (left, n, *op),
        (None, Some(n)) => (right, n, flip(*op)),
        _ => return None,
    };
    if matches!(op, CompareOp::Ne) {
        return None;
    }
    let unit = match &value_side.ty {
        Type::Quantity(d) => plan.dimensions[*d]
            .units
            .first()
            .map(|u| plan.units[*u].name.clone())
            .unwrap_or_default(),
        Type::Percent => "%".to_string(),
        _ => String::new(),
    };
    Some(Bound {
        path: canon(plan, rule, value_side),
        op,
        value: literal,
        unit,
    })
}

fn flip(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        other => other,
    }
}

/// A number, percentage or quantity written in the rules, directly or through a parameter.
fn literal_number(plan: &Plan, e: &Expr) -> Option<Number> {
    match &e.kind {
        ExprKind::Literal(Literal::Number(n) | Literal::Percent(n) | Literal::Quantity(n)) => {
            Some(*n)
        }
        ExprKind::Param(i) => literal_number(plan, &plan.params.get(*i)?.value),
        _ => None,
    }
}

/// The `when` lines of the two rules compared: conditions the child adds narrow it, bounds it
/// draws on the lenient side narrow it, conditions only the parent has widen it.
fn compare_scope(plan: &Plan, child: &Rule, parent: &Rule, out: &mut Vec<Difference>) {
    let atoms = |rule: &Rule| -> Vec<(String, Option<Bound>)> {
        rule.when
            .iter()
            .flat_map(|e| conjuncts(e))
            .map(|e| (canon(plan, rule, e), bound(plan, rule, e)))
            .collect()
    };
    let child_atoms = atoms(child);
    let parent_atoms = atoms(parent);
    let mut matched_parent = vec![false; parent_atoms.len()];
    for (text, child_bound) in &child_atoms {
        if let Some(i) = parent_atoms.iter().position(|(t, _)| t == text) {
            matched_parent[i] = true;
            continue;
        }
        let same_path = child_bound.as_ref().and_then(|cb| {
            parent_atoms.iter().enumerate().find_map(|(i, (_, pb))| {
                let pb = pb.as_ref()?;
                (pb.path == cb.path && cb.within(pb).is_some()).then_some((i, pb))
            })
        });
        match (child_bound, same_path) {
            (Some(cb), Some((i, pb))) => {
                matched_parent[i] = true;
                let narrower = cb.within(pb) == Some(true) && pb.within(cb) != Some(true);
                let wider = pb.within(cb) == Some(true) && cb.within(pb) != Some(true);
                let aspect = if cb.value == pb.value {
                    Aspect::Inclusivity
                } else {
                    Aspect::Threshold
                };
                if narrower {
                    out.push(Difference {
                        aspect,
                        weaker: Some(true),
                        text: Said::new(Word::DiffBoundNarrower)
                            .with("child", cb.shown())
                            .with("parent", pb.shown()),
                        probe: Some((cb.path.clone(), cb.written(cb.gap(pb)))),
                    });
                } else if wider {
                    out.push(Difference {
                        aspect,
                        weaker: Some(false),
                        text: Said::new(Word::DiffBoundWider)
                            .with("child", cb.shown())
                            .with("parent", pb.shown()),
                        probe: None,
                    });
                }
            }
            (Some(cb), None) => out.push(Difference {
                aspect: Aspect::Scope,
                weaker: Some(true),
                text: Said::new(if cb.lower() {
                    Word::DiffFloorExtra
                } else {
                    Word::DiffLimitExtra
                })
                .with("bound", cb.shown()),
                probe: Some((cb.path.clone(), cb.written(cb.outside()))),
            }),
            (None, _) => out.push(Difference {
                aspect: Aspect::Scope,
                weaker: Some(true),
                text: Said::new(Word::DiffConditionExtra).with("text", text),
                probe: probe_outside(plan, child, find_atom(child, plan, text)),
            }),
        }
    }
    for ((text, _), matched) in parent_atoms.iter().zip(matched_parent) {
        if !matched {
            out.push(Difference {
                aspect: Aspect::Scope,
                weaker: Some(false),
                text: Said::new(Word::DiffConditionParent).with("text", text),
                probe: None,
            });
        }
    }
}

/// The `when` condition of a rule written `text`, to find a value outside it.
fn find_atom<'r>(rule: &'r Rule, plan: &Plan, text: &str) -> Option<&'r Expr> {
    rule.when
        .iter()
        .flat_map(|e| conjuncts(e))
        .find(|e| canon(plan, rule, e) == text)
}

/// A value that makes a yes/no or enum condition false, as a submission writes it: `false` for a
/// yes/no field, another value of the enum for `x = v` or `x in [...]`.
fn probe_outside(plan: &Plan, rule: &Rule, atom: Option<&Expr>) -> Option<(String, String)> {
    let atom = atom?;
    let spelled = |en: usize, v: usize| {
        let value = &plan.enums[en].values[v];
        value.label.clone().unwrap_or_else(|| value.name.clone())
    };
    match &atom.kind {
        ExprKind::Field { .. } | ExprKind::Root(_) if atom.ty == Type::Bool => {
            Some((canon(plan, rule, atom), "false".into()))
        }
        ExprKind::Not(inner)
            if inner.ty == Type::Bool && !matches!(inner.kind, ExprKind::Binary { .. }) =>
        {
            Some((canon(plan, rule, inner), "true".into()))
        }
        ExprKind::Compare {
            op: CompareOp::Eq,
            left,
            right,
        } => match &right.kind {
            ExprKind::Literal(Literal::Enum(en, v)) => {
                let other = (0..plan.enums[*en].values.len()).find(|w| w != v)?;
                Some((canon(plan, rule, left), spelled(*en, other)))
            }
            _ => None,
        },
        ExprKind::In {
            negated: false,
            item,
            set,
        } => {
            let ExprKind::List(items) = &set.kind else {
                return None;
            };
            let listed: Vec<(usize, usize)> = items
                .iter()
                .filter_map(|i| match &i.kind {
                    ExprKind::Literal(Literal::Enum(en, v)) => Some((*en, *v)),
                    _ => None,
                })
                .collect();
            let en = listed.first()?.0;
            let other = (0..plan.enums[en].values.len()).find(|w| !listed.contains(&(en, *w)))?;
            Some((canon(plan, rule, item), spelled(en, other)))
        }
        _ => None,
    }
}

/// The requirements compared: a child may forbid more and require more, never less.
fn compare_requirement(plan: &Plan, child: &Rule, parent: &Rule, out: &mut Vec<Difference>) {
    let (c, p) = (
        canon(plan, child, &child.requirement),
        canon(plan, parent, &parent.requirement),
    );
    if c == p {
        return;
    }
    if forbids(child.modality) != forbids(parent.modality) {
        out.push(Difference {
            aspect: Aspect::Requirement,
            weaker: None,
            text: Said::new(Word::DiffDutyAgainstBan)
                .with("child", &c)
                .with("parent", &p),
            probe: None,
        });
        return;
    }
    // A ban forbids any of its alternatives; a duty requires all of its parts.
    let parts = |rule: &Rule| -> Vec<String> {
        let split = if forbids(rule.modality) {
            disjuncts
        } else {
            conjuncts
        };
        split(&rule.requirement)
            .into_iter()
            .map(|e| canon(plan, rule, e))
            .collect()
    };
    let (child_parts, parent_parts) = (parts(child), parts(parent));
    let missing: Vec<&String> = parent_parts
        .iter()
        .filter(|x| !child_parts.contains(x))
        .collect();
    let extra: Vec<&String> = child_parts
        .iter()
        .filter(|x| !parent_parts.contains(x))
        .collect();
    // The words of a ban's difference and of a duty's.
    let (bound_word, missing_word, extra_word) = if forbids(child.modality) {
        (Word::DiffBanBound, Word::DiffBanMissing, Word::DiffBanExtra)
    } else {
        (
            Word::DiffDutyBound,
            Word::DiffDutyMissing,
            Word::DiffDutyExtra,
        )
    };
    if missing.len() == 1 && extra.len() == 1 {
        let cb = single_bound(plan, child);
        let pb = single_bound(plan, parent);
        if let (Some(cb), Some(pb)) = (cb, pb)
            && cb.path == pb.path
            && let (Some(c_in_p), Some(p_in_c)) = (cb.within(&pb), pb.within(&cb))
        {
            // A ban is weaker when it forbids fewer values; a duty when it allows more.
            let weaker = if forbids(child.modality) {
                c_in_p && !p_in_c
            } else {
                p_in_c && !c_in_p
            };
            let stricter = if forbids(child.modality) {
                p_in_c && !c_in_p
            } else {
                c_in_p && !p_in_c
            };
            if weaker || stricter {
                let aspect = if cb.value == pb.value {
                    Aspect::Inclusivity
                } else {
                    Aspect::Threshold
                };
                // A value the parent's rule breaks on and the child's does not: forbidden by the
                // parent's ban and not the child's, or allowed by the child's duty and not the
                // parent's.
                let probe = weaker
                    .then(|| {
                        separating(&cb, &pb, |v| {
                            if forbids(child.modality) {
                                pb.contains(v) && !cb.contains(v)
                            } else {
                                cb.contains(v) && !pb.contains(v)
                            }
                        })
                    })
                    .flatten()
                    .map(|v| (cb.path.clone(), cb.written(v)));
                out.push(Difference {
                    aspect,
                    weaker: Some(weaker),
                    text: Said::new(bound_word)
                        .with("child", cb.shown())
                        .with("parent", pb.shown()),
                    probe,
                });
                return;
            }
        }
    }
    if !missing.is_empty() {
        let missing: Vec<Said> = missing
            .iter()
            .map(|m| Said::new(Word::Quoted).with("text", m))
            .collect();
        out.push(Difference {
            aspect: Aspect::Requirement,
            weaker: Some(true),
            text: Said::new(missing_word).with_said_list("parts", missing),
            probe: None,
        });
    }
    if !extra.is_empty() {
        let extra: Vec<Said> = extra
            .iter()
            .map(|m| Said::new(Word::Quoted).with("text", m))
            .collect();
        out.push(Difference {
            aspect: Aspect::Requirement,
            // Alternatives a ban adds forbid more; parts a duty adds require more.
            weaker: Some(false),
            text: Said::new(extra_word).with_said_list("parts", extra),
            probe: None,
        });
    }
}

/// The first of the values near two bounds that `wanted` accepts: the bounds' own values, the
/// value between them, and one just outside each.
fn separating(a: &Bound, b: &Bound, wanted: impl Fn(Number) -> bool) -> Option<Number> {
    [a.value, b.value, a.gap(b), a.outside(), b.outside()]
        .into_iter()
        .find(|v| wanted(*v))
}

fn single_bound(plan: &Plan, rule: &Rule) -> Option<Bound> {
    bound(plan, rule, &rule.requirement)
}

fn conjuncts(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Binary {
            op: BinaryOp::And,
            left,
            right,
        } => {
            let mut out = conjuncts(left);
            out.extend(conjuncts(right));
            out
        }
        _ => vec![e],
    }
}

fn disjuncts(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Binary {
            op: BinaryOp::Or,
            left,
            right,
        } => {
            let mut out = disjuncts(left);
            out.extend(disjuncts(right));
            out
        }
        _ => vec![e],
    }
}

/// An expression written out the same way whatever the rule names its variables: an item of a
/// `for each` list is `each(LIST)`, parameters are their values, quantities are in base units.
fn canon(plan: &Plan, rule: &Rule, e: &Expr) -> String {
    let c = |x: &Expr| canon(plan, rule, x);
    match &e.kind {
        ExprKind::Literal(l) => match l {
            Literal::Bool(b) => b.to_string(),
            Literal::Number(n) => n.to_string(),
            Literal::Percent(n) => {
                format!("{}%", n.checked_mul(Number::from_int(100)).unwrap_or(*n))
            }
            Literal::Quantity(n) => match &e.ty {
                Type::Quantity(d) => {
                    let unit = plan.dimensions[*d]
                        .units
                        .first()
                        .map_or("", |u| plan.units[*u].name.as_str());
                    format!("{n} {unit}")
                }
                _ => n.to_string(),
            },
            Literal::Text(t) => format!("{t:?}"),
            Literal::Date(d) => d.to_string(),
            Literal::Enum(en, v) => plan.enums[*en].values[*v].name.clone(),
        },
        ExprKind::Local(slot) => match rule.for_each.iter().find(|f| f.slot == *slot) {
            Some(f) => format!("each({})", c(&f.list)),
            None => "it".to_string(),
        },
        ExprKind::Root(field) => plan.records[rule.applies_to].fields[*field].name.clone(),
        ExprKind::Field { base, field } => {
            let name = match &base.ty {
                Type::Record(r) => plan.records[*r].fields[*field].name.as_str(),
                _ => "?",
            };
            format!("{}.{name}", c(base))
        }
        ExprKind::Param(i) => plan
            .params
            .get(*i)
            .map_or_else(|| "?".into(), |p| c(&p.value)),
        ExprKind::Call { define, args } => format!(
            "{}({})",
            plan.defines[*define].name,
            args.iter().map(c).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Given(x) => format!("given({})", c(x)),
        ExprKind::Missing(x) => format!("missing({})", c(x)),
        ExprKind::Count(x) => format!("count({})", c(x)),
        ExprKind::CheckDate => "check_date".into(),
        ExprKind::Builtin { function, args } => format!(
            "{function:?}({})",
            args.iter().map(c).collect::<Vec<_>>().join(", ")
        )
        .to_lowercase(),
        ExprKind::List(items) => {
            let mut items: Vec<String> = items.iter().map(c).collect();
            items.sort();
            format!("[{}]", items.join(", "))
        }
        ExprKind::Aggregate {
            kind,
            list,
            filter,
            body,
            ..
        } => format!(
            "{}({}{}{})",
            kind.name(),
            c(list),
            filter
                .as_ref()
                .map_or(String::new(), |f| format!(" where {}", c(f))),
            body.as_ref()
                .map_or(String::new(), |b| format!(": {}", c(b)))
        ),
        ExprKind::Not(x) => format!("not ({})", c(x)),
        ExprKind::Negate(x) => format!("-({})", c(x)),
        ExprKind::Binary { op, left, right } => {
            let word = match op {
                BinaryOp::Or => "or",
                BinaryOp::And => "and",
                BinaryOp::Add => "+",
                BinaryOp::Sub => "-",
                BinaryOp::Mul => "*",
                BinaryOp::Div => "/",
            };
            format!("({} {word} {})", c(left), c(right))
        }
        ExprKind::Compare { op, left, right } => {
            format!("{} {} {}", c(left), op.symbol(), c(right))
        }
        ExprKind::In { negated, item, set } => format!(
            "{} {}in {}",
            c(item),
            if *negated { "not " } else { "" },
            c(set)
        ),
        ExprKind::Invalid => "?".into(),
    }
}

/// A test submission of the chain, read and validated, ready to be evaluated.
struct Candidate {
    name: String,
    text: String,
    document: submission::Document,
    /// The chain's findings on it, evaluated once: every pair looks at the same ones.
    findings: Vec<Finding>,
}

/// Every test file of the chain whose document the chain's schema reads without a problem
/// (naming another plan of the chain is no problem here).
fn candidates(plan: &Plan, tests: &[(String, Vec<u8>)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (name, bytes) in tests {
        if let Some(candidate) = candidate(plan, name, bytes) {
            out.push(candidate);
        }
    }
    out
}

fn candidate(plan: &Plan, name: &str, bytes: &[u8]) -> Option<Candidate> {
    let text = std::str::from_utf8(bytes).ok()?.to_string();
    let source = SourceFile::new(name, text.as_str());
    let limits = yaml::Limits::default();
    let root = yaml::parse(&source, &limits).into_iter().next()?.ok()?;
    let parts: TestParts<'_> = rules_test::parts_quietly(&source, &root)?;
    let (document, problems) = submission::validate(plan, &source, parts.document);
    let only_plan_named = problems
        .iter()
        .all(|p| p.code() == Some(crate::diagnostic::Code::SubmissionWrongPlan));
    if !only_plan_named {
        return None;
    }
    Some(Candidate {
        name: name.to_string(),
        findings: evaluate(plan, document.as_ref()?, parts.as_of),
        document: document?,
        text: text.clone(),
    })
}

/// The outcome that binds most: a violation over a review over missing information, advice, a
/// pass and a rule that does not apply.
fn rank(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Violation => 5,
        Outcome::Review => 4,
        Outcome::MissingInformation => 3,
        Outcome::Advice => 2,
        // Layering checks plans' own tests, which no waiver covers; a waived finding binds as
        // little as a pass.
        Outcome::Pass | Outcome::Waived => 1,
        Outcome::NotApplicable => 0,
    }
}

/// Whether the parent binds where the child does not: a violation against anything short of a
/// violation or a review.
fn shows_weaker(parent: Outcome, child: Outcome) -> bool {
    parent == Outcome::Violation && rank(child) < rank(Outcome::Review)
}

fn worst(findings: &[Finding], rule: usize) -> Outcome {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.outcome)
        .max_by_key(|o| rank(*o))
        .unwrap_or(Outcome::NotApplicable)
}

/// A submission on which the parent rule gives a violation and the child rule does not.
fn counter_example(
    plan: &Plan,
    candidates: &[Candidate],
    child: usize,
    parent: usize,
    differences: &[Difference],
) -> Option<CounterExample> {
    let kind = plan.rules[parent].applies_to;
    for candidate in candidates.iter().filter(|c| c.document.kind == kind) {
        let findings = &candidate.findings;
        let (p, c) = (worst(findings, parent), worst(findings, child));
        if shows_weaker(p, c) {
            return Some(CounterExample {
                source: candidate.name.clone(),
                change: None,
                parent_outcome: p,
                child_outcome: c,
                text: candidate.text.clone(),
            });
        }
    }
    // None among the tests: make one, from a test on which both rules give a violation, by
    // moving the value a difference turns on to where the parent still binds and the child not.
    for (path, value) in differences.iter().filter_map(|d| d.probe.clone()) {
        for candidate in candidates.iter().filter(|c| c.document.kind == kind) {
            for finding in candidate
                .findings
                .iter()
                .filter(|f| f.rule == child && f.outcome == Outcome::Violation)
            {
                let Some(node) =
                    value_node(&candidate.document.root, &finding.anchor_pointer, &path)
                else {
                    continue;
                };
                let mut text = candidate.text.clone();
                let span = node.span;
                if span.end > text.len()
                    || !text.is_char_boundary(span.start)
                    || !text.is_char_boundary(span.end)
                {
                    continue;
                }
                text.replace_range(span.start..span.end, &value);
                let Some(changed) = self::candidate(plan, &candidate.name, text.as_bytes()) else {
                    continue;
                };
                let (p, c) = (
                    worst(&changed.findings, parent),
                    worst(&changed.findings, child),
                );
                if shows_weaker(p, c) {
                    return Some(CounterExample {
                        source: candidate.name.clone(),
                        change: Some((crate::eval::dotted(&node.pointer), value.clone())),
                        parent_outcome: p,
                        child_outcome: c,
                        text,
                    });
                }
            }
        }
    }
    None
}

/// The node of the value `path` names (`each(boilers).capacity`) for the item a finding is
/// anchored on (`/boilers/3`).
fn value_node<'d>(root: &'d Node, anchor: &str, path: &str) -> Option<&'d Node> {
    let field = path.rsplit('.').next()?;
    let wanted = if path.starts_with("each(") {
        format!("{anchor}/{field}")
    } else {
        format!("/{}", path.replace('.', "/"))
    };
    find_node(root, &wanted)
}

fn find_node<'d>(node: &'d Node, pointer: &str) -> Option<&'d Node> {
    if &*node.pointer == pointer {
        return Some(node);
    }
    if !pointer.starts_with(&*node.pointer) {
        return None;
    }
    match &node.value {
        Value::Record(r) => r
            .fields
            .iter()
            .flatten()
            .find_map(|n| find_node(n, pointer)),
        Value::List(items) => items.iter().find_map(|n| find_node(n, pointer)),
        _ => None,
    }
}

/// The report of `rules layering` in the reader's language.
pub fn report(layering: &Layering, language: Language) -> String {
    let say = |said: Said| said.in_language(language);
    let mut out = String::new();
    let count = |v: Verdict| layering.pairs.iter().filter(|p| p.verdict == v).count();
    for pair in &layering.pairs {
        let verdict = match pair.verdict {
            Verdict::Weaker => Word::LayerWeaker,
            Verdict::CannotVerify => Word::LayerCannotVerify,
            Verdict::NoWeaker => Word::LayerNoWeaker,
        };
        out.push_str(&say(Said::new(Word::LayerPair)
            .with_said("verdict", Said::new(verdict))
            .with("child", &pair.child)
            .with("child_plan", &pair.child_plan)
            .with("parent", &pair.parent)
            .with("parent_plan", &pair.parent_plan)));
        out.push('\n');
        for d in &pair.differences {
            let sign = match d.weaker {
                Some(true) => Word::LayerSignWeaker,
                Some(false) => Word::LayerSignStricter,
                None => Word::LayerSignNotCompared,
            };
            out.push_str(&say(Said::new(Word::LayerDifference)
                .with_said("aspect", Said::new(d.aspect.word()))
                .with_said("sign", Said::new(sign))
                .with_said("text", d.text.clone())));
            out.push('\n');
        }
        match (&pair.counter_example, pair.verdict) {
            (Some(example), _) => {
                let outcome = |o: Outcome| crate::report::outcome_word(o, language).to_string();
                let said = match &example.change {
                    Some((path, value)) => Said::new(Word::LayerCounterExampleMade)
                        .with("path", path)
                        .with("value", value),
                    None => Said::new(Word::LayerCounterExample),
                };
                out.push_str(&say(said
                    .with("source", &example.source)
                    .with("parent", &pair.parent)
                    .with("parent_outcome", outcome(example.parent_outcome))
                    .with("child", &pair.child)
                    .with("child_outcome", outcome(example.child_outcome))));
                out.push('\n');
            }
            (None, Verdict::CannotVerify) => {
                out.push_str(&say(
                    Said::new(Word::LayerNoCounterExample).with("tried", layering.candidates)
                ));
                out.push('\n');
            }
            _ => {}
        }
    }
    if !layering.not_implemented.is_empty() {
        out.push('\n');
        out.push_str(&say(
            Said::new(Word::LayerNotImplemented).with("count", layering.not_implemented.len())
        ));
        out.push('\n');
        for (plan, rule) in &layering.not_implemented {
            out.push_str(&format!("  {rule} ({plan})\n"));
        }
    }
    out.push('\n');
    out.push_str(&say(Said::new(Word::LayerSummary)
        .with("pairs", layering.pairs.len())
        .with("weaker", count(Verdict::Weaker))
        .with("cannot", count(Verdict::CannotVerify))
        .with("no_weaker", count(Verdict::NoWeaker))
        .with("tried", layering.candidates)));
    out.push('\n');
    out
}
