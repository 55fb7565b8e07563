//! Evaluation: rules applied to a validated document give findings. Pure: no I/O, no clock.
//!
//! In: the plan, one document and its check date. Out: one `Finding` per rule and item, as data
//! (outcome, the values that decided it, reason, due date); no word meant for a person.

mod expr;
mod outcome;
mod value;

use crate::base::date::Date;
use crate::base::number::Number;
use crate::base::span::Span;
use crate::model::{
    Builtin, DimensionId, EnumId, Expr, ExprKind, Language, Literal, Plan, Rule, Template,
    TemplatePart, Type, UnitId,
};
use crate::submission::{Document, Node, Record, Value};
use crate::syntax::ast::{AggregateKind, BinaryOp, CompareOp, Modality};
use std::borrow::Cow;
use std::sync::Arc;
use value::*;

/// What one rule says about one document (or one item of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    NotApplicable,
    Pass,
    /// A violation or review an officer's waiver covers: shown and counted, never failing.
    Waived,
    Advice,
    MissingInformation,
    Review,
    Violation,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NotApplicable => "not_applicable",
            Outcome::Pass => "pass",
            Outcome::Waived => "waived",
            Outcome::Advice => "advice",
            Outcome::MissingInformation => "missing_information",
            Outcome::Review => "review",
            Outcome::Violation => "violation",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        [
            Outcome::NotApplicable,
            Outcome::Pass,
            Outcome::Waived,
            Outcome::Advice,
            Outcome::MissingInformation,
            Outcome::Review,
            Outcome::Violation,
        ]
        .into_iter()
        .find(|o| o.name() == text || (text == "missing" && *o == Outcome::MissingInformation))
    }

    /// Whether the outcome is shown by default (pass and not-applicable are not).
    pub fn is_reported(self) -> bool {
        self >= Outcome::Waived
    }
}

/// A value of the submission that a finding points at.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub span: Span,
    pub pointer: String,
    /// The value's place in the document, e.g. `boilers[0].capacity`.
    pub path: String,
    /// The value as evaluation read it, in the unit the submission wrote it in.
    pub value: Shown,
    /// The declared field the value is of; `None` for an item of a list of plain values.
    pub field: Option<FieldRef>,
}

/// A declared field: its record type and its position in that record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldRef {
    pub record: usize,
    pub field: usize,
}

/// A value evaluation read, cheaply: it becomes a `Fact`, with text, only for reported findings.
#[derive(Clone, Copy)]
struct Read<'d> {
    node: &'d Node,
    field: Option<FieldRef>,
}

/// What an aggregate of a broken requirement counted, and out of how many items: the base a
/// finding about a count states (`3 of 10`).
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub kind: AggregateKind,
    /// The list aggregated, when it is a field of the document (`vehicles`, `port.stockyards`).
    pub list: Option<FieldRef>,
    /// Where the list is, as people read a path (`port.stockyards`); empty for a written list.
    pub list_path: String,
    /// Items in the list.
    pub items: i64,
    /// Items that passed the filter (all of them without one).
    pub chosen: i64,
    /// Chosen items whose body holds (`any`, `all`, `ratio`), or every chosen item (`count`).
    pub holding: i64,
}

/// A value a finding shows, as data: the report layer chooses how to write it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Bool(bool),
    Number(Number),
    Percent(Number),
    /// An amount in a unit (`None` when the dimension declares none).
    Quantity {
        amount: Number,
        unit: Option<UnitId>,
    },
    Text(String),
    Date(Date),
    /// An enum value by position; `ty` is `None` when the expression's type did not say.
    Enum {
        ty: Option<EnumId>,
        value: usize,
    },
    /// A record, shown as a placeholder.
    Record,
    /// A list, shown by its length.
    Count(usize),
    /// A value the document does not give.
    Unknown,
    /// A value read from the submission, which a reader sees as the submitter wrote it (`B级`,
    /// `30蒸吨/小时`) when the report has the source; `value` otherwise.
    Written {
        span: Span,
        value: Box<Shown>,
    },
}

/// The values of a rule text's `{expr}` parts, evaluated for each language's version of the
/// text: `TextValues.0[i]` fills the i-th template of the list it was made from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextValues(pub Vec<Vec<Shown>>);

/// Why the outcome is not what the requirement alone would give.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// An `unless` of the rule holds: the clause's own exception.
    Exception,
    /// The rule's `review if` at this position holds.
    Review(usize, TextValues),
    /// The rule's `advice if` at this position holds.
    Advice(usize, TextValues),
    /// A value the rule needs cannot be computed, so an officer decides.
    Uncomputable(Uncomputable),
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: usize,
    pub outcome: Outcome,
    /// The values of the rule's `message` texts; empty unless the finding is reported.
    pub message: TextValues,
    /// The values of the rule's `help` texts; empty unless the finding is reported.
    pub help: TextValues,
    /// The value the requirement is about, if it read one.
    pub primary: Option<Box<Fact>>,
    /// Other values that decide the requirement, after `primary` (a second false conjunct …).
    pub blamed: Vec<Fact>,
    /// What each aggregate of the broken requirement counted, outermost first.
    pub tallies: Vec<Tally>,
    /// The values that made the rule apply.
    pub conditions: Vec<Fact>,
    /// Why the outcome is review, advice or not applicable rather than what the requirement gives.
    pub reason: Option<Reason>,
    /// The field whose absence gave `missing information`.
    pub missing: Option<Box<MissingField>>,
    /// A field the broken requirement wants given (`must given(permit)`) and the document lacks.
    pub absent: Option<Box<MissingField>>,
    /// A deadline that has not passed yet.
    pub due: Option<Date>,
    /// The index of the justification that turned this into a review.
    pub justification: Option<usize>,
    /// The officer's waiver that covers the finding (`waived`), or that would and has expired or
    /// is not in force yet.
    pub waiver: Option<Box<crate::waiver::Applied>>,
    /// Where the finding sits when it points at no value: the item or the document.
    pub anchor: Span,
    pub anchor_pointer: Arc<str>,
}

impl Finding {
    /// Where the finding points first, as a span and a JSON pointer: the missing field (at the
    /// refused value, or the record it belongs in), the first value that decides it, the field
    /// it wants given, or else the item it is about.
    pub fn points_at(&self) -> (Span, &str) {
        match (&self.missing, &self.primary, &self.absent) {
            (Some(m), _, _) => (m.refused.unwrap_or(m.span), &m.field),
            (None, Some(p), _) => (p.span, &p.pointer),
            (None, None, Some(a)) => (a.span, &a.field),
            (None, None, None) => (self.anchor, &self.anchor_pointer),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MissingField {
    pub field: String,
    /// Where the document gave a value for the field that was refused, if it did.
    pub refused: Option<Span>,
    /// Where the field is missing from (the record's span and pointer).
    pub span: Span,
    pub pointer: String,
}

/// A field the evaluation needed and the document does not give: where, cheaply. It becomes a
/// `MissingField`, with text, only when it decides a finding.
#[derive(Clone, Copy)]
struct Missing<'d> {
    /// The record the field is missing from; `None` for the document itself.
    record: Option<&'d Node>,
    record_type: usize,
    field: usize,
}

/// Why an expression has no value: a field the document lacks, or a value that cannot be
/// computed from what it gives.
#[derive(Clone, Copy)]
enum Stop<'d> {
    Missing(Missing<'d>),
    Uncomputable(Uncomputable),
}

impl<'d> From<Missing<'d>> for Stop<'d> {
    fn from(missing: Missing<'d>) -> Self {
        Stop::Missing(missing)
    }
}

impl From<Uncomputable> for Stop<'_> {
    fn from(reason: Uncomputable) -> Self {
        Stop::Uncomputable(reason)
    }
}

/// A value the rule needs and evaluation cannot compute: never a pass, never a made-up number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uncomputable {
    /// A sum, difference, product or quotient beyond the exact numbers' range.
    Overflow,
    /// A division (or `share`) by zero.
    DivisionByZero,
    /// A `ratio`, `min` or `max` over no items.
    NoItems,
    /// A value of a kind the type checker should have excluded: a bug in planlint.
    Internal,
}

/// What evaluating an expression gives: a value, or why there is none.
type Evaluated<'d> = Result<Computed<'d>, Stop<'d>>;

struct Eval<'p, 'd> {
    plan: &'p Plan,
    doc: &'d Document,
    check_date: Date,
    locals: Vec<Option<(Computed<'d>, Option<&'d Node>)>>,
    /// The values read since the last clear; turned into `Fact`s only for reported findings.
    facts: Vec<Read<'d>>,
    /// While the values that decide a broken requirement are read again, the aggregates' tallies
    /// are kept here; `None` the rest of the time, when nobody will read them.
    tallies: Option<Vec<Tally>>,
    /// How many aggregates enclose the expression being evaluated: only the outermost are tallied.
    aggregate_depth: usize,
    /// The first field a broken requirement wants given and the document lacks.
    absent: Option<Missing<'d>>,
    /// Where the current frame's locals start: 0 in a rule, higher inside a definition's call.
    base: usize,
}

/// Applies every rule for the document's kind and returns one finding per rule and item.
pub fn evaluate(plan: &Plan, doc: &Document, check_date: Date) -> Vec<Finding> {
    // Rules over lists give a finding per item: a document has more findings than the plan
    // has rules (259 for 216 in the benchmark's corpus), and growing the list copies it whole.
    let mut findings = Vec::with_capacity(plan.rules.len() * 2);
    // One evaluator serves every rule of the document: its buffers are reused, not reallocated.
    let mut eval = Eval {
        plan,
        doc,
        check_date,
        locals: Vec::new(),
        facts: Vec::new(),
        tallies: None,
        aggregate_depth: 0,
        absent: None,
        base: 0,
    };
    for (index, rule) in plan.rules.iter().enumerate() {
        if rule.applies_to != doc.kind {
            continue;
        }
        eval.locals.clear();
        eval.locals.resize(rule.locals, None);
        eval.facts.clear();
        // A plan above this one binds only while it is in force (decisions A24); this plan's
        // own period is reported, not applied (A16).
        let layer = plan.file_layer(rule.file);
        let outside_period = rule.effective_from.is_some_and(|from| check_date < from)
            || rule.effective_until.is_some_and(|until| check_date > until)
            || (layer > 0 && !plan.layer_header(layer).in_force_on(check_date));
        let before = findings.len();
        if !outside_period {
            eval.for_each(
                index,
                rule,
                0,
                doc.kind_span,
                &doc.root.pointer,
                &mut findings,
            );
        }
        if findings.len() == before {
            // Out of its period, or `for each` over an empty list: nothing to apply the rule to.
            findings.push(eval.finding(
                index,
                Outcome::NotApplicable,
                doc.kind_span,
                &doc.root.pointer,
                Vec::new(),
            ));
        }
    }
    findings
}

/// A JSON pointer as people read a path: `/boilers/0/capacity` is `boilers[0].capacity`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 4);
    for segment in pointer.split('/').skip(1) {
        // Only a segment with an escape needs a copy; most have none.
        let segment: std::borrow::Cow<str> = if segment.contains('~') {
            segment.replace("~1", "/").replace("~0", "~").into()
        } else {
            segment.into()
        };
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}
