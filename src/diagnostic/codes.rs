//! The registry of every diagnostic code the tool reports: its spelling, severity, description
//! and message shape. `planlint explain CODE` prints an entry; a test checks that every code has
//! a fixture that produces it.

use super::Severity;

macro_rules! registry {
    ($($variant:ident = $name:literal, $severity:ident, $description:literal, $shape:literal;)*) => {
        /// A diagnostic code: the stable name a report gives a problem (`rules::unknown-unit`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $description] $variant,)*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as reports spell it, e.g. `rules::unknown-unit`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// How serious a problem of this code is.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $description,)*
                }
            }

            /// What its message looks like, with `…` where the input goes.
            pub fn message_shape(self) -> &'static str {
                match self {
                    $(Code::$variant => $shape,)*
                }
            }
        }
    };
}

registry! {
    // Reading files: the command line's inputs and a plan's folder.
    IoRead = "io::read", Error,
        "a file or folder named on the command line or by a plan cannot be read",
        "cannot read `…`: …";
    IoNoInputs = "io::no-inputs", Error,
        "the paths given to `check` hold no submission files",
        "no submission files (`*.yaml`, `*.yml`, `*.json`) under `…`";
    UsageUnknownKind = "usage::unknown-kind", Error,
        "a command names a document kind that the plan does not declare",
        "plan `…` has no document kind `…`";
    UsageUnknownRule = "usage::unknown-rule", Error,
        "a command names a rule id that the plan does not have",
        "plan `…` has no rule `…`";
    UsageInitFolderNotEmpty = "usage::init-folder-not-empty", Error,
        "`planlint init` names a folder that already holds files",
        "`…` already holds files";
    UsageInitNoClause = "usage::init-no-clause", Error,
        "`planlint init` was given a text with no sentence in a numbered part to quote",
        "`…` has no sentence inside a numbered part to quote";
    UsageInvalidRecord = "usage::invalid-record", Error,
        "`planlint replay` names a file that is not a decision record",
        "`…` is not a decision record that can be read: …";
    WaiversInvalid = "waivers::invalid", Error,
        "an entry of the waiver register lacks a field, has one it should not, or a bad date; it is not applied",
        "waiver field `…` is missing, empty, unknown or not a date";
    WaiversUnknownRule = "waivers::unknown-rule", Error,
        "a waiver names a rule the plan does not have; it is not applied",
        "waiver names rule `…`, which the plan does not have";
    WaiversHardRule = "waivers::hard-rule", Error,
        "a waiver names a rule that is not `in principle` without `allow_hard: true` and a `hard_reason`; it is not applied",
        "rule `…` is `…`, not `in principle`: it cannot be waived without `allow_hard`";
    WaiversExpired = "waivers::expired", Warning,
        "a waiver names a finding but is not in force on the check date (expired, or granted later); the finding stands",
        "waiver `…` for `…` expired on … (check date …)";
    WaiversUnused = "waivers::unused", Warning,
        "a waiver of the register named no finding of the run",
        "waiver `…` (rule `…`, subject `…`) waived nothing";
    UsageUnknownCode = "usage::unknown-code", Error,
        "`planlint explain` names a diagnostic code that is not registered",
        "`…` is not a diagnostic code of planlint";

    // The rules front end: syntax, names, types, units, the header and citations.
    RulesIo = "rules::io", Error,
        "the plan folder holds no rules files, or the official text it names is not there",
        "the official text `…` named by the plan is not in `…`";
    RulesEncoding = "rules::encoding", Error,
        "a rules file or the official text is not valid UTF-8",
        "`…` is not valid UTF-8 (byte …)";
    RulesSyntax = "rules::syntax", Error,
        "the text does not follow the grammar of the rules language",
        "syntax error: expected …";
    RulesTooDeep = "rules::too-deep", Error,
        "an expression or a chain of definitions is nested too deeply to check safely",
        "this expression is nested too deeply";
    RulesPlanHeader = "rules::plan-header", Error,
        "the plan header is missing, repeated, or lacks a setting every plan needs",
        "the plan does not set `…`";
    RulesImplementsUnknown = "rules::implements-unknown", Error,
        "`implements` names no rule of a plan above the rule's own",
        "rule `…` implements `…`, which no plan above it has";
    RulesLayerSkipped = "rules::layer-skipped", Advice,
        "a plan's parent is more than one level above it: the layers between are not checked",
        "plan `…` (…) names a parent at level …: the chain skips …";
    RulesLayerMissing = "rules::layer-missing", Warning,
        "the parent plan a header names is not beside it, so the chain is checked without it",
        "the parent plan `…` that plan `…` names is not at `…`";
    RulesInvalidDate = "rules::invalid-date", Error,
        "a date in the rules is not a calendar date, or a period ends before it starts",
        "`…` is not a calendar date";
    RulesDuplicate = "rules::duplicate", Error,
        "a name, spelling or rule id is declared twice",
        "… `…` is declared twice";
    RulesUnknownType = "rules::unknown-type", Error,
        "a field's type is not a built-in type, a dimension, an enum or a record",
        "unknown type `…`";
    RulesReservedField = "rules::reserved-field", Error,
        "a document kind declares a field whose name every document reserves",
        "`…` is reserved in every document";
    RulesUnknownUnit = "rules::unknown-unit", Error,
        "a quantity names a unit that no dimension declares",
        "unknown unit `…`";
    RulesUnitUnconnected = "rules::unit-unconnected", Error,
        "a unit has no conversion to its dimension's base unit",
        "unit `…` cannot be converted to `…`, the base unit of `…`";
    RulesInvalidConversion = "rules::invalid-conversion", Error,
        "a conversion between units is zero, or joins units of two dimensions",
        "a conversion factor cannot be zero";
    RulesDimensionMismatch = "rules::dimension-mismatch", Error,
        "quantities of two dimensions are compared, added or converted into each other",
        "unit `…` belongs to `…`, not to `…`";
    RulesTypeMismatch = "rules::type-mismatch", Error,
        "an expression has a type its place does not accept",
        "… needs a condition (true or false), and this is …";
    RulesUnknownName = "rules::unknown-name", Error,
        "an expression names something that is not declared",
        "unknown name `…`";
    RulesUnknownField = "rules::unknown-field", Error,
        "a path names a field that its record does not have",
        "`…` has no field `…`";
    RulesUnknownEnumValue = "rules::unknown-enum-value", Error,
        "a value is compared with an enum it is not a value of",
        "`…` is not a value of `…`";
    RulesUnknownKind = "rules::unknown-kind", Error,
        "a rule applies to a document kind that is not declared",
        "unknown document kind `…`";
    RulesUnknownReading = "rules::unknown-reading", Error,
        "a rule cites a reading that the plan does not declare",
        "unknown reading `…`";
    RulesArity = "rules::arity", Error,
        "a definition or built-in is called with the wrong number of arguments, or an aggregate lacks its body",
        "`…` takes … argument(s), and … are given";
    RulesCycle = "rules::cycle", Error,
        "parameters or definitions depend on themselves",
        "definitions depend on themselves: …";
    RulesUnused = "rules::unused", Warning,
        "a parameter or definition is never used",
        "… `…` is never used";
    RulesRepeatedClause = "rules::repeated-clause", Error,
        "a rule states a clause that may appear once (quote, requirement …) twice",
        "rule `…` has …";
    RulesMissingClause = "rules::missing-clause", Error,
        "a rule lacks a clause every rule needs (clause, quote, applies to, a requirement, a message), or an omit lacks its reason",
        "rule `…` has no …";
    RulesMissingHelp = "rules::missing-help", Warning,
        "a rule does not say how to comply",
        "rule `…` has no `help`";
    RulesReviewOnSoftRule = "rules::review-on-soft-rule", Warning,
        "an encourage or strive rule has a `review if`, which sends advice to an officer's review queue (decisions A1b)",
        "rule `…` is a soft (`…`) rule, and `review if` sends it to an officer";
    RulesAbsentNotApplicable = "rules::absent-not-applicable", Warning,
        "a `when given(x)` makes the rule not applicable, or a `forbid given(x) and …` lets it pass, when the document leaves a plain value out (decisions A18 wants missing information)",
        "rule `…` gives … when the document leaves `…` out";
    RulesIneffectiveLine = "rules::ineffective-line", Warning,
        "a `review if`, `advice if`, `unless` or `deadline` can never take effect, or always does, given the rule's own conditions and requirement",
        "the `…` of rule `…` never holds where it is read: …";
    RulesTextPromisesReview = "rules::text-promises-review", Warning,
        "a rule's message or help says an officer decides, but the rule never sends a finding to review",
        "rule `…` says `…` but never sends a finding to an officer";
    RulesSingleLanguageText = "rules::single-language-text", Warning,
        "a rule's message, help or reason, or a reading, lacks its Chinese or its English text, or mixes the two in one string",
        "rule `…`: its … has no English text";
    RulesUnusedAllow = "rules::unused-allow", Warning,
        "a rule's `/// allow CODE: reason` line argues for a lint that does not fire on the rule",
        "rule `…` allows `…`, which does not fire on it";
    RulesBidiControl = "rules::bidi-control", Warning,
        "a rules file holds a Unicode bidirectional control character, which makes the text read differently from its bytes (a quote, a message or a condition)",
        "a bidirectional control character `…` is in the rules file";
    RulesUnknownStandard = "rules::unknown-standard", Error,
        "an `identifier` names a standard the engine does not know, or gives an empty pattern",
        "`…` is not an identifier standard the engine knows";
    RulesUnknownRow = "rules::unknown-row", Error,
        "a rule's `row` or an `omit` names a row that the plan's clause inventory does not declare",
        "rule `…` encodes row `…`, which the inventory does not have";
    RulesRowNotEncoded = "rules::row-not-encoded", Warning,
        "a row of the plan's clause inventory has neither a rule nor an `omit` with its reason",
        "row `…` of the inventory has no rule and no `omit`";
    RulesQuoteNotFound = "rules::quote-not-found", Error,
        "a rule's quote is not a passage of the official text, or the rule quotes nothing",
        "the quote of rule `…` does not occur in the official text";
    RulesQuoteAmbiguous = "rules::quote-ambiguous", Warning,
        "a rule's quote occurs more than once in the official text and its clause does not narrow it to one",
        "the quote of rule `…` occurs … times in the text (lines …)";
    RulesUnknownClause = "rules::unknown-clause", Error,
        "a rule's clause names no place in the official text's outline, or is not a clause reference",
        "rule `…` cites clause `…`, which the official text does not have";
    RulesQuoteElsewhere = "rules::quote-elsewhere", Error,
        "a rule's quote is in the official text, but not in the clause the rule cites",
        "the quote of rule `…` is in clause `…`, not in `…`";
    RulesQuoteDebris = "rules::quote-debris", Error,
        "a rule quotes the official text's last line, which the plan declares as page debris",
        "rule `…` quotes the last line of the text, which is page debris";

    // Submissions: decoding, YAML, and validation against the plan's schema.
    SubmissionEncoding = "submission::encoding", Error,
        "a submission file is not valid UTF-8",
        "`…` is not valid UTF-8 …";
    SubmissionTooLarge = "submission::too-large", Error,
        "a submission file is larger than the size limit",
        "`…` is … bytes; the limit is …";
    SubmissionYaml = "submission::yaml", Error,
        "a submission file is not well-formed YAML, or exceeds a nesting or alias limit",
        "… (YAML syntax)";
    SubmissionJson = "submission::json", Error,
        "a `.json` submission is not strict JSON",
        "not valid JSON: …";
    SubmissionTooManyNodes = "submission::too-many-nodes", Error,
        "a document has more values than the limit",
        "the document has more than … values";
    SubmissionTooManyDocuments = "submission::too-many-documents", Error,
        "a file holds more documents (`---`) than the limit; those before it are checked",
        "`…` holds more than … documents";
    SubmissionComplexKey = "submission::complex-key", Error,
        "a mapping key is a list or mapping instead of a plain name",
        "a key must be a plain name";
    SubmissionDuplicateKey = "submission::duplicate-key", Error,
        "a mapping gives the same key twice",
        "`…` is given twice";
    SubmissionEmpty = "submission::empty", Error,
        "a submission file holds no document",
        "the file holds no document";
    SubmissionNotAMapping = "submission::not-a-mapping", Error,
        "a document or record is not a mapping of fields",
        "a document must be a mapping of fields, and this is …";
    SubmissionMissingKind = "submission::missing-kind", Error,
        "a document does not say which kind it is",
        "the document does not say its `kind`";
    SubmissionUnknownKind = "submission::unknown-kind", Error,
        "a document names a kind the plan does not declare",
        "unknown document kind `…`";
    SubmissionMissingPlan = "submission::missing-plan", Error,
        "a document does not name the plan it is submitted under",
        "the document does not name its `plan`";
    SubmissionWrongPlan = "submission::wrong-plan", Error,
        "a document names another plan than the one it is checked against",
        "the document is for plan `…`, and this is plan `…`";
    SubmissionUnknownField = "submission::unknown-field", Error,
        "a document or record gives a field its kind does not declare",
        "unknown field `…`";
    SubmissionMissingField = "submission::missing-field", Error,
        "a required field is not given",
        "required field `…` is missing";
    SubmissionTypeMismatch = "submission::type-mismatch", Error,
        "a value is not of the field's declared type",
        "`…` is not …";
    SubmissionInvalidIdentifier = "submission::invalid-identifier", Error,
        "a code (credit code, permit number, industry or division code …) is not well formed: wrong length, a character the code does not use, a wrong check character, or not the plan's pattern",
        "… `…`: check character … is `…`, and the characters before it give `…`";
    SubmissionAmbiguousBoolean = "submission::ambiguous-boolean", Error,
        "a yes/no field holds a YAML 1.1 word (`yes`, `on` …) that readers take differently",
        "`…` is not a boolean";
    SubmissionInvalidDate = "submission::invalid-date", Error,
        "a date field holds something that is not a calendar date",
        "`…` is not a date";
    SubmissionInvalidQuantity = "submission::invalid-quantity", Error,
        "a quantity field holds something that is not an amount with a unit",
        "`…` is not a quantity";
    SubmissionMissingUnit = "submission::missing-unit", Error,
        "a quantity is given without its unit",
        "`…` has no unit";
    SubmissionUnknownUnit = "submission::unknown-unit", Error,
        "a quantity's unit is not one the plan declares",
        "unknown unit `…`";
    SubmissionDimensionMismatch = "submission::dimension-mismatch", Error,
        "a quantity's unit measures another dimension than the field's",
        "`…` measures …, and this field is …";
    SubmissionUnknownEnumValue = "submission::unknown-enum-value", Error,
        "a value is not one of the field's enum values",
        "`…` is not a value of `…`";
    SubmissionUnknownRule = "submission::unknown-rule", Warning,
        "a justification names a rule the plan does not have",
        "the justification names `…`, which is not a rule of this plan";
    SubmissionJustificationRefused = "submission::justification-refused", Warning,
        "a justification is given for a rule that allows no exception; the document is still checked",
        "rule `…` is a `…` clause and allows no exception";
    SubmissionJustificationWrongKind = "submission::justification-wrong-kind", Warning,
        "a justification names a rule that applies to another kind of document",
        "the justification names `…`, which applies to `…` documents, not to this `…`";
    SubmissionJustificationUnused = "submission::justification-unused", Warning,
        "a justification is given for a rule that did not fire",
        "the justification for `…` is not needed: the rule did not fire";

    // Bugs: a state the grammar and the engine disagree about. No input should produce one; unit
    // tests hold the tables involved against the grammar.
    InternalError = "internal::error", Error,
        "the rules language's grammar accepts something the engine cannot read: a bug in planlint",
        "internal error: the grammar accepts this as …, and planlint cannot read it";

    // Plan tests: the `expect` lines of a plan's test submissions.
    TestInvalid = "test::invalid", Error,
        "a plan test's `expect` line cannot be read, or names a rule or outcome that does not exist",
        "… in `expect`";
}

impl Code {
    /// The code spelt as `as_str`, if there is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// The stage that reports the code: the part before `::`.
    pub fn stage(self) -> &'static str {
        self.as_str().split("::").next().unwrap_or_default()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
