//! The language server's answers as pure functions of a compiled plan, its index and a position: hover, definition, references, completion, outline, quick fixes, test lenses and diagnostics.

use super::index::{Index, Symbol, SymbolKind};
use super::position::{Encoding, offset, range, uri_of};
use crate::Plan;
use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, Type};
use crate::report::Language;
use crate::tools::TestRun;
use crate::words::{Said, Word};
use lsp_types as lsp;
use std::path::Path;

/// A compiled plan with what the queries read from it.
pub struct View<'a> {
    pub plan: &'a Plan,
    pub index: &'a Index,
    pub encoding: Encoding,
    pub language: Language,
}

impl<'a> View<'a> {
    fn model(&self) -> &'a model::Plan {
        &self.plan.model
    }

    /// The index of a rules file of the plan by its path.
    pub fn file_of(&self, path: &Path) -> Option<usize> {
        self.model()
            .files
            .iter()
            .position(|f| Path::new(f.name.as_ref()) == path)
    }

    fn text(&self, file: usize) -> &'a str {
        self.model().files.get(file).map_or("", |f| f.text.as_ref())
    }

    fn location(&self, file: usize, span: Span) -> Option<lsp::Location> {
        let source = self.model().files.get(file)?;
        Some(lsp::Location::new(
            uri_of(Path::new(source.name.as_ref())),
            range(&source.text, span.start, span.end, self.encoding),
        ))
    }

    fn words(&self, said: Said) -> String {
        said.in_language(self.language)
    }

    /// Adds a paragraph `label: a, b, c` to a hover text, when there is anything to list.
    fn push_list(&self, text: &mut String, label: Word, items: &[String], separator: &str) {
        if !items.is_empty() {
            text.push_str(&format!(
                "\n\n{}: {}",
                self.words(Said::new(label)),
                items.join(separator)
            ));
        }
    }

    /// The byte offset of a position in a file of the plan.
    pub fn offset(&self, file: usize, position: lsp::Position) -> usize {
        offset(self.text(file), position, self.encoding)
    }

    pub fn hover(&self, file: usize, at: usize) -> Option<lsp::Hover> {
        let (symbol, span) = self.index.at(file, at)?;
        let markdown = self.describe(&self.index.symbols[symbol])?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(range(self.text(file), span.start, span.end, self.encoding)),
        })
    }

    /// What a symbol is, in Markdown: its labels, type, conversions, clause or text.
    fn describe(&self, symbol: &Symbol) -> Option<String> {
        let model = self.model();
        let name = &symbol.name;
        let container = symbol.container.as_deref().unwrap_or("");
        let labelled = |label: &Option<String>| {
            label
                .as_ref()
                .map_or(format!("`{name}`"), |l| format!("`{name}` {l}"))
        };
        Some(match symbol.kind {
            SymbolKind::Rule => {
                let rule = model.rule(name)?;
                let mut text = format!(
                    "**{}** {}\n\n{} {} · `{}`\n\n> {}",
                    rule.id,
                    rule.title,
                    self.words(Said::new(Word::LspClause)),
                    rule.clause,
                    modality_name(rule.modality),
                    rule.quote
                );
                self.push_list(&mut text, Word::LspResponsible, &rule.responsible, "、");
                self.push_list(&mut text, Word::LspReadings, &rule.readings, ", ");
                text
            }
            SymbolKind::Field => {
                let record = model.records.iter().find(|r| r.name == container)?;
                let field = &record.fields[record.field(name)?];
                let mut text = format!(
                    "{}: `{}`",
                    labelled(&field.label),
                    self.type_name(&field.ty)
                );
                if field.optional {
                    text.push_str(&format!(" ({})", self.words(Said::new(Word::LspOptional))));
                }
                text.push_str(&format!(
                    "\n\n{}",
                    self.words(Said::new(Word::LspFieldOf).with("record", &record.name))
                ));
                if let Some(label) = &record.label {
                    text.push_str(&format!(" {label}"));
                }
                text
            }
            SymbolKind::Unit => {
                let unit = model
                    .units
                    .iter()
                    .find(|u| u.name == *name && model.dimensions[u.dimension].name == container)?;
                let dimension = &model.dimensions[unit.dimension];
                let mut text = format!(
                    "{}\n\n{}",
                    labelled(&unit.label),
                    self.words(Said::new(Word::LspUnitOf).with("dimension", &dimension.name))
                );
                if let Some(label) = &dimension.label {
                    text.push_str(&format!(" {label}"));
                }
                self.push_list(&mut text, Word::LspAlso, &self.unit_aliases(symbol), ", ");
                let base = dimension.units.first().map(|&u| &model.units[u]);
                for other in dimension.units.iter().map(|&u| &model.units[u]) {
                    if let Some(base) = base
                        && other.name != base.name
                        && (other.name == unit.name || unit.name == base.name)
                    {
                        text.push_str(&format!(
                            "\n\n1 {} = {} {}",
                            other.name, other.to_base, base.name
                        ));
                    }
                }
                text
            }
            SymbolKind::Dimension => {
                let dimension = model.dimensions.iter().find(|d| d.name == *name)?;
                let units: Vec<String> = dimension
                    .units
                    .iter()
                    .map(|&u| format!("`{}`", model.units[u].name))
                    .collect();
                let mut text = labelled(&dimension.label);
                self.push_list(&mut text, Word::LspUnits, &units, ", ");
                text
            }
            SymbolKind::EnumValue => {
                let enumeration = model.enums.iter().find(|e| e.name == container)?;
                let value = enumeration.values.iter().find(|v| v.name == *name)?;
                let mut text = format!(
                    "{}\n\n{}",
                    labelled(&value.label),
                    self.words(Said::new(Word::LspValueOf).with("enum", &enumeration.name))
                );
                self.push_list(&mut text, Word::LspAlso, &value.aliases, ", ");
                text
            }
            SymbolKind::Enum => {
                let enumeration = model.enums.iter().find(|e| e.name == *name)?;
                let values: Vec<String> = enumeration
                    .values
                    .iter()
                    .map(|v| match &v.label {
                        Some(label) => format!("`{}` {label}", v.name),
                        None => format!("`{}`", v.name),
                    })
                    .collect();
                let label = self.declared_label(symbol);
                let mut text = labelled(&label);
                self.push_list(&mut text, Word::LspValues, &values, ", ");
                text
            }
            SymbolKind::Record | SymbolKind::Document => {
                let record = model.records.iter().find(|r| r.name == *name)?;
                let fields: Vec<String> = record
                    .fields
                    .iter()
                    .map(|f| format!("`{}`", f.name))
                    .collect();
                let mut text = labelled(&record.label);
                self.push_list(&mut text, Word::LspFields, &fields, ", ");
                text
            }
            SymbolKind::Reading => {
                let reading = model.readings.iter().find(|r| r.name == *name)?;
                let mut text = format!("**{}** {}", reading.name, reading.text);
                if let Some(en) = &reading.en {
                    text.push_str(&format!("\n\n{en}"));
                }
                text
            }
            SymbolKind::Identifier => {
                let identifier = model.identifiers.iter().find(|i| i.name == *name)?;
                let mut text = labelled(&identifier.label);
                for line in &identifier.doc {
                    text.push_str(&format!("\n\n{line}"));
                }
                text
            }
            SymbolKind::Param | SymbolKind::Define => {
                let written = self.text(symbol.file);
                let source = written
                    .get(symbol.extent.start..symbol.extent.end)
                    .unwrap_or(name);
                let keyword = if symbol.kind == SymbolKind::Param {
                    "param"
                } else {
                    "define"
                };
                format!("```planlint\n{keyword} {source}\n```")
            }
            SymbolKind::Plan => {
                let header = std::iter::once(&model.header)
                    .chain(&model.ancestors)
                    .find(|h| h.id == *name)?;
                let mut text = format!("**{}** {}", header.id, header.title);
                if let Some(number) = &header.number {
                    text.push_str(&format!("\n\n{number}"));
                }
                text
            }
            SymbolKind::Row => {
                let row = model.rows.iter().find(|r| r.id == *name)?;
                format!(
                    "**{}**\n\n{} {}",
                    row.id,
                    self.words(Said::new(Word::LspClause)),
                    row.clause.as_deref().unwrap_or("")
                )
            }
        })
    }

    /// The other spellings of a unit, as its declaration writes them.
    fn unit_aliases(&self, symbol: &Symbol) -> Vec<String> {
        let tree = &self.index.trees[symbol.file];
        tree.declarations
            .iter()
            .filter_map(|d| match d {
                crate::syntax::ast::Declaration::Dimension(d) => Some(d),
                _ => None,
            })
            .flat_map(|d| &d.units)
            .find(|u| u.name.span == symbol.span)
            .map(|u| u.aliases.iter().map(|a| a.value.clone()).collect())
            .unwrap_or_default()
    }

    /// The label an enum's declaration gives it (the model keeps only its values' labels).
    fn declared_label(&self, symbol: &Symbol) -> Option<String> {
        self.index.trees[symbol.file]
            .declarations
            .iter()
            .find_map(|d| match d {
                crate::syntax::ast::Declaration::Enum(e) if e.name.span == symbol.span => {
                    e.label.as_ref().map(|l| l.value.clone())
                }
                _ => None,
            })
    }

    fn type_name(&self, ty: &Type) -> String {
        let model = self.model();
        match ty {
            Type::Bool => "bool".into(),
            Type::Integer => "integer".into(),
            Type::Decimal => "decimal".into(),
            Type::Percent => "percent".into(),
            Type::Text => "text".into(),
            Type::Date => "date".into(),
            Type::Quantity(d) => model.dimensions[*d].name.clone(),
            Type::Enum(e) => model.enums[*e].name.clone(),
            Type::Identifier(i) => model.identifiers[*i].name.clone(),
            Type::Record(r) => model.records[*r].name.clone(),
            Type::List(item) => format!("list {}", self.type_name(item)),
            Type::Error => "?".into(),
        }
    }

    pub fn definition(&self, file: usize, at: usize) -> Option<lsp::Location> {
        let (symbol, _) = self.index.at(file, at)?;
        let symbol = &self.index.symbols[symbol];
        self.location(symbol.file, symbol.span)
    }

    pub fn references(&self, file: usize, at: usize, declaration: bool) -> Vec<lsp::Location> {
        let Some((symbol, _)) = self.index.at(file, at) else {
            return Vec::new();
        };
        let declared = &self.index.symbols[symbol];
        let mut locations: Vec<lsp::Location> = Vec::new();
        if declaration {
            locations.extend(self.location(declared.file, declared.span));
        }
        locations.extend(
            self.index
                .uses(symbol)
                .iter()
                .filter_map(|r| self.location(r.file, r.span)),
        );
        locations
    }

    /// The outline of a file: its declarations, with a record's fields, an enum's values and a
    /// dimension's units under them.
    #[allow(deprecated)]
    pub fn symbols(&self, file: usize) -> Vec<lsp::DocumentSymbol> {
        let text = self.text(file);
        let symbol_of = |s: &Symbol, children: Option<Vec<lsp::DocumentSymbol>>| {
            let detail = match s.kind {
                SymbolKind::Rule => self.model().rule(&s.name).map(|r| r.title.clone()),
                _ => None,
            };
            lsp::DocumentSymbol {
                name: s.name.clone(),
                detail,
                kind: lsp_kind(s.kind),
                tags: None,
                deprecated: None,
                range: range(
                    text,
                    s.extent.start,
                    s.extent.end.max(s.span.end),
                    self.encoding,
                ),
                selection_range: range(text, s.span.start, s.span.end, self.encoding),
                children,
            }
        };
        let in_file: Vec<&Symbol> = self
            .index
            .symbols
            .iter()
            .filter(|s| s.file == file)
            .collect();
        in_file
            .iter()
            .filter(|s| s.container.is_none())
            .map(|top| {
                let children: Vec<lsp::DocumentSymbol> = in_file
                    .iter()
                    .filter(|s| {
                        s.container.as_deref() == Some(top.name.as_str())
                            && matches!(
                                (top.kind, s.kind),
                                (SymbolKind::Record | SymbolKind::Document, SymbolKind::Field)
                                    | (SymbolKind::Enum, SymbolKind::EnumValue)
                                    | (SymbolKind::Dimension, SymbolKind::Unit)
                            )
                    })
                    .map(|s| symbol_of(s, None))
                    .collect();
                symbol_of(top, (!children.is_empty()).then_some(children))
            })
            .collect()
    }

    /// The diagnostics of a file in the protocol's terms; `None` for the plan's diagnostics that
    /// are about no file, which the caller puts on the plan's header.
    pub fn diagnostics_of(&self, path: &Path) -> Vec<lsp::Diagnostic> {
        self.plan
            .diagnostics()
            .iter()
            .filter(|d| {
                d.file
                    .as_ref()
                    .is_some_and(|f| Path::new(f.name.as_ref()) == path)
            })
            .map(|d| self.diagnostic(d))
            .collect()
    }

    pub fn diagnostic(&self, d: &Diagnostic) -> lsp::Diagnostic {
        let text = d.source_text().unwrap_or("");
        let span = d.byte_range().unwrap_or(0..0);
        let mut message = d.message().to_string();
        if let Some(help) = d.help_text() {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .secondary
            .iter()
            .filter_map(|label| {
                let file = d.file.as_ref()?;
                Some(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(
                        uri_of(Path::new(file.name.as_ref())),
                        range(text, label.span.start, label.span.end, self.encoding),
                    ),
                    message: label.text.clone(),
                })
            })
            .collect();
        lsp::Diagnostic {
            range: range(text, span.start, span.end, self.encoding),
            severity: Some(match d.severity() {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                _ => lsp::DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lsp::NumberOrString::String(d.code_text().to_string())),
            source: Some("planlint".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp::Diagnostic::default()
        }
    }

    /// Quick fixes for the file's diagnostics that suggest a name, where `range` touches them.
    pub fn code_actions(&self, path: &Path, wanted: lsp::Range) -> Vec<lsp::CodeAction> {
        let uri = uri_of(path);
        self.plan
            .diagnostics()
            .iter()
            .filter(|d| {
                d.file
                    .as_ref()
                    .is_some_and(|f| Path::new(f.name.as_ref()) == path)
            })
            .filter_map(|d| {
                let name = d.suggested_name()?;
                let text = d.source_text()?;
                let span = d.byte_range()?;
                let at = range(text, span.start, span.end, self.encoding);
                if at.end < wanted.start || wanted.end < at.start {
                    return None;
                }
                let edit = lsp::TextEdit::new(at, name.to_string());
                // A `Uri` caches its parsed parts, which clippy counts as interior mutability;
                // its hash and equality are of the text alone, so it is a sound key.
                #[allow(clippy::mutable_key_type)]
                let mut changes = std::collections::HashMap::new();
                changes.insert(uri.clone(), vec![edit]);
                Some(lsp::CodeAction {
                    title: self.words(Said::new(Word::LspReplaceWith).with("name", name)),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![self.diagnostic(d)]),
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(changes),
                        ..lsp::WorkspaceEdit::default()
                    }),
                    is_preferred: Some(true),
                    ..lsp::CodeAction::default()
                })
            })
            .collect()
    }

    /// A lens over each rule of the file: how many of its test cases pass.
    pub fn code_lenses(&self, file: usize, tests: &TestRun) -> Vec<lsp::CodeLens> {
        let by_rule = tests.by_rule();
        let text = self.text(file);
        self.index
            .symbols
            .iter()
            .filter(|s| s.file == file && s.kind == SymbolKind::Rule)
            .map(|s| {
                let cases = by_rule.get(s.name.as_str());
                let title = match cases {
                    Some(cases) => {
                        let passed = cases.iter().filter(|c| c.passed()).count();
                        self.words(
                            Said::new(Word::LspTestsLens)
                                .with("passed", passed)
                                .with("failed", cases.len() - passed),
                        )
                    }
                    None => self.words(Said::new(Word::LspNoTestsLens)),
                };
                lsp::CodeLens {
                    range: range(text, s.span.start, s.span.end, self.encoding),
                    command: Some(lsp::Command::new(title, String::new(), None)),
                    data: None,
                }
            })
            .collect()
    }

    /// Completion at an offset: a record's fields after `.`, an enum's values after `=` or in
    /// `in [`, units after a number, readings after `reading`, and keywords at a line's start.
    /// `before` is the line's text before the cursor as the editor has it.
    pub fn completion(&self, file: usize, at: usize, before: &str) -> Vec<lsp::CompletionItem> {
        let stem = before.trim_end_matches(is_name_char);
        let model = self.model();
        if let Some(path) = stem.strip_suffix('.') {
            let path = trailing_path(path);
            if let Some(Type::Record(r)) = self.path_type(file, at, path) {
                return model.records[r]
                    .fields
                    .iter()
                    .map(|f| item(&f.name, lsp::CompletionItemKind::FIELD, f.label.as_deref()))
                    .collect();
            }
            return Vec::new();
        }
        let trimmed = stem.trim_end();
        if let Some(left) = compared_path(trimmed)
            && let Some(ty) = self.path_type(file, at, left)
        {
            let ty = match ty {
                Type::List(item) => *item,
                other => other,
            };
            if let Type::Enum(e) = ty {
                return model.enums[e]
                    .values
                    .iter()
                    .map(|v| {
                        item(
                            &v.name,
                            lsp::CompletionItemKind::ENUM_MEMBER,
                            v.label.as_deref(),
                        )
                    })
                    .collect();
            }
        }
        if stem.ends_with(' ') && trimmed.ends_with(|c: char| c.is_ascii_digit()) {
            return model
                .units
                .iter()
                .map(|u| {
                    let dimension = &model.dimensions[u.dimension].name;
                    let mut completion =
                        item(&u.name, lsp::CompletionItemKind::UNIT, u.label.as_deref());
                    completion.detail = Some(match &u.label {
                        Some(label) => format!("{label} ({dimension})"),
                        None => dimension.clone(),
                    });
                    completion
                })
                .collect();
        }
        let words: Vec<&str> = trimmed
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .collect();
        if words.first() == Some(&"reading") && (stem.ends_with(' ') || stem.ends_with(',')) {
            return model
                .readings
                .iter()
                .map(|r| item(&r.name, lsp::CompletionItemKind::CONSTANT, Some(&r.text)))
                .collect();
        }
        if trimmed.is_empty() {
            let in_rule = self.index.symbols.iter().any(|s| {
                s.kind == SymbolKind::Rule
                    && s.file == file
                    && s.extent.start < at
                    && at < s.extent.end
            });
            let keywords: &[&str] = if in_rule {
                &RULE_CLAUSE_KEYWORDS
            } else {
                &crate::syntax::DECLARATION_KEYWORDS
            };
            return keywords
                .iter()
                .map(|k| item(k, lsp::CompletionItemKind::KEYWORD, None))
                .collect();
        }
        Vec::new()
    }

    /// The type of a path written at an offset: its first name a variable bound there, or a
    /// field of the document the enclosing rule applies to; then a field of each record in turn.
    fn path_type(&self, file: usize, at: usize, path: &str) -> Option<Type> {
        let model = self.model();
        let mut segments = path.split('.').map(str::trim);
        let first = segments.next().filter(|s| !s.is_empty())?;
        let bound = self
            .index
            .bindings
            .iter()
            .filter(|b| {
                b.file == file && b.name == first && b.scope.start <= at && at <= b.scope.end
            })
            .min_by_key(|b| b.scope.end - b.scope.start)
            .map(|b| b.ty.clone());
        let mut ty = match bound {
            Some(ty) => ty,
            None => {
                let rule = self.index.symbols.iter().find(|s| {
                    s.kind == SymbolKind::Rule
                        && s.file == file
                        && s.extent.start <= at
                        && at <= s.extent.end
                })?;
                let record = &model.records[model.rule(&rule.name)?.applies_to];
                record.fields[record.field(first)?].ty.clone()
            }
        };
        for segment in segments {
            let Type::Record(r) = ty else {
                return None;
            };
            let record = &model.records[r];
            ty = record.fields[record.field(segment)?].ty.clone();
        }
        Some(ty)
    }
}

/// The keywords a rule's lines start with.
const RULE_CLAUSE_KEYWORDS: [&str; 20] = [
    "clause",
    "row",
    "implements",
    "quote",
    "responsible",
    "reading",
    "applies to",
    "for each",
    "when",
    "must",
    "forbid",
    "in principle must",
    "in principle forbid",
    "encourage",
    "strive",
    "target",
    "unless",
    "review if",
    "advice if",
    "message",
];

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The path that ends a text: `b.site` in `when b.site`.
fn trailing_path(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !(is_name_char(*c) || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

/// The path on the left of a comparison or `in [` that a text ends inside: `b.fuel` in
/// `b.fuel = ` or `b.fuel in [coal, `.
fn compared_path(text: &str) -> Option<&str> {
    let text = text.trim_end();
    let left = if let Some(rest) = text
        .strip_suffix("!=")
        .or_else(|| text.strip_suffix('≠'))
        .or_else(|| text.strip_suffix("=="))
        .or_else(|| text.strip_suffix('='))
    {
        rest
    } else {
        let open = text.rfind('[')?;
        if text[open..].contains(']') {
            return None;
        }
        let before = text[..open].trim_end();
        let before = before.strip_suffix("in")?;
        before.trim_end().strip_suffix("not").unwrap_or(before)
    };
    let path = trailing_path(left.trim_end());
    (!path.is_empty()).then_some(path)
}

fn item(label: &str, kind: lsp::CompletionItemKind, detail: Option<&str>) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: detail.map(str::to_string),
        ..lsp::CompletionItem::default()
    }
}

fn modality_name(modality: crate::syntax::ast::Modality) -> &'static str {
    use crate::syntax::ast::Modality::*;
    match modality {
        Forbid => "forbid",
        Must => "must",
        InPrincipleForbid => "in principle forbid",
        InPrincipleMust => "in principle must",
        Encourage => "encourage",
        Strive => "strive",
        Target => "target",
    }
}

fn lsp_kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Plan => lsp::SymbolKind::MODULE,
        SymbolKind::Reading => lsp::SymbolKind::STRING,
        SymbolKind::Dimension => lsp::SymbolKind::CLASS,
        SymbolKind::Unit => lsp::SymbolKind::CONSTANT,
        SymbolKind::Enum => lsp::SymbolKind::ENUM,
        SymbolKind::EnumValue => lsp::SymbolKind::ENUM_MEMBER,
        SymbolKind::Identifier => lsp::SymbolKind::CLASS,
        SymbolKind::Record | SymbolKind::Document => lsp::SymbolKind::STRUCT,
        SymbolKind::Field => lsp::SymbolKind::FIELD,
        SymbolKind::Param => lsp::SymbolKind::CONSTANT,
        SymbolKind::Define => lsp::SymbolKind::FUNCTION,
        SymbolKind::Rule => lsp::SymbolKind::EVENT,
        SymbolKind::Row => lsp::SymbolKind::KEY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_left_of_a_comparison_is_found() {
        assert_eq!(compared_path("  when b.fuel ="), Some("b.fuel"));
        assert_eq!(compared_path("  when b.fuel != "), Some("b.fuel"));
        assert_eq!(compared_path("  when f in [coal, "), Some("f"));
        assert_eq!(
            compared_path("  when site.zone not in ["),
            Some("site.zone")
        );
        assert_eq!(compared_path("  when x in [a] and "), None);
        assert_eq!(trailing_path("  when (b.site"), "b.site");
    }
}
