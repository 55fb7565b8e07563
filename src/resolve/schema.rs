//! The schema: type names, enums, records and document kinds.

use super::*;

impl Resolver {
    pub(super) fn index_types(&mut self, declarations: &[(usize, &Declaration)]) {
        for (name, make) in BUILTIN_TYPES {
            self.type_names.insert(
                name.to_string(),
                (TypeName::Builtin(make), usize::MAX, Span::default()),
            );
        }
        for (file, d) in declarations {
            let (name, entry) = match d {
                Declaration::Dimension(x) => {
                    self.plan.dimensions.push(Dimension {
                        name: x.name.text.clone(),
                        label: x.label.as_ref().map(|l| l.value.clone()),
                        units: Vec::new(),
                    });
                    (&x.name, TypeName::Dimension(self.plan.dimensions.len() - 1))
                }
                Declaration::Enum(x) => {
                    self.plan.enums.push(EnumType {
                        name: x.name.text.clone(),
                        ordered: x.ordered,
                        values: Vec::new(),
                        lookup: HashMap::new(),
                    });
                    (&x.name, TypeName::Enum(self.plan.enums.len() - 1))
                }
                Declaration::Identifier(x) => {
                    self.plan.identifiers.push(IdentifierType {
                        name: x.name.text.clone(),
                        doc: x.doc.clone(),
                        label: x.label.as_ref().map(|l| l.value.clone()),
                        check: IdentifierRule::Patterns(Vec::new()),
                    });
                    (
                        &x.name,
                        TypeName::Identifier(self.plan.identifiers.len() - 1),
                    )
                }
                Declaration::Record(x) | Declaration::Document(x) => {
                    self.plan.records.push(RecordType {
                        name: x.name.text.clone(),
                        label: x.label.as_ref().map(|l| l.value.clone()),
                        fields: Vec::new(),
                        is_document: matches!(d, Declaration::Document(_)),
                        dated_by: None,
                    });
                    (&x.name, TypeName::Record(self.plan.records.len() - 1))
                }
                _ => continue,
            };
            match self.type_names.get(&name.text) {
                Some((_, first_file, _)) if *first_file == usize::MAX => {
                    self.report(
                        *file,
                        Code::RulesDuplicate,
                        Said::new(Word::BuiltinTypeName).with("name", &name.text),
                        name.span,
                        Said::new(Word::NameTaken),
                        Said::new(Word::ChooseAnotherName),
                    );
                }
                Some(&(_, first_file, first_span)) => {
                    self.duplicate(
                        *file,
                        Word::WhatType,
                        &name.text,
                        name.span,
                        (first_file, first_span),
                    );
                }
                None => {
                    self.type_names
                        .insert(name.text.clone(), (entry, *file, name.span));
                }
            }
        }
    }
}

impl Resolver {
    pub(super) fn enums(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut index = 0;
        for (file, d) in declarations {
            let Declaration::Enum(e) = d else { continue };
            let id = index;
            index += 1;
            let mut names: HashMap<String, Span> = HashMap::new();
            let mut spellings: HashMap<String, String> = HashMap::new();
            for value in &e.values {
                if let Some(&first) = names.get(&value.name.text) {
                    self.duplicate(
                        *file,
                        Word::WhatEnumValue,
                        &value.name.text,
                        value.name.span,
                        (*file, first),
                    );
                    continue;
                }
                names.insert(value.name.text.clone(), value.name.span);
                let all = std::iter::once(value.name.text.as_str())
                    .chain(value.label.iter().map(|l| l.value.as_str()))
                    .chain(value.aliases.iter().map(|a| a.value.as_str()));
                let position = self.plan.enums[id].values.len();
                for spelling in all {
                    self.plan.enums[id]
                        .lookup
                        .entry(fold(spelling))
                        .or_insert(position);
                    if let Some(owner) = spellings.insert(fold(spelling), value.name.text.clone())
                        && owner != value.name.text
                    {
                        self.report(
                            *file,
                            Code::RulesDuplicate,
                            Said::new(Word::AmbiguousEnumSpelling)
                                .with("spelling", spelling)
                                .with("owner", &owner)
                                .with("value", &value.name.text)
                                .with("enum", &e.name.text),
                            value.name.span,
                            Said::new(Word::AmbiguousSpelling),
                            Said::new(Word::AmbiguousEnumSpellingHelp),
                        );
                    }
                }
                self.plan.enums[id].values.push(EnumValue {
                    name: value.name.text.clone(),
                    label: value.label.as_ref().map(|l| l.value.clone()),
                    aliases: value.aliases.iter().map(|a| a.value.clone()).collect(),
                });
            }
        }
    }

    /// Each identifier's check: a standard the engine knows, or patterns that are not empty.
    pub(super) fn identifiers(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut index = 0;
        for (file, d) in declarations {
            let Declaration::Identifier(x) = d else {
                continue;
            };
            // Declared in the same order as `index_types` pushed them.
            let id = index;
            index += 1;
            let check = match &x.check {
                IdentifierCheck::Standard(name) => match Standard::parse(&name.value) {
                    Some(standard) => IdentifierRule::Standard(standard),
                    None => {
                        let known: Vec<&str> = Standard::ALL.iter().map(|(n, _)| *n).collect();
                        self.report(
                            *file,
                            Code::RulesUnknownStandard,
                            Said::new(Word::UnknownStandard).with("name", &name.value),
                            name.span,
                            Said::new(Word::NotAKnownStandard),
                            Said::new(Word::KnownStandards).with_plan_list("names", &known),
                        );
                        continue;
                    }
                },
                IdentifierCheck::Patterns(patterns) => {
                    for pattern in patterns.iter().filter(|p| p.value.trim().is_empty()) {
                        self.report(
                            *file,
                            Code::RulesUnknownStandard,
                            Said::new(Word::EmptyPattern).with("name", &x.name.text),
                            pattern.span,
                            Said::new(Word::EmptyReason),
                            Said::new(Word::EmptyPatternHelp),
                        );
                    }
                    IdentifierRule::Patterns(patterns.iter().map(|p| p.value.clone()).collect())
                }
            };
            if let Some(identifier) = self.plan.identifiers.get_mut(id) {
                identifier.check = check;
            }
        }
    }

    pub(super) fn resolve_type(&mut self, file: usize, ty: &ast::TypeExpr) -> Type {
        let inner = match self.type_names.get(&ty.name.text) {
            Some((TypeName::Builtin(make), _, _)) => make(),
            Some((TypeName::Dimension(d), _, _)) => Type::Quantity(*d),
            Some((TypeName::Enum(e), _, _)) => Type::Enum(*e),
            Some((TypeName::Identifier(i), _, _)) => Type::Identifier(*i),
            Some((TypeName::Record(r), _, _)) => Type::Record(*r),
            None => {
                let help = self.suggest(&ty.name.text, Word::WhatTypes, |r| {
                    r.type_names.keys().cloned().collect()
                });
                self.report(
                    file,
                    Code::RulesUnknownType,
                    Said::new(Word::UnknownType).with("name", &ty.name.text),
                    ty.name.span,
                    Said::new(Word::NotAType),
                    help,
                );
                Type::Error
            }
        };
        if ty.list {
            Type::List(Box::new(inner))
        } else {
            inner
        }
    }

    pub(super) fn records(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut index = 0;
        for (file, d) in declarations {
            let (Declaration::Record(r) | Declaration::Document(r)) = d else {
                continue;
            };
            let id = index;
            index += 1;
            let mut seen: HashMap<String, Span> = HashMap::new();
            for field in &r.fields {
                if let Some(&first) = seen.get(&field.name.text) {
                    self.duplicate(
                        *file,
                        Word::WhatField,
                        &field.name.text,
                        field.name.span,
                        (*file, first),
                    );
                    continue;
                }
                if ["kind", "plan", "justifications"].contains(&field.name.text.as_str())
                    && matches!(d, Declaration::Document(_))
                {
                    self.report(
                        *file,
                        Code::RulesReservedField,
                        Said::new(Word::ReservedField).with("name", &field.name.text),
                        field.name.span,
                        Said::new(Word::ReservedKey),
                        Said::new(Word::ChooseAnotherFieldName),
                    );
                }
                seen.insert(field.name.text.clone(), field.name.span);
                let ty = self.resolve_type(*file, &field.ty);
                self.plan.records[id].fields.push(Field {
                    name: field.name.text.clone(),
                    label: field.label.as_ref().map(|l| l.value.clone()),
                    ty,
                    optional: field.ty.optional,
                });
            }
            if let Some(dated) = &r.dated_by {
                match self.plan.records[id].field(&dated.text) {
                    Some(f)
                        if matches!(
                            self.plan.records[id].fields[f].ty,
                            Type::Date | Type::Error
                        ) =>
                    {
                        self.plan.records[id].dated_by = Some(f)
                    }
                    Some(_) => self.report(
                        *file,
                        Code::RulesTypeMismatch,
                        Said::new(Word::DatedByNotDate).with("field", &dated.text),
                        dated.span,
                        Said::new(Word::NotADate),
                        Said::new(Word::DatedByNotDateHelp),
                    ),
                    None => {
                        let help = self.suggest(&dated.text, Word::WhatFields, |r| {
                            r.plan.records[id]
                                .fields
                                .iter()
                                .map(|f| f.name.clone())
                                .collect()
                        });
                        self.report(
                            *file,
                            Code::RulesUnknownField,
                            Said::new(Word::RecordHasNoField)
                                .with("record", &r.name.text)
                                .with("field", &dated.text),
                            dated.span,
                            Said::new(Word::NoSuchField),
                            help,
                        );
                    }
                }
            }
        }
    }
}
