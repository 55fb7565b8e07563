//! The embedded chain in compact form: its resolved model as written by the front end, read back
//! at start-up instead of parsing, resolving and quote-checking 400 KB of rules on every run.
//!
//! The form is `rules/precompiled.bin`: the build's fingerprint (32 bytes, see `build.rs`), then
//! the model in postcard. It is made only from a plan without errors, and embedded only when its
//! fingerprint is the build's; a test keeps the committed file equal to what the front end makes
//! now. The rules files and official texts are not in it: the binary embeds them anyway, and
//! they are attached again by name.

use crate::Plan;
use crate::base::span::SourceFile;
use crate::compile::PlanFiles;
use crate::model;

/// What the compact form holds besides the model: which embedded files the model's sources are,
/// and the folders of the chain.
#[derive(serde::Serialize, serde::Deserialize)]
struct Form {
    /// The plan's root as messages name it, `rules/NAME`.
    root: String,
    /// The folder of each plan of the chain, the plan checked first: where the tests are.
    layers: Vec<String>,
    /// The name of each rules file of `model.files`, in order.
    files: Vec<String>,
    /// The name of the official text of each plan of the chain, the plan checked first.
    texts: Vec<Option<String>>,
    model: model::Plan,
}

/// The compact form of a compiled chain whose folders are `layers`, fingerprinted; `None` for a
/// plan with errors, which is never precompiled.
pub(crate) fn encode(plan: &Plan, layers: Vec<String>, fingerprint: &[u8; 32]) -> Option<Vec<u8>> {
    if plan.has_errors() {
        return None;
    }
    let model = &plan.model;
    let name = |file: &SourceFile| file.name.to_string();
    let mut texts = vec![model.official_text.as_ref().map(name)];
    texts.extend(model.ancestor_texts.iter().map(|t| t.as_ref().map(name)));
    let form = FormRef {
        root: &plan.root,
        layers: &layers,
        files: &model.files.iter().map(name).collect::<Vec<_>>(),
        texts: &texts,
        model,
    };
    let mut bytes = fingerprint.to_vec();
    bytes.extend(postcard::to_allocvec(&form).ok()?);
    Some(bytes)
}

/// [`Form`] by reference, so that encoding copies nothing.
#[derive(serde::Serialize)]
struct FormRef<'a> {
    root: &'a str,
    layers: &'a [String],
    files: &'a [String],
    texts: &'a [Option<String>],
    model: &'a model::Plan,
}

/// The chain read back from its compact form, with its files attached from `embedded` (paths
/// under `rules/` and bytes); `None` when the form is not this build's or names a file that is
/// not embedded, so that the caller compiles the text instead.
pub(crate) fn decode(
    bytes: &[u8],
    fingerprint: &[u8; 32],
    embedded: &[(&str, &[u8])],
) -> Option<Plan> {
    let body = bytes.strip_prefix(fingerprint.as_slice())?;
    let form: Form = postcard::from_bytes(body).ok()?;
    // As the front end reads them: a rules file without its byte-order mark, a text as it is.
    let source = |name: &str, rules: bool| -> Option<SourceFile> {
        let path = name.strip_prefix("rules/")?;
        let (_, bytes) = embedded.iter().find(|(p, _)| *p == path)?;
        let text = std::str::from_utf8(bytes).ok()?;
        let text = if rules {
            text.strip_prefix('\u{FEFF}').unwrap_or(text)
        } else {
            text
        };
        Some(SourceFile::new(name, text))
    };
    let mut model = form.model;
    model.files = form
        .files
        .iter()
        .map(|name| source(name, true))
        .collect::<Option<Vec<_>>>()?;
    let mut texts = form.texts.iter().map(|name| match name {
        Some(name) => source(name, false).map(Some),
        None => Some(None),
    });
    model.official_text = texts.next()??;
    model.ancestor_texts = texts.collect::<Option<Vec<_>>>()?;
    let mut layers = Vec::new();
    for folder in &form.layers {
        layers.push(PlanFiles::embedded_folder(folder)?);
    }
    let tests = layers.first()?.tests();
    let chain_tests = layers.iter().flat_map(PlanFiles::tests).collect();
    Some(Plan::precompiled(model, form.root, tests, chain_tests))
}

#[cfg(test)]
mod tests {
    use crate::Plan;
    use crate::check::CheckOptions;
    use crate::report::{Format, ReportOptions, render};

    /// The committed form is what the front end makes of the embedded files now. Run where `CI`
    /// is not set, the test writes the form it made, so that the next build embeds it; in CI it
    /// only fails.
    #[test]
    fn the_committed_form_is_what_the_front_end_makes_now() {
        let Some(plan) = Plan::embedded_from_text() else {
            return;
        };
        let made = plan
            .precompiled_form()
            .expect("the embedded plan compiles without errors");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/precompiled.bin");
        let committed = std::fs::read(&path).unwrap_or_default();
        if committed != made {
            let ci = std::env::var_os("CI").is_some();
            if !ci {
                std::fs::write(&path, &made).expect("rules/precompiled.bin can be written");
            }
            panic!(
                "rules/precompiled.bin is not what the front end makes of the embedded files now{}",
                if ci {
                    "; run `cargo test` outside CI to write it, and commit it"
                } else {
                    "; it has been written: build and test again, and commit it"
                }
            );
        }
        assert!(
            super::super::compile::embedded::PRECOMPILED.is_some(),
            "the build did not embed rules/precompiled.bin though it is fresh"
        );
    }

    /// Read back, the form is the same plan: encoded again it gives the same bytes, its files
    /// and texts are the compiled plan's, and the examples and a tenth of the plans' tests are
    /// reported alike, passes included. (Every plan test runs on the precompiled plan anyway, in
    /// the tests of `rules test`.)
    #[test]
    fn the_form_read_back_is_the_plan_compiled_from_text() {
        let Some(compiled) = Plan::embedded_from_text() else {
            return;
        };
        let form = compiled.precompiled_form().expect("no errors");
        let fingerprint = &super::super::compile::embedded::FINGERPRINT;
        let read = super::decode(&form, fingerprint, super::super::compile::embedded::FILES)
            .expect("the form reads back");
        assert_eq!(read.precompiled_form().as_deref(), Some(form.as_slice()));
        let texts = |plan: &Plan| {
            let model = &plan.model;
            let mut all: Vec<(String, String)> = model
                .files
                .iter()
                .chain(model.official_text.iter())
                .chain(model.ancestor_texts.iter().flatten())
                .map(|f| (f.name.to_string(), f.text.to_string()))
                .collect();
            all.push((plan.root.clone(), plan.digest.clone()));
            all
        };
        assert_eq!(texts(&read), texts(&compiled));
        assert_eq!(read.tests, compiled.tests);
        assert_eq!(read.chain_tests, compiled.chain_tests);
        assert!(!read.has_errors());
        assert_eq!(read.diagnostics().len(), compiled.diagnostics().len());
        let day = crate::base::date::Date::new(2025, 6, 1).expect("a day");
        let options = CheckOptions::new(day).as_of(Some(day));
        let mut report_options = ReportOptions::new(crate::report::Language::ZhHans);
        report_options.include_passes = true;
        let mut checked = 0;
        let sample = compiled.chain_tests.iter().step_by(10);
        for (name, bytes) in sample.chain(examples().iter()) {
            let report = |plan: &Plan| {
                let file = plan.check(name, bytes, &options);
                render(
                    plan,
                    std::slice::from_ref(&file),
                    Format::Json,
                    &report_options,
                )
            };
            assert_eq!(report(&read), report(&compiled), "{name}");
            checked += 1;
        }
        assert!(checked > 20, "only {checked} submissions compared");
    }

    /// The bundled examples, by name.
    fn examples() -> Vec<(String, Vec<u8>)> {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let bytes = std::fs::read(entry.path()).ok()?;
                name.ends_with(".yaml").then_some((name, bytes))
            })
            .collect();
        found.sort();
        found
    }
}
