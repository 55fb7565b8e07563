//! Dimensions and units: an exact conversion factor between every pair of connected units.

use super::*;

impl Resolver {
    pub(super) fn units(&mut self, declarations: &[(usize, &Declaration)]) {
        let dimensions: Vec<(usize, &ast::DimensionDecl)> = of_kind(declarations, |d| {
            if let Declaration::Dimension(x) = d {
                Some(x)
            } else {
                None
            }
        });
        let mut first_spans: HashMap<String, Span> = HashMap::new();
        for (dimension, (file, dim)) in dimensions.iter().enumerate() {
            self.declare_units(*file, dimension, dim, &mut first_spans);
        }
        for (dimension, (file, dim)) in dimensions.iter().enumerate() {
            self.convert_units(*file, dimension, dim, &first_spans);
        }
    }

    pub(super) fn declare_units(
        &mut self,
        file: usize,
        dimension: DimensionId,
        dim: &ast::DimensionDecl,
        first_spans: &mut HashMap<String, Span>,
    ) {
        for unit in &dim.units {
            let id = self.plan.units.len();
            let spellings = std::iter::once(unit.name.text.as_str())
                .chain(unit.label.iter().map(|l| l.value.as_str()))
                .chain(unit.aliases.iter().map(|a| a.value.as_str()));
            // A spelling names one unit per dimension; the unit's own name, which rules files
            // write, names one unit in the whole plan.
            let mut clash = self
                .plan
                .units_spelled(&unit.name.text)
                .iter()
                .copied()
                .find(|&other| self.plan.units[other].name == unit.name.text)
                .map(|other| (unit.name.text.clone(), other));
            for spelling in spellings {
                let key = fold(spelling);
                let named = self.plan.unit_lookup.entry(key).or_default();
                match named
                    .iter()
                    .copied()
                    .find(|&u| u == id || self.plan.units[u].dimension == dimension)
                {
                    Some(other) if other != id => clash = Some((spelling.to_string(), other)),
                    Some(_) => {}
                    None => named.push(id),
                }
            }
            if let Some((spelling, other)) = clash {
                let other_name = self.plan.units[other].name.clone();
                self.report(
                    file,
                    Code::RulesDuplicate,
                    Said::new(Word::UnitSpellingTaken)
                        .with("spelling", spelling)
                        .with("other", other_name),
                    unit.name.span,
                    Said::new(Word::ThisUnit),
                    Said::new(Word::UnitSpellingTakenHelp),
                );
            }
            first_spans.insert(unit.name.text.clone(), unit.name.span);
            self.plan.units.push(Unit {
                name: unit.name.text.clone(),
                label: unit.label.as_ref().map(|l| l.value.clone()),
                dimension,
                to_base: Number::ONE,
            });
            self.plan.dimensions[dimension].units.push(id);
        }
    }

    /// Works out every unit's exact factor to its dimension's base unit from the `convert`
    /// lines, by repeating the conversions until no new unit is reached, and reports each unit
    /// no conversion reaches.
    pub(super) fn convert_units(
        &mut self,
        file: usize,
        dimension: DimensionId,
        dim: &ast::DimensionDecl,
        first_spans: &HashMap<String, Span>,
    ) {
        if dim.units.is_empty() {
            self.report(
                file,
                Code::RulesUnitUnconnected,
                Said::new(Word::DimensionWithoutUnits).with("dimension", &dim.name.text),
                dim.name.span,
                Said::new(Word::NoUnits),
                Said::new(Word::DimensionWithoutUnitsHelp),
            );
            return;
        }
        // Each unit's factor to the base unit: the conversions are applied again and again until
        // no new unit is reached, so their order in the file does not matter.
        let mut edges: Vec<(UnitId, UnitId, Number, Span)> = Vec::new();
        for convert in &dim.conversions {
            let Some((left, left_amount)) = self.conversion_side(file, dimension, &convert.left)
            else {
                continue;
            };
            let Some((right, right_amount)) = self.conversion_side(file, dimension, &convert.right)
            else {
                continue;
            };
            // `a L = b R` means one R is a/b L.
            match left_amount.checked_div(right_amount) {
                Some(factor) if !factor.is_zero() => {
                    edges.push((left, right, factor, convert.span))
                }
                _ => self.report(
                    file,
                    Code::RulesInvalidConversion,
                    Said::new(Word::ZeroConversion),
                    convert.span,
                    Said::new(Word::ZeroHere),
                    Said::new(Word::ZeroConversionHelp),
                ),
            }
        }
        let units = self.plan.dimensions[dimension].units.clone();
        let base = units[0];
        let mut known: HashMap<UnitId, Number> = HashMap::from([(base, Number::ONE)]);
        let mut changed = true;
        while changed {
            changed = false;
            for &(left, right, factor, _) in &edges {
                match (known.get(&left).copied(), known.get(&right).copied()) {
                    (Some(l), None) => {
                        if let Some(value) = l.checked_mul(factor) {
                            known.insert(right, value);
                            changed = true;
                        }
                    }
                    (None, Some(r)) => {
                        if let Some(value) = r.checked_div(factor) {
                            known.insert(left, value);
                            changed = true;
                        }
                    }
                    _ => {}
                }
            }
        }
        for unit in units {
            match known.get(&unit) {
                Some(&factor) => self.plan.units[unit].to_base = factor,
                None => {
                    let name = self.plan.units[unit].name.clone();
                    let base_name = self.plan.units[base].name.clone();
                    let span = first_spans.get(&name).copied().unwrap_or(dim.name.span);
                    self.report(
                        file,
                        Code::RulesUnitUnconnected,
                        Said::new(Word::UnitUnconnected)
                            .with("unit", &name)
                            .with("base", &base_name)
                            .with("dimension", &dim.name.text),
                        span,
                        Said::new(Word::NoConversionReaches),
                        Said::new(Word::UnitUnconnectedHelp)
                            .with("base", &base_name)
                            .with("unit", &name),
                    );
                }
            }
        }
    }

    pub(super) fn conversion_side(
        &mut self,
        file: usize,
        dimension: DimensionId,
        q: &ast::QuantityLit,
    ) -> Option<(UnitId, Number)> {
        let amount = Number::parse_decimal(&q.number)?;
        let unit = self.lookup_unit(file, &q.unit)?;
        if self.plan.units[unit].dimension != dimension {
            let other = self.plan.dimensions[self.plan.units[unit].dimension]
                .name
                .clone();
            let this = self.plan.dimensions[dimension].name.clone();
            self.report(
                file,
                Code::RulesDimensionMismatch,
                Said::new(Word::UnitOfAnotherDimension)
                    .with("unit", &q.unit.text)
                    .with("other", other)
                    .with("this", this),
                q.unit.span,
                Said::new(Word::FromAnotherDimension),
                Said::new(Word::UnitOfAnotherDimensionHelp),
            );
            return None;
        }
        Some((unit, amount))
    }

    /// The unit a rules file writes: by its name, or by a spelling only one unit has.
    pub(super) fn lookup_unit(&mut self, file: usize, name: &ast::Ident) -> Option<UnitId> {
        let spelled = self.plan.units_spelled(&name.text);
        let by_name = spelled
            .iter()
            .copied()
            .find(|&u| self.plan.units[u].name == name.text);
        match (by_name, spelled) {
            (Some(unit), _) | (None, &[unit]) => return Some(unit),
            (None, [_, ..]) => {
                let names: Vec<String> = spelled
                    .iter()
                    .map(|&u| self.plan.units[u].name.clone())
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                self.report(
                    file,
                    Code::RulesUnknownUnit,
                    Said::new(Word::RulesAmbiguousUnit)
                        .with("unit", &name.text)
                        .with_plan_list("units", &names),
                    name.span,
                    Said::new(Word::UnitOfSeveralDimensions),
                    Said::new(Word::RulesAmbiguousUnitHelp),
                );
                return None;
            }
            (None, []) => {}
        }
        let help = self.suggest(&name.text, Word::WhatUnits, |r| {
            r.plan.units.iter().map(|u| u.name.clone()).collect()
        });
        self.report(
            file,
            Code::RulesUnknownUnit,
            Said::new(Word::RulesUnknownUnit).with("unit", &name.text),
            name.span,
            Said::new(Word::NotADeclaredUnit),
            help,
        );
        None
    }
}
