//! Parameters and definitions: their types, the dependency graph, cycles, call depth, unused names.

use super::*;

/// The plan's parameters and definitions with the file each is in, in declaration order.
pub(super) struct ValueDecls<'a> {
    params: Vec<(usize, &'a ast::ParamDecl)>,
    defines: Vec<(usize, &'a ast::DefineDecl)>,
}

impl ValueDecls<'_> {
    /// Where a parameter or definition is declared: its file and its name.
    fn name_of(&self, value: ValueName) -> (usize, ast::Ident) {
        match value {
            ValueName::Param(i) => (self.params[i].0, self.params[i].1.name.clone()),
            ValueName::Define(i) => (self.defines[i].0, self.defines[i].1.name.clone()),
        }
    }
}

/// Who refers to whom among parameters and definitions, with where each reference is written.
pub(super) struct Dependencies {
    graph: DiGraph<ValueName, ()>,
    edge_spans: HashMap<(ValueName, ValueName), Span>,
    /// Strongly connected components, callees first (tarjan_scc's order).
    components: Vec<Vec<NodeIndex>>,
    in_cycle: Vec<bool>,
}

impl Resolver {
    /// Parameters and definitions: declared, put in dependency order, checked for cycles and
    /// call depth, then type-checked callees first.
    pub(super) fn params_and_defines(&mut self, declarations: &[(usize, &Declaration)]) {
        let decls = self.declare_values(declarations);
        let mut dependencies = self.dependencies(&decls);
        self.report_cycles(&mut dependencies, &decls);
        self.limit_call_depth(&dependencies, &decls);
        self.check_values(&dependencies, &decls);
    }

    /// Books every parameter and definition by name, reporting duplicates, and gives each a
    /// placeholder in the plan until it is checked.
    fn declare_values<'a>(&mut self, declarations: &[(usize, &'a Declaration)]) -> ValueDecls<'a> {
        let mut params: Vec<(usize, &ast::ParamDecl)> = Vec::new();
        let mut defines: Vec<(usize, &ast::DefineDecl)> = Vec::new();
        for (file, d) in declarations {
            let (name, value) = match d {
                Declaration::Param(p) => {
                    params.push((*file, p));
                    (&p.name, ValueName::Param(params.len() - 1))
                }
                Declaration::Define(x) => {
                    defines.push((*file, x));
                    (&x.name, ValueName::Define(defines.len() - 1))
                }
                _ => continue,
            };
            if let Some(&(_, first_file, first_span)) = self.values.get(&name.text) {
                self.duplicate(
                    *file,
                    Word::WhatName,
                    &name.text,
                    name.span,
                    (first_file, first_span),
                );
            } else {
                self.values
                    .insert(name.text.clone(), (value, *file, name.span));
            }
        }
        self.used_params = vec![false; params.len()];
        self.used_defines = vec![false; defines.len()];
        self.define_types = vec![None; defines.len()];
        for (file, p) in &params {
            self.plan.params.push(Param {
                name: p.name.text.clone(),
                file: *file,
                value: invalid(p.value.span),
            });
        }
        for (file, d) in &defines {
            let params = d
                .params
                .iter()
                .map(|(n, t)| (n.text.clone(), self.resolve_type(*file, t)))
                .collect();
            self.plan.defines.push(Define {
                name: d.name.text.clone(),
                file: *file,
                params,
                body: invalid(d.body.span),
                locals: 0,
            });
        }
        ValueDecls { params, defines }
    }

    /// The dependency graph between parameters and definitions, for cycles and check order.
    fn dependencies(&mut self, decls: &ValueDecls<'_>) -> Dependencies {
        let mut graph: DiGraph<ValueName, ()> = DiGraph::new();
        let mut nodes: HashMap<ValueName, NodeIndex> = HashMap::new();
        for i in 0..decls.params.len() {
            nodes.insert(ValueName::Param(i), graph.add_node(ValueName::Param(i)));
        }
        for i in 0..decls.defines.len() {
            nodes.insert(ValueName::Define(i), graph.add_node(ValueName::Define(i)));
        }
        let mut edge_spans: HashMap<(ValueName, ValueName), Span> = HashMap::new();
        let bodies: Vec<(ValueName, &ast::Expr, Vec<String>)> = decls
            .params
            .iter()
            .enumerate()
            .map(|(i, (_, p))| (ValueName::Param(i), &p.value, Vec::new()))
            .chain(decls.defines.iter().enumerate().map(|(i, (_, d))| {
                (
                    ValueName::Define(i),
                    &d.body,
                    d.params.iter().map(|(n, _)| n.text.clone()).collect(),
                )
            }))
            .collect();
        for (from, body, bound) in &bodies {
            let mut references = Vec::new();
            collect_references(body, &mut bound.clone(), &mut references);
            for (name, span) in references {
                if let Some(&(to, _, _)) = self.values.get(&name) {
                    graph.update_edge(nodes[from], nodes[&to], ());
                    edge_spans.entry((*from, to)).or_insert(span);
                }
            }
        }
        // Anything another parameter or definition refers to counts as used, even inside a cycle.
        for edge in graph.edge_indices() {
            if let Some((_, to)) = graph.edge_endpoints(edge) {
                match graph[to] {
                    ValueName::Param(i) => self.used_params[i] = true,
                    ValueName::Define(i) => self.used_defines[i] = true,
                }
            }
        }
        let components = petgraph::algo::tarjan_scc(&graph);
        let in_cycle = vec![false; graph.node_count()];
        Dependencies {
            graph,
            edge_spans,
            components,
            in_cycle,
        }
    }

    /// Marks and reports every cycle, a component of several or one that calls itself.
    fn report_cycles(&mut self, dependencies: &mut Dependencies, decls: &ValueDecls<'_>) {
        for component in &dependencies.components {
            let graph = &dependencies.graph;
            let self_loop = component.len() == 1 && graph.contains_edge(component[0], component[0]);
            if component.len() > 1 || self_loop {
                for node in component {
                    dependencies.in_cycle[node.index()] = true;
                }
                self.report_cycle(graph, component, &dependencies.edge_spans, decls);
            }
        }
    }

    /// Evaluation recurses once per call; a chain of definitions deeper than `MAX_CALL_DEPTH`
    /// is refused so that no plan can exhaust the stack. Components come callees first.
    fn limit_call_depth(&mut self, dependencies: &Dependencies, decls: &ValueDecls<'_>) {
        let (graph, in_cycle) = (&dependencies.graph, &dependencies.in_cycle);
        let mut call_depth = vec![1usize; graph.node_count()];
        for component in &dependencies.components {
            for node in component {
                if in_cycle[node.index()] {
                    continue;
                }
                let deepest_callee = graph
                    .neighbors(*node)
                    .filter(|n| !in_cycle[n.index()])
                    .map(|n| call_depth[n.index()])
                    .max()
                    .unwrap_or(0);
                call_depth[node.index()] = deepest_callee + 1;
                if call_depth[node.index()] == MAX_CALL_DEPTH + 1 {
                    let (file, name) = decls.name_of(graph[*node]);
                    self.report(
                        file,
                        Code::RulesTooDeep,
                        Said::new(Word::ChainTooDeep)
                            .with("name", &name.text)
                            .with("limit", MAX_CALL_DEPTH),
                        name.span,
                        Said::new(Word::TooDeep),
                        Said::new(Word::ChainTooDeepHelp),
                    );
                }
            }
        }
    }

    /// Type-checks every parameter and definition outside a cycle, callees first, so that a
    /// caller sees its callees' types.
    fn check_values(&mut self, dependencies: &Dependencies, decls: &ValueDecls<'_>) {
        let graph = &dependencies.graph;
        for component in &dependencies.components {
            for node in component {
                if dependencies.in_cycle[node.index()] {
                    if let ValueName::Define(i) = graph[*node] {
                        self.define_types[i] = Some(Type::Error);
                    }
                    continue;
                }
                match graph[*node] {
                    ValueName::Param(i) => {
                        let (file, p) = decls.params[i];
                        let mut scope = Scope::new(file, None);
                        let value = self.check(&p.value, &mut scope, None);
                        self.plan.params[i].value = value;
                    }
                    ValueName::Define(i) => {
                        let (file, d) = decls.defines[i];
                        let mut scope = Scope::new(file, None);
                        for (name, ty) in self.plan.defines[i].params.clone() {
                            scope.bind(&name, ty);
                        }
                        let body = self.check(&d.body, &mut scope, None);
                        self.define_types[i] = Some(body.ty.clone());
                        self.plan.defines[i].body = body;
                        self.plan.defines[i].locals = scope.max_slots;
                    }
                }
            }
        }
    }

    /// Reports one cycle with its whole path, from its first-declared member.
    fn report_cycle(
        &mut self,
        graph: &DiGraph<ValueName, ()>,
        component: &[NodeIndex],
        edge_spans: &HashMap<(ValueName, ValueName), Span>,
        decls: &ValueDecls<'_>,
    ) {
        // Walk the cycle from its first-declared member so the path reads in a stable order.
        let start = *component
            .iter()
            .min_by_key(|n| graph[**n].sort_key())
            .unwrap_or(&component[0]);
        let mut path = vec![start];
        let mut current = start;
        for _ in 0..component.len() {
            let next = graph
                .neighbors(current)
                .filter(|n| component.contains(n))
                .min_by_key(|n| (*n != start, graph[*n].sort_key()));
            let Some(next) = next else { break };
            if next == start {
                break;
            }
            if path.contains(&next) {
                break;
            }
            path.push(next);
            current = next;
        }
        let name_of = |v: ValueName| decls.name_of(v);
        let mut names: Vec<String> = path.iter().map(|n| name_of(graph[*n]).1.text).collect();
        names.push(names[0].clone());
        let (file, first) = name_of(graph[start]);
        let mut diagnostic = Diagnostic::said(
            Code::RulesCycle,
            Said::new(Word::DefinitionCycle).with(
                "names",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" → "),
            ),
        )
        .in_file(self.file(file))
        .at_said(first.span, Said::new(Word::CycleStartsHere))
        .help_said(Said::new(Word::DefinitionCycleHelp));
        for pair in path.windows(2).chain(std::iter::once(
            [*path.last().unwrap_or(&start), start].as_slice(),
        )) {
            let (from, to) = (graph[pair[0]], graph[pair[1]]);
            let (from_file, _) = name_of(from);
            if let Some(&span) = edge_spans.get(&(from, to))
                && from_file == file
            {
                diagnostic = diagnostic
                    .also_said(span, Said::new(Word::Uses).with("name", name_of(to).1.text));
            }
        }
        self.diagnostics.push(diagnostic);
    }
}

impl Resolver {
    pub(super) fn report_unused(&mut self, declarations: &[(usize, &Declaration)]) {
        let mut counts = (0, 0);
        for (file, d) in declarations {
            let (name, value, used, what) = match d {
                Declaration::Param(p) => {
                    counts.0 += 1;
                    (
                        &p.name,
                        ValueName::Param(counts.0 - 1),
                        self.used_params.get(counts.0 - 1),
                        Word::WhatParameter,
                    )
                }
                Declaration::Define(x) => {
                    counts.1 += 1;
                    (
                        &x.name,
                        ValueName::Define(counts.1 - 1),
                        self.used_defines.get(counts.1 - 1),
                        Word::WhatDefinition,
                    )
                }
                _ => continue,
            };
            // A duplicate was reported already; only the declaration the name resolves to counts.
            let is_the_declaration = self.values.get(&name.text).is_some_and(|v| v.0 == value);
            if used == Some(&false) && is_the_declaration {
                self.report(
                    *file,
                    Code::RulesUnused,
                    Said::new(Word::NeverUsed)
                        .with_said("what", Said::new(what))
                        .with("name", &name.text),
                    name.span,
                    Said::new(Word::Unused),
                    Said::new(Word::NeverUsedHelp),
                );
            }
        }
    }
}

impl ValueName {
    fn sort_key(self) -> (u8, usize) {
        match self {
            ValueName::Param(i) => (0, i),
            ValueName::Define(i) => (1, i),
        }
    }
}

/// The names an expression refers to (heads of paths and called names), minus bound locals.
pub(super) fn collect_references(
    e: &ast::Expr,
    bound: &mut Vec<String>,
    out: &mut Vec<(String, Span)>,
) {
    match &e.kind {
        A::Path(parts) => {
            if let Some(head) = parts.first()
                && !bound.contains(&head.text)
            {
                out.push((head.text.clone(), head.span));
            }
        }
        A::Call { name, args } => {
            out.push((name.text.clone(), name.span));
            for a in args {
                collect_references(a, bound, out);
            }
        }
        A::Aggregate {
            var,
            list,
            filter,
            body,
            ..
        } => {
            collect_references(list, bound, out);
            bound.push(var.text.clone());
            for part in [filter, body].into_iter().flatten() {
                collect_references(part, bound, out);
            }
            bound.pop();
        }
        A::List(items) => items.iter().for_each(|i| collect_references(i, bound, out)),
        A::Not(x) | A::Negate(x) => collect_references(x, bound, out),
        A::Binary { left, right, .. } | A::Compare { left, right, .. } => {
            collect_references(left, bound, out);
            collect_references(right, bound, out);
        }
        A::In { item, set, .. } => {
            collect_references(item, bound, out);
            collect_references(set, bound, out);
        }
        A::Invalid
        | A::Bool(_)
        | A::Number(_)
        | A::Percent(_)
        | A::Quantity(_)
        | A::Text(_)
        | A::Date(_) => {}
    }
}
