//! The harness checks itself: generated documents validate, and planlint and the Rego peer
//! agree on every one of them.

use planlint_bench::corpus::corpus;
use planlint_bench::embedded_plan;
use planlint_bench::peer::{Peer, Verdict, check_peer_rules, planlint_verdicts, rego_verdicts};
use planlint_bench::pipeline::{document_errors, end_to_end, options, staged};

#[test]
fn generated_documents_validate_and_engines_agree() {
    let plan = embedded_plan();
    check_peer_rules(&plan).expect("every peer rule is in the plan");
    let opts = options();
    let mut peer = Peer::new().expect("the policy loads");
    let (mut violations, mut reviews) = (0, 0);
    for g in corpus(7, 200) {
        let (report, _) = end_to_end(&plan, "doc.yaml", g.yaml.as_bytes(), &opts);
        assert_eq!(
            document_errors(&report),
            0,
            "document {} does not validate:\n{}",
            g.index,
            g.yaml
        );
        let (_, outcomes) =
            staged(&plan, "doc.yaml", g.yaml.as_bytes(), &opts).expect("stages run");
        let ours = planlint_verdicts(&outcomes);
        let result = peer
            .eval(regorus::Value::from(g.input.clone()))
            .expect("rego evaluates");
        let theirs = rego_verdicts(&result).expect("rego result reads");
        assert_eq!(
            ours, theirs,
            "engines disagree on document {}:\n{}",
            g.index, g.yaml
        );
        violations += ours.iter().filter(|v| **v == Verdict::Violation).count();
        reviews += ours.iter().filter(|v| **v == Verdict::Review).count();
    }
    // The corpus must exercise both outcomes the comparison looks at.
    assert!(
        violations > 0 && reviews > 0,
        "{violations} violations, {reviews} reviews"
    );
}

/// Rego orders values across types, so without a guard the string "很多" would count as 20 or
/// more trips a day (strings sort after numbers). The encoding's type guards must prevent that.
#[test]
fn rego_guards_types() {
    let mut peer = Peer::new().expect("the policy loads");
    let input = serde_json::json!({
        "check_date": "2026-01-01",
        "document": {
            "kind": "enterprise",
            "daily_truck_trips": "很多",
            "gate": { "installed": false, "video_installed": false },
            "boilers": [{ "fuel": "raw_coal", "capacity": "8", "status": "operating" }]
        }
    });
    let result = peer.eval(regorus::Value::from(input)).expect("evaluates");
    let verdicts = rego_verdicts(&result).expect("reads");
    assert!(
        verdicts.iter().all(|v| *v == Verdict::Neither),
        "{verdicts:?}"
    );
}

#[test]
fn the_corpus_is_read_by_the_line_reader_exactly_as_by_the_general_parser() {
    // The line reader is what the benchmark measures for these documents; a document it left to
    // the general parser would be measured on the slow path without anyone seeing it.
    for g in corpus(11, 600) {
        match planlint::compare_yaml_readers(&g.yaml) {
            planlint::YamlAgreement::Same => {}
            other => panic!("document {}: {other:?}\n{}", g.index, g.yaml),
        }
    }
}
