//! The syntax tree of a rules file: every node keeps its byte span, comments are kept as trivia.

use crate::base::span::Span;

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub text: String,
    pub span: Span,
}

/// A string literal's decoded text and the span of the whole literal.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A date as written (`2025-12-31`), checked for validity later.
#[derive(Clone, Debug, PartialEq)]
pub struct DateLit {
    pub text: String,
    pub span: Span,
}

/// One parsed rules file.
#[derive(Clone, Debug, Default)]
pub struct File {
    pub declarations: Vec<Declaration>,
    /// Every `//` comment, in source order, for a formatter to reattach by position.
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Declaration {
    Plan(PlanDecl),
    Reading(ReadingDecl),
    Dimension(DimensionDecl),
    Enum(EnumDecl),
    Identifier(IdentifierDecl),
    Record(RecordDecl),
    Document(RecordDecl),
    Param(ParamDecl),
    Define(DefineDecl),
    Rule(RuleDecl),
    Omit(OmitDecl),
    Row(RowDecl),
}

/// `omit ID because "…"`: an inventory row deliberately not encoded.
#[derive(Clone, Debug)]
pub struct OmitDecl {
    pub id: Ident,
    pub reason: Text,
}

/// `row ID "clause"`: one row of the plan's clause inventory.
#[derive(Clone, Debug)]
pub struct RowDecl {
    pub id: Ident,
    pub clause: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct PlanDecl {
    pub id: Ident,
    pub settings: Vec<PlanSetting>,
}

#[derive(Clone, Debug)]
pub enum PlanSetting {
    Title(Text),
    Number(Text),
    Level(Ident),
    Jurisdiction(Text),
    Effective(DateRange),
    TextFile {
        path: Text,
        ignore_last_line: bool,
    },
    Parent(Ident),
    /// `schema NAME`: the shared schema folder.
    Schema(Ident),
    /// `languages zh, en`.
    Languages(Vec<Ident>),
}

/// `from A until B`; either end may be open.
#[derive(Clone, Debug, PartialEq)]
pub struct DateRange {
    pub from: Option<DateLit>,
    pub until: Option<DateLit>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ReadingDecl {
    pub name: Ident,
    /// The reading in Chinese (the untagged text).
    pub text: Text,
    /// The reading in English (`en "…"`).
    pub en: Option<Text>,
}

#[derive(Clone, Debug)]
pub struct DimensionDecl {
    pub name: Ident,
    pub label: Option<Text>,
    pub units: Vec<UnitDecl>,
    pub conversions: Vec<ConvertDecl>,
}

/// A name with its documentation, Chinese label and other spellings: a unit or an enum value.
#[derive(Clone, Debug)]
pub struct Spelled {
    pub name: Ident,
    pub label: Option<Text>,
    pub aliases: Vec<Text>,
}

pub type UnitDecl = Spelled;
pub type EnumValueDecl = Spelled;

/// `convert 1 t/h = 0.7 MW`.
#[derive(Clone, Debug)]
pub struct ConvertDecl {
    pub left: QuantityLit,
    pub right: QuantityLit,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuantityLit {
    pub number: String,
    pub unit: Ident,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumDecl {
    pub name: Ident,
    pub label: Option<Text>,
    /// Declared lowest first; `<` and `>=` compare positions.
    pub ordered: bool,
    pub values: Vec<EnumValueDecl>,
}

/// `identifier NAME "label" standard "…"` or `pattern "…", …`: a checked text code.
#[derive(Clone, Debug)]
pub struct IdentifierDecl {
    pub doc: Vec<String>,
    pub name: Ident,
    pub label: Option<Text>,
    pub check: IdentifierCheck,
}

#[derive(Clone, Debug)]
pub enum IdentifierCheck {
    /// A national standard, by its number as written.
    Standard(Text),
    /// The shapes a code may have.
    Patterns(Vec<Text>),
}

/// A record or a document kind: a named list of fields.
#[derive(Clone, Debug)]
pub struct RecordDecl {
    pub name: Ident,
    pub label: Option<Text>,
    pub dated_by: Option<Ident>,
    pub fields: Vec<FieldDecl>,
}

#[derive(Clone, Debug)]
pub struct FieldDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub label: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub list: bool,
    pub name: Ident,
    pub optional: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ParamDecl {
    pub name: Ident,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct DefineDecl {
    pub name: Ident,
    pub params: Vec<(Ident, TypeExpr)>,
    pub label: Option<Text>,
    pub body: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Forbid,
    Must,
    InPrincipleForbid,
    InPrincipleMust,
    Encourage,
    Strive,
    Target,
}

impl Modality {
    /// The modality's name as the inventory writes it.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Forbid => "forbid",
            Modality::Must => "must",
            Modality::InPrincipleForbid | Modality::InPrincipleMust => "in_principle",
            Modality::Encourage => "encourage",
            Modality::Strive => "strive",
            Modality::Target => "target",
        }
    }

    /// Whether the requirement names a forbidden state rather than a required one.
    pub fn forbids(self) -> bool {
        matches!(self, Modality::Forbid | Modality::InPrincipleForbid)
    }
}

#[derive(Clone, Debug)]
pub struct RuleDecl {
    pub doc: Vec<String>,
    pub id: Ident,
    pub title: Text,
    pub clauses: Vec<RuleClause>,
    pub span: Span,
}

/// A `message` or `help` text with its optional language tag.
#[derive(Clone, Debug)]
pub struct LocalText {
    pub language: Option<Ident>,
    /// Where the quoted text is.
    pub span: Span,
    pub template: Template,
}

#[derive(Clone, Debug)]
pub enum RuleClause {
    ClauseRef(Text),
    /// `row ID`: the inventory row the rule encodes, when it is not the rule's own id.
    Row(Ident),
    /// `implements ID, …`: the rules of plans above this one that the rule implements.
    Implements(Vec<Ident>),
    Quote(Text),
    Responsible(Vec<Text>),
    Readings(Vec<Ident>),
    AppliesTo(Ident),
    ForEach {
        var: Ident,
        list: Expr,
    },
    When(Expr),
    Requirement {
        modality: Modality,
        modality_span: Span,
        expr: Expr,
    },
    Unless(Expr),
    Review {
        condition: Expr,
        reason: Vec<LocalText>,
    },
    Advice {
        condition: Expr,
        reason: Vec<LocalText>,
    },
    Deadline(DateLit),
    Effective(DateRange),
    Message(LocalText),
    Help(LocalText),
}

/// Text with `{expr}` holes.
#[derive(Clone, Debug)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Clone, Debug)]
pub enum TemplatePart {
    Text(String),
    Value(Expr),
    /// `{blamed}`: the labels of the fields that decide a broken requirement.
    Blamed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinaryOp {
    Or,
    And,
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AggregateKind {
    Count,
    Any,
    All,
    Sum,
    Min,
    Max,
    Ratio,
}

impl AggregateKind {
    pub fn name(self) -> &'static str {
        match self {
            AggregateKind::Count => "count",
            AggregateKind::Any => "any",
            AggregateKind::All => "all",
            AggregateKind::Sum => "sum",
            AggregateKind::Min => "min",
            AggregateKind::Max => "max",
            AggregateKind::Ratio => "ratio",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// An expression the syntax stage refused (too deep, or a pair its lowering does not know);
    /// its error is already reported, so later stages treat it as poison, never as a value.
    Invalid,
    Bool(bool),
    Number(String),
    Percent(String),
    Quantity(QuantityLit),
    Text(String),
    Date(String),
    List(Vec<Expr>),
    /// `a.b.c`: a name followed by field accesses.
    Path(Vec<Ident>),
    Call {
        name: Ident,
        args: Vec<Expr>,
    },
    Aggregate {
        kind: AggregateKind,
        var: Ident,
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
}
