//! `planlint init`: the files of a new plan folder, made from its official text, on which
//! `rules check`, `rules test` and `rules coverage` pass at once. Pure: the caller writes them.

/// What a new plan is called and where its text comes from.
pub struct NewPlan<'a> {
    /// The plan's id (`wuhan-2025`); rule ids of the example start with its first part.
    pub id: &'a str,
    pub title: &'a str,
    /// The official text, as the government published it.
    pub text: &'a str,
    /// The first day the plan is in force (`effective from`).
    pub effective_from: crate::Date,
}

/// The files of the new plan folder, each with its path relative to the folder; `Err` with the
/// reason when the text has no sentence in a numbered part to quote.
pub fn files(plan: &NewPlan<'_>) -> Result<Vec<(String, String)>, String> {
    let (sentence, clause) =
        crate::citation::first_clause_sentence(plan.text).ok_or_else(|| {
            "the text has no sentence ending in 。 inside a numbered part (一、 or (一)) to quote"
                .to_string()
        })?;
    let prefix: String = plan.id.split('-').next().unwrap_or("PLAN").to_uppercase();
    let rule_id = format!("{prefix}-EXAMPLE-BOILER");
    let text_name = format!("{}.txt", plan.id);
    let title = plan.title.replace('"', "'");
    let quote = sentence.replace('"', "'");
    let header = format!(
        r#"// The plan's header and its readings. See docs/language.md for every setting.

/// {title}. The official text is `{text_name}` beside these files.
plan {id} {{
  title "{title}"
  level city
  effective from {from}
  text "{text_name}"
  languages zh, en
}}

// Readings of ambiguous passages go here, each named (R1, R2 …) and cited by the rules it affects:
// reading R1 "……" en "……"
"#,
        id = plan.id,
        from = plan.effective_from,
    );
    let units = r#"// Dimensions and units the rules compare in. The first unit of each dimension is its base; Simplified
// spellings and full-width characters are matched automatically, `also` lists other spellings.

/// Rated steam capacity of a boiler.
dimension steam_capacity "锅炉容量" {
  unit t/h "蒸吨/小时" also "吨/小时"
  unit MW "兆瓦"
  convert 1 t/h = 0.7 MW
}

/// Yearly tonnage: output, throughput, freight.
dimension annual_tonnage "年吨数" {
  unit 万吨/年 "万吨/年"
  unit t/a "吨/年"
  convert 1 万吨/年 = 10000 t/a
}
"#
    .to_string();
    let schema = r#"// The submissions the rules read: enums, records and document kinds. A field a rule needs and a
// submission may leave out is optional (`?`); leaving it out is then missing information.

enum fuel "燃料" {
  coal "燃煤" also "煤"
  gas "燃气" also "天然气"
  electric "电" also "电力"
}

record boiler "锅炉" {
  name: text "名称"
  is_new: bool "是否新建"
  fuel: fuel "燃料"
  capacity: steam_capacity "额定容量"
}

document project "建设项目申请" {
  dated by submitted_on
  submitted_on: date "申请日期"
  name: text "项目名称"
  boilers: list boiler? "锅炉"
}
"#
    .to_string();
    let rules = format!(
        r#"// An example rule: it quotes the first sentence of a numbered part of the text. Replace its
// condition and requirement with what that sentence obliges, or delete it once the plan has rules
// of its own; docs/language.md walks through encoding the first clauses.

rule {rule_id} "示例：新建锅炉不使用燃煤" {{
  clause "{clause}"
  quote "{quote}"
  responsible "（责任单位）"
  applies to project
  for each b in boilers
  when b.is_new
  forbid b.fuel = coal
  message "新建锅炉「{{b.name}}」使用燃煤"
  message en "new boiler `{{b.name}}` burns coal"
  help "改用燃气或电力"
  help en "use gas or electricity instead"
}}
"#
    );
    let inventory = r#"// The plan's clause inventory: one `row ID "clause"` per checkable obligation of the text. With
// rows, `rules coverage` counts against them and `rules check` warns about a row with neither a
// rule nor an `omit ID because "…"`. Empty for now: coverage counts the rules themselves.
"#
    .to_string();
    let test = |note: &str, outcome: &str, fuel: &str| {
        format!(
            r#"# {note}
as_of: {from}
expect:
  {rule_id}: {outcome}
document:
  kind: project
  plan: {id}
  submitted_on: {from}
  name: 示例项目
  boilers:
    - name: 1号锅炉
      is_new: true
      fuel: {fuel}
      capacity: 10 t/h
"#,
            from = plan.effective_from,
            id = plan.id,
        )
    };
    let violation = test(
        "The example rule's violation: a new coal boiler.",
        "violation",
        "燃煤",
    );
    let pass = test(
        "The example rule passes: the new boiler burns gas.",
        "pass",
        "燃气",
    );
    Ok(vec![
        ("plan.rules".into(), header),
        ("units.rules".into(), units),
        ("schema.rules".into(), schema),
        ("rules.rules".into(), rules),
        ("inventory.rules".into(), inventory),
        (text_name, plan.text.to_string()),
        ("tests/example-violation.yaml".into(), violation),
        ("tests/example-pass.yaml".into(), pass),
    ])
}
