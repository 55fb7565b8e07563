//! The resolved, type-checked plan: what evaluation runs on. No syntax, no I/O.

use crate::base::date::Date;
use crate::base::number::Number;
use crate::base::span::{SourceFile, Span};
use crate::syntax::ast::{AggregateKind, BinaryOp, CompareOp, Modality};
use std::collections::HashMap;

pub type DimensionId = usize;
pub type UnitId = usize;
pub type EnumId = usize;
pub type RecordId = usize;
pub type IdentifierId = usize;

/// A text code a value must be: by a national standard, or by one of the plan's patterns.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IdentifierType {
    pub name: String,
    /// The declaration's `///` lines: what the code is, for the submission reference.
    pub doc: Vec<String>,
    pub label: Option<String>,
    pub check: IdentifierRule,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum IdentifierRule {
    Standard(crate::base::identifier::Standard),
    Patterns(Vec<String>),
}

/// A whole plan after name resolution and type checking.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    pub header: PlanHeader,
    pub readings: Vec<Reading>,
    pub dimensions: Vec<Dimension>,
    pub units: Vec<Unit>,
    /// Every unit spelling (name, label, alias), folded, to the units it names: one per
    /// dimension at most, since a spelling may mean a unit of each of several dimensions (`噸` is a
    /// mass, and a boiler's 4噸 is 4 t/h).
    #[serde(serialize_with = "crate::base::sorted_map")]
    pub unit_lookup: HashMap<String, Vec<UnitId>>,
    pub enums: Vec<EnumType>,
    pub identifiers: Vec<IdentifierType>,
    pub records: Vec<RecordType>,
    pub params: Vec<Param>,
    pub defines: Vec<Define>,
    pub rules: Vec<Rule>,
    /// Inventory rows deliberately not encoded, with the reason.
    pub omitted: Vec<Omitted>,
    /// The plan's clause inventory, when it declares one: what coverage counts against.
    pub rows: Vec<InventoryRow>,
    /// The rules files, indexed by `Located::file`.
    #[serde(skip)]
    pub files: Vec<SourceFile>,
    /// The layer of the chain each rules file belongs to, indexed like `files`.
    pub file_layers: Vec<Layer>,
    /// The official text the rules quote, when it could be read.
    #[serde(skip)]
    pub official_text: Option<SourceFile>,
    /// The plans above this one, nearest first (its parent, the parent's parent …): layer `k` of
    /// the chain is `ancestors[k - 1]`, layer 0 is `header`.
    pub ancestors: Vec<PlanHeader>,
    /// The official text of each plan in `ancestors`, when it could be read.
    #[serde(skip)]
    pub ancestor_texts: Vec<Option<SourceFile>>,
    /// `sha256:…` over every rules file and official text of the chain, for decision records.
    pub digest: String,
}

/// Where a rules file sits in a chain of plans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Layer {
    /// The plan at this depth: 0 is the plan checked, 1 its parent, and so on.
    Plan(usize),
    /// The schema folder the plans of the chain share: declarations only, no plan or rules.
    #[default]
    Schema,
}

impl Plan {
    /// How many plans the chain has: this one and its ancestors.
    pub fn layer_count(&self) -> usize {
        1 + self.ancestors.len()
    }

    /// The header of the plan at depth `layer` (0 is this plan).
    pub fn layer_header(&self, layer: usize) -> &PlanHeader {
        match layer {
            0 => &self.header,
            k => self.ancestors.get(k - 1).unwrap_or(&self.header),
        }
    }

    /// The depth of the plan a rules file belongs to; a shared schema file counts as this plan's.
    pub fn file_layer(&self, file: usize) -> usize {
        match self.file_layers.get(file) {
            Some(Layer::Plan(k)) => *k,
            _ => 0,
        }
    }

    /// The depth of the plan whose id is `id`, if it is in the chain.
    pub fn layer_of_plan(&self, id: &str) -> Option<usize> {
        (0..self.layer_count()).find(|&k| self.layer_header(k).id == id)
    }

    /// The unit of `dimension` a spelling names, if any.
    pub fn unit_in(&self, dimension: DimensionId, spelling: &str) -> Option<UnitId> {
        self.unit_lookup
            .get(&crate::base::fold::fold(spelling))?
            .iter()
            .copied()
            .find(|&u| self.units[u].dimension == dimension)
    }

    /// Every unit a spelling names, of whatever dimension.
    pub fn units_spelled(&self, spelling: &str) -> &[UnitId] {
        self.unit_lookup
            .get(&crate::base::fold::fold(spelling))
            .map_or(&[], Vec::as_slice)
    }
}

#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct PlanHeader {
    pub id: String,
    pub title: String,
    pub number: Option<String>,
    pub level: String,
    pub jurisdiction: Option<String>,
    pub effective_from: Option<Date>,
    pub effective_until: Option<Date>,
    pub text_path: Option<String>,
    /// The official text's last line is page debris that no rule may quote.
    pub ignore_last_line: bool,
    pub parent: Option<String>,
    /// The shared schema folder the plan reads its declarations from, when it names one.
    pub schema: Option<String>,
    /// The languages every text a finding shows must exist in; Chinese alone when empty.
    pub languages: Vec<Language>,
}

impl PlanHeader {
    /// Whether the plan is in force on a day (both ends included).
    pub fn in_force_on(&self, day: Date) -> bool {
        self.effective_from.is_none_or(|from| day >= from)
            && self.effective_until.is_none_or(|until| day <= until)
    }
}

/// One row of the plan's clause inventory: a checkable obligation that needs a rule or an `omit`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct InventoryRow {
    pub id: String,
    /// The rules file that declares it, so that coverage is counted per plan of a chain.
    pub file: usize,
    /// Where the row's clause sits in the plan's outline, as the inventory writes it.
    pub clause: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Omitted {
    pub id: String,
    /// The rules file that declares it.
    pub file: usize,
    pub reason: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reading {
    pub name: String,
    /// The reading in Chinese.
    pub text: String,
    /// The reading in English, if the plan gives one.
    pub en: Option<String>,
}

impl Reading {
    /// The reading in a language, else in the other one.
    pub fn text_in(&self, language: Language) -> &str {
        match (language, &self.en) {
            (Language::En, Some(en)) => en,
            _ => &self.text,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Dimension {
    pub name: String,
    /// The Chinese label, which submitters read (年運量), if the plan gives one.
    pub label: Option<String>,
    /// Units of this dimension; the first is the base.
    pub units: Vec<UnitId>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    pub name: String,
    pub label: Option<String>,
    pub dimension: DimensionId,
    /// How many base units one of this unit is.
    pub to_base: Number,
}

impl Unit {
    /// The name to show people: the Chinese name when there is one.
    pub fn display(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnumType {
    pub name: String,
    /// Whether values compare by their declared order (lowest first).
    pub ordered: bool,
    pub values: Vec<EnumValue>,
    /// Every spelling (name, label, alias), folded, to the value's position.
    #[serde(serialize_with = "crate::base::sorted_map")]
    pub lookup: HashMap<String, usize>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnumValue {
    pub name: String,
    pub label: Option<String>,
    /// The other spellings, as the plan writes them (`also …`).
    pub aliases: Vec<String>,
}

/// A record type or a document kind.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecordType {
    pub name: String,
    pub label: Option<String>,
    pub fields: Vec<Field>,
    pub is_document: bool,
    /// The field holding the document's own date.
    pub dated_by: Option<usize>,
}

impl RecordType {
    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Field {
    pub name: String,
    pub label: Option<String>,
    pub ty: Type,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Type {
    Bool,
    Integer,
    Decimal,
    Percent,
    Text,
    Date,
    Quantity(DimensionId),
    Enum(EnumId),
    /// A checked code: compared as text.
    Identifier(IdentifierId),
    Record(RecordId),
    List(Box<Type>),
    /// The type of an expression that already had an error: silences follow-on errors.
    Error,
}

impl Type {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Integer | Type::Decimal)
    }

    /// Whether values of the two types can be compared with each other.
    pub fn compatible(&self, other: &Type) -> bool {
        self == other
            || (self.is_numeric() && other.is_numeric())
            || matches!(self, Type::Error)
            || matches!(other, Type::Error)
            || matches!((self, other), (Type::List(a), Type::List(b)) if a.compatible(b))
            || self.is_textual() && other.is_textual()
    }

    /// Text, or a code that is compared as text.
    pub fn is_textual(&self) -> bool {
        matches!(self, Type::Text | Type::Identifier(_))
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Param {
    /// Its name and file are read by the language server's index.
    #[cfg_attr(not(feature = "lsp"), allow(dead_code))]
    pub name: String,
    /// The rules file that declares it, indexed like `Plan::files`.
    #[cfg_attr(not(feature = "lsp"), allow(dead_code))]
    pub file: usize,
    pub value: Expr,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Define {
    pub name: String,
    /// The rules file that declares it, indexed like `Plan::files`; read by the language server.
    #[cfg_attr(not(feature = "lsp"), allow(dead_code))]
    pub file: usize,
    pub params: Vec<(String, Type)>,
    pub body: Expr,
    /// Local slots the body needs, parameters first.
    pub locals: usize,
}

/// A constant value written in the rules.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Literal {
    Bool(bool),
    Number(Number),
    Percent(Number),
    /// A quantity in its dimension's base unit.
    Quantity(Number),
    Text(String),
    Date(Date),
    Enum(EnumId, usize),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum ExprKind {
    Literal(Literal),
    Local(usize),
    /// The document's own field, by index.
    Root(usize),
    Field {
        base: Box<Expr>,
        field: usize,
    },
    Param(usize),
    Call {
        define: usize,
        args: Vec<Expr>,
    },
    Given(Box<Expr>),
    Missing(Box<Expr>),
    Count(Box<Expr>),
    CheckDate,
    Builtin {
        function: Builtin,
        args: Vec<Expr>,
    },
    List(Vec<Expr>),
    Aggregate {
        kind: AggregateKind,
        slot: usize,
        list: Box<Expr>,
        filter: Option<Box<Expr>>,
        body: Option<Box<Expr>>,
    },
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Compare {
        op: CompareOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    In {
        negated: bool,
        item: Box<Expr>,
        set: Box<Expr>,
    },
    /// A node that failed to resolve; never evaluated because the plan has errors.
    Invalid,
}

/// Built-in functions on dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Builtin {
    /// `year(d)`: the calendar year of a date.
    Year,
    /// `month(d)`: 1 to 12.
    Month,
    /// `quarter(d)`: 1 to 4.
    Quarter,
    /// `days_between(a, b)`: days from `a` to `b`, negative when `b` is earlier.
    DaysBetween,
    /// `share(part, whole)`: `part / whole` as a percentage; 0% when `whole` is zero.
    Share,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum TemplatePart {
    Text(String),
    Value(Expr),
    /// `{blamed}`: the labels of the fields whose values decide the broken requirement.
    Blamed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Zh,
    En,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ForEach {
    pub name: String,
    pub slot: usize,
    pub list: Expr,
}

/// A condition that changes the outcome of a broken requirement, with its reason.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Downgrade {
    pub condition: Expr,
    /// The reason in one or both languages.
    pub reason: Vec<(Language, Template)>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub id: String,
    /// The inventory row the rule encodes: its own id unless it says `row`.
    pub row: String,
    /// Where the rule's id is written.
    pub id_span: Span,
    pub title: String,
    pub doc: Vec<String>,
    pub clause: String,
    /// Where the clause reference is written in the rules file.
    pub clause_span: Span,
    pub quote: String,
    pub quote_span: Span,
    /// The rules of plans above this one that it implements (`implements ID`), with where each
    /// is named.
    pub implements: Vec<(String, Span)>,
    pub responsible: Vec<String>,
    pub readings: Vec<String>,
    pub applies_to: RecordId,
    pub for_each: Vec<ForEach>,
    pub when: Vec<Expr>,
    pub modality: Modality,
    pub requirement: Expr,
    pub unless: Vec<Expr>,
    pub reviews: Vec<Downgrade>,
    pub advices: Vec<Downgrade>,
    pub deadline: Option<Date>,
    /// Where the deadline is written, for lints.
    pub deadline_span: Option<Span>,
    pub effective_from: Option<Date>,
    pub effective_until: Option<Date>,
    pub messages: Vec<(Language, Template)>,
    pub helps: Vec<(Language, Template)>,
    pub locals: usize,
    pub file: usize,
}

impl Rule {
    /// The text in the wanted language, else in the other one.
    pub fn text_in(texts: &[(Language, Template)], language: Language) -> Option<&Template> {
        texts
            .iter()
            .find(|(l, _)| *l == language)
            .or_else(|| texts.first())
            .map(|(_, t)| t)
    }
}

impl Plan {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn document_kinds(&self) -> impl Iterator<Item = (RecordId, &RecordType)> {
        self.records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_document)
    }
}
