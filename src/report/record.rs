//! Decision records, `planlint/decision/v1`: what a check decided and from exactly what, so that
//! a filed report can be traced to its run and the run repeated.
//!
//! The record holds digests, never the submission's content. Its `decision_id` is the SHA-256 of
//! the record's own canonical JSON (keys sorted, no spaces) without the id: the same tool, plan
//! chain, submissions and options always give the same id, and any change gives another. Nothing
//! in it reads the clock: a check date that came from the day of the check is recorded as such,
//! and replay pins it.

use super::{Run, Tally};
use crate::check::DateSource;
use crate::words::{Said, Word};
use serde::{Deserialize, Serialize};

/// The schema name every record carries.
pub const SCHEMA: &str = "planlint/decision/v1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub schema: String,
    /// `sha256:…` over the canonical JSON of every other field.
    pub decision_id: String,
    pub tool: ToolRecord,
    pub plan: PlanRecord,
    pub inputs: Vec<InputRecord>,
    pub options: OptionsRecord,
    pub counts: CountsRecord,
    /// Whether the run fails at `options.fail_on`.
    pub failed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolRecord {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRecord {
    /// The plan checked against, and those above it, nearest first.
    pub chain: Vec<PlanLayerRecord>,
    /// `sha256:…` over every rules file and official text of the chain.
    pub digest: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLayerRecord {
    pub id: String,
    pub number: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRecord {
    /// The file's name as the report gives it.
    pub name: String,
    /// `sha256:…` of its bytes (empty when it could not be read).
    pub sha256: String,
    pub bytes: usize,
    pub documents: Vec<DocumentRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub index: usize,
    pub kind: Option<String>,
    pub check_date: String,
    /// `as_of`, `document` or `today`.
    pub date_source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionsRecord {
    pub fail_on: String,
    pub language: String,
    /// `sha256:…` of the waivers register applied, `null` when none was.
    pub waivers: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsRecord {
    pub violation: usize,
    pub review: usize,
    pub missing_information: usize,
    pub advice: usize,
    /// Violations and reviews an officer's waiver covers; absent in a record from before
    /// waivers, which had none.
    #[serde(default)]
    pub waived: usize,
    /// Problems with the submissions themselves (unreadable or invalid documents).
    pub errors: usize,
}

impl DecisionRecord {
    /// The record of a run, its id computed.
    pub(crate) fn of(run: &Run<'_>) -> DecisionRecord {
        let plan = run.plan;
        let chain = (0..plan.layer_count())
            .map(|k| {
                let header = plan.layer_header(k);
                PlanLayerRecord {
                    id: header.id.clone(),
                    number: header.number.clone(),
                }
            })
            .collect();
        let inputs = run
            .files
            .iter()
            .filter(|file| !file.register)
            .map(|file| InputRecord {
                name: file.path.clone(),
                sha256: file.digest().to_string(),
                bytes: file.bytes,
                documents: file
                    .documents
                    .iter()
                    .map(|d| DocumentRecord {
                        index: d.index,
                        kind: d
                            .document
                            .as_ref()
                            .map(|doc| plan.records[doc.kind].name.clone()),
                        check_date: d.check_date.to_string(),
                        date_source: match d.date_source {
                            DateSource::AsOf => "as_of",
                            DateSource::Document => "document",
                            DateSource::Today => "today",
                        }
                        .to_string(),
                    })
                    .collect(),
            })
            .collect();
        let tally: Tally = run.tally();
        let mut record = DecisionRecord {
            schema: SCHEMA.to_string(),
            decision_id: String::new(),
            tool: ToolRecord {
                name: "planlint".to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
            },
            plan: PlanRecord {
                chain,
                digest: plan.digest.clone(),
            },
            inputs,
            options: OptionsRecord {
                fail_on: run.fail_on.name().to_string(),
                language: run.language.tag().to_string(),
                waivers: run.waivers_digest.map(str::to_string),
            },
            counts: CountsRecord {
                violation: tally.violation,
                review: tally.review,
                missing_information: tally.missing_information,
                advice: tally.advice,
                waived: tally.waived,
                errors: tally.errors,
            },
            failed: run.fails(),
        };
        record.decision_id = record.computed_id();
        record
    }

    /// The id this record's contents give: SHA-256 of its canonical JSON without the id.
    pub fn computed_id(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.remove("decision_id");
        }
        // serde_json's maps keep their keys sorted, and the record holds no floats: this is the
        // canonical form, with no spaces.
        let canonical = serde_json::to_string(&value).unwrap_or_default();
        format!(
            "sha256:{}",
            crate::compile::hex(&Sha256::digest(canonical.as_bytes()))
        )
    }

    /// The record as pretty JSON, for `--record FILE`.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// What `planlint replay` says of this recorded decision and the one the check gives now,
    /// and whether they are the same.
    pub fn replay_report(
        &self,
        now: &DecisionRecord,
        language: crate::words::Language,
    ) -> (String, bool) {
        let differences = self.differences(now);
        let mut out = if differences.is_empty() {
            Said::new(Word::ReplayReproduced).with("id", &now.decision_id)
        } else {
            Said::new(Word::ReplayNotReproduced)
                .with("recorded", &self.decision_id)
                .with("now", &now.decision_id)
        }
        .in_language(language);
        out.push('\n');
        for difference in &differences {
            out.push_str("  - ");
            out.push_str(&difference.in_language(language));
            out.push('\n');
        }
        (out, differences.is_empty())
    }

    /// The problem of a record file that cannot be read as one.
    pub fn invalid(path: &str, reason: &str) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::said(
            crate::diagnostic::Code::UsageInvalidRecord,
            Said::new(Word::InvalidRecord)
                .with("path", path)
                .with("reason", reason),
        )
        .help_said(Said::new(Word::InvalidRecordHelp))
    }

    /// A record read back, or why it cannot be.
    pub fn from_json(text: &str) -> Result<DecisionRecord, String> {
        let record: DecisionRecord = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if record.schema != SCHEMA {
            return Err(format!("`{}` is not `{SCHEMA}`", record.schema));
        }
        Ok(record)
    }

    /// What differs between this record and `other`, field by field; empty when they record the
    /// same decision.
    pub(crate) fn differences(&self, other: &DecisionRecord) -> Vec<Said> {
        let mut out = Vec::new();
        if self.plan.digest != other.plan.digest {
            out.push(
                Said::new(Word::ReplayPlanDiffers)
                    .with("recorded", &self.plan.digest)
                    .with("now", &other.plan.digest),
            );
        }
        if self.tool != other.tool {
            out.push(
                Said::new(Word::ReplayToolDiffers)
                    .with("recorded", &self.tool.version)
                    .with("now", &other.tool.version),
            );
        }
        if self.options.waivers != other.options.waivers {
            let shown = |d: &Option<String>| d.clone().unwrap_or_else(|| "-".to_string());
            out.push(
                Said::new(Word::ReplayWaiversDiffer)
                    .with("recorded", shown(&self.options.waivers))
                    .with("now", shown(&other.options.waivers)),
            );
        }
        for (a, b) in self.inputs.iter().zip(&other.inputs) {
            if a.sha256 != b.sha256 {
                out.push(
                    Said::new(Word::ReplayInputDiffers)
                        .with("file", &b.name)
                        .with("recorded", &a.name),
                );
            }
            for (x, y) in a.documents.iter().zip(&b.documents) {
                if x.check_date != y.check_date {
                    out.push(
                        Said::new(Word::ReplayDateDiffers)
                            .with("file", &b.name)
                            .with("document", y.index + 1)
                            .with("now", &y.check_date)
                            .with("recorded", &x.check_date),
                    );
                }
            }
        }
        if self.inputs.len() != other.inputs.len() {
            out.push(
                Said::new(Word::ReplayInputCount)
                    .with("recorded", self.inputs.len())
                    .with("now", other.inputs.len()),
            );
        }
        if self.counts != other.counts {
            let c = |c: &CountsRecord| {
                format!(
                    "{}/{}/{}/{}/{}/{}",
                    c.violation, c.review, c.missing_information, c.advice, c.waived, c.errors
                )
            };
            out.push(
                Said::new(Word::ReplayCountsDiffer)
                    .with("recorded", c(&self.counts))
                    .with("now", c(&other.counts)),
            );
        }
        if out.is_empty() && self.decision_id != other.decision_id {
            out.push(
                Said::new(Word::ReplayIdDiffers)
                    .with("recorded", &self.decision_id)
                    .with("now", &other.decision_id),
            );
        }
        out
    }
}
