//! `planlint serve` in process: every endpoint, answers validated against the report's JSON
//! Schema, bad bodies, an oversize body (413), a slow check (503), load shed (503), and fuzzed
//! bodies that never crash the server.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use planlint::serve::{Settings, router};
use planlint::{Date, Plan};
use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;
use tower::ServiceExt;

fn app(settings: Settings) -> axum::Router {
    let plan = Plan::embedded().expect("the embedded plan");
    router(
        plan,
        || Date::parse("2025-06-01").expect("a date"),
        settings,
    )
}

fn example(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect("an example")
}

async fn send(
    app: &axum::Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.expect("an answer");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    (status, headers, body.to_vec())
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).body(Body::empty()).expect("a request");
    let (status, _, body) = send(app, request).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header("content-type", content_type)
        .body(body.into())
        .expect("a request")
}

/// The report's JSON Schema, as the API serves it and `docs/` documents it.
fn assert_valid_report(report: &Value) {
    let schema: Value =
        serde_json::from_str(&example("docs/check-output.schema.json")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[tokio::test]
async fn health_ready_plan_and_rules() {
    let app = app(Settings::default());
    assert_eq!(
        get(&app, "/health").await,
        (StatusCode::OK, json!({ "status": "ok" }))
    );
    let (status, ready) = get(&app, "/ready").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ready["plan"], "jingzhou-2024");
    assert!(
        ready["digest"]
            .as_str()
            .unwrap_or("")
            .starts_with("sha256:")
    );
    let (status, plan) = get(&app, "/v1/plan").await;
    assert_eq!(status, StatusCode::OK);
    let chain: Vec<&str> = plan["chain"]
        .as_array()
        .expect("a chain")
        .iter()
        .map(|p| p["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(chain, ["jingzhou-2024", "national-2023"]);
    assert!(plan["rules"].as_array().expect("rules").len() > 200);
    let (status, rule) = get(&app, "/v1/rules/JZ-BOILER-NEW-COAL-BUILTUP?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rule["modality"], "in_principle");
    assert!(
        rule["explanation"]
            .as_str()
            .unwrap_or("")
            .contains("JZ-BOILER-NEW-COAL-BUILTUP")
    );
    let (status, missing) = get(&app, "/v1/rules/JZ-NO-SUCH-RULE").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(missing["error"]["code"], "usage::unknown-rule");
    let (status, _) = get(&app, "/no/such/endpoint").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, openapi) = get(&app, "/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(openapi["openapi"], "3.1.0");
    let (status, schema) = get(&app, "/v1/schema/check-output.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[tokio::test]
async fn a_yaml_body_gets_the_cli_report() {
    let app = app(Settings::default());
    let request = post(
        "/v1/check?lang=en",
        "application/yaml",
        example("examples/project-violations.yaml"),
    );
    let (status, headers, body) = send(&app, request).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a completed check is 200 whatever it found"
    );
    let report: Value = serde_json::from_slice(&body).expect("JSON");
    assert_valid_report(&report);
    assert_eq!(report["summary"]["violation"], 10);
    assert_eq!(report["files"][0]["file"], "submission.yaml");
    assert!(
        headers["planlint-decision-id"]
            .to_str()
            .unwrap_or("")
            .starts_with("sha256:")
    );
    // The same check twice is the same decision.
    let again = post(
        "/v1/check?lang=en",
        "application/yaml",
        example("examples/project-violations.yaml"),
    );
    let (_, headers_again, _) = send(&app, again).await;
    assert_eq!(
        headers["planlint-decision-id"],
        headers_again["planlint-decision-id"]
    );
    // The officer's page, from the same check.
    let html = post(
        "/v1/check?format=html",
        "application/yaml",
        example("examples/project-violations.yaml"),
    );
    let (status, headers, body) = send(&app, html).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    assert!(String::from_utf8_lossy(&body).contains("Content-Security-Policy"));
}

#[tokio::test]
async fn an_envelope_carries_options_a_waiver_register_and_asks_for_the_record() {
    let app = app(Settings::default());
    let envelope = json!({
        "submission": example("tests/fixtures/cli/waivers-project.yaml"),
        "waivers": example("tests/fixtures/cli/waivers.yaml"),
        "as_of": "2025-06-01",
        "lang": "en",
        "name": "waivers-project.yaml",
        "record": true,
    });
    let (status, _, body) = send(
        &app,
        post("/v1/check", "application/json", envelope.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report: Value = serde_json::from_slice(&body).expect("JSON");
    assert_valid_report(&report);
    assert_eq!(report["summary"]["waived"], 2);
    assert_eq!(report["decision"]["schema"], "planlint/decision/v1");
    assert!(
        report["decision"]["options"]["waivers"]
            .as_str()
            .unwrap_or("")
            .starts_with("sha256:")
    );
    // A JSON submission, as a document rather than text.
    let document: Value =
        serde_json::from_str(&example("tests/fixtures/submissions/good/project.json"))
            .unwrap_or(json!({}));
    if document.is_object() {
        let (status, _, body) = send(
            &app,
            post("/v1/check", "application/json", document.to_string()),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let report: Value = serde_json::from_slice(&body).expect("JSON");
        assert_valid_report(&report);
        assert_eq!(report["files"][0]["file"], "submission.json");
    }
}

#[tokio::test]
async fn a_batch_is_checked_whole() {
    let app = app(Settings::default());
    let batch = json!({
        "submissions": [
            { "name": "a.yaml", "content": example("examples/project-violations.yaml") },
            { "name": "b.yaml", "content": example("examples/project-clean.yaml") },
            { "content": "kind: project\nplan: jingzhou-2024\n" },
        ],
        "lang": "en",
    });
    let (status, _, body) = send(
        &app,
        post("/v1/check/batch", "application/json", batch.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report: Value = serde_json::from_slice(&body).expect("JSON");
    assert_valid_report(&report);
    let names: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["a.yaml", "b.yaml", "submission-3.yaml"]);
    let too_many = json!({ "submissions": vec![json!({ "content": "kind: project\n" }); 3] });
    let small = app_with(|s| s.max_batch = 2);
    let (status, _, _) = send(
        &small,
        post("/v1/check/batch", "application/json", too_many.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

fn app_with(change: impl FnOnce(&mut Settings)) -> axum::Router {
    let mut settings = Settings::default();
    change(&mut settings);
    app(settings)
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    let app = app(Settings::default());
    // A submission that is not YAML is a report with its problem, as on the command line.
    let (status, _, body) = send(
        &app,
        post("/v1/check", "application/yaml", "kind: [unclosed"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report: Value = serde_json::from_slice(&body).expect("JSON");
    assert_valid_report(&report);
    assert_eq!(report["summary"]["errors"], 1);
    for (uri, content_type, body) in [
        (
            "/v1/check?as_of=tomorrow",
            "application/yaml",
            "kind: project\n".to_string(),
        ),
        (
            "/v1/check?fail_on=sometimes",
            "application/yaml",
            "kind: project\n".to_string(),
        ),
        (
            "/v1/check?format=pdf",
            "application/yaml",
            "kind: project\n".to_string(),
        ),
        (
            "/v1/check?colour=red",
            "application/yaml",
            "kind: project\n".to_string(),
        ),
        (
            "/v1/check",
            "application/json",
            json!({ "submission": 1, "as_of": 3 }).to_string(),
        ),
        (
            "/v1/check/batch",
            "application/json",
            "not json".to_string(),
        ),
        (
            "/v1/check/batch",
            "application/json",
            json!({ "submissions": 3 }).to_string(),
        ),
    ] {
        let (status, _, body) = send(&app, post(uri, content_type, body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        let error: Value = serde_json::from_slice(&body).expect("JSON");
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn an_oversize_body_is_413() {
    let app = app_with(|s| s.max_body = 1024);
    let body = format!("kind: project\nname: {}\n", "x".repeat(4096));
    let (status, _, _) = send(&app, post("/v1/check", "application/yaml", body)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

/// A batch too long for the time allowed is answered 503, not left waiting.
#[tokio::test]
async fn a_slow_check_is_503() {
    let app = app_with(|s| s.timeout = Duration::from_millis(1));
    let one = example("examples/project-violations.yaml");
    let batch = json!({ "submissions": vec![json!({ "content": one }); 200] });
    let (status, _, body) = send(
        &app,
        post("/v1/check/batch", "application/json", batch.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let error: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(error["error"]["code"], "timeout");
}

/// With one request in progress allowed, a second one while a long batch runs is refused at
/// once. Whether the first has started when the second arrives depends on the scheduler, so the
/// test tries a few times; it fails only if no attempt is ever refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn excess_load_is_shed_with_503() {
    let app = app_with(|s| s.concurrency = 1);
    let one = example("examples/project-violations.yaml");
    let batch = json!({ "submissions": vec![json!({ "content": one }); 300] }).to_string();
    let mut shed = false;
    for _ in 0..5 {
        let slow = tokio::spawn(app.clone().oneshot(post(
            "/v1/check/batch",
            "application/json",
            batch.clone(),
        )));
        tokio::time::sleep(Duration::from_millis(50)).await;
        let (status, _, _) = send(
            &app,
            Request::get("/health")
                .body(Body::empty())
                .expect("a request"),
        )
        .await;
        let first = slow
            .await
            .expect("the slow request ends")
            .expect("an answer");
        assert_eq!(first.status(), StatusCode::OK);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            shed = true;
            break;
        }
    }
    assert!(shed, "no request was shed while the only permit was taken");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the body, the server answers, and never with a 5xx.
        #[test]
        fn any_body_gets_an_answer(
            body in prop::collection::vec(any::<u8>(), 0..512),
            json_type in any::<bool>(),
            batch in any::<bool>(),
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            static APP: std::sync::OnceLock<axum::Router> = std::sync::OnceLock::new();
            let app = APP.get_or_init(|| app(Settings::default()));
            let uri = if batch { "/v1/check/batch" } else { "/v1/check" };
            let content_type = if json_type { "application/json" } else { "application/yaml" };
            let (status, _, _) = runtime.block_on(send(app, post(uri, content_type, body)));
            prop_assert!(!status.is_server_error(), "{status}");
        }
    }
}

/// The officer's page, its script and its style come from the server itself, under a policy that
/// forbids anything from elsewhere; none of them names another site.
#[tokio::test]
async fn the_page_is_served_whole_and_fetches_nothing_from_elsewhere() {
    let app = app(Settings::default());
    let (status, headers, page) = send(
        &app,
        Request::get("/").body(Body::empty()).expect("a request"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers["content-security-policy"].to_str().unwrap_or("");
    assert!(policy.starts_with("default-src 'self'"), "{policy}");
    let page = String::from_utf8(page).expect("UTF-8");
    assert!(page.contains("规划符合性审查"));
    for (path, kind) in [("/page.js", "text/javascript"), ("/page.css", "text/css")] {
        let (status, headers, body) = send(
            &app,
            Request::get(path).body(Body::empty()).expect("a request"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap_or("")
                .starts_with(kind),
            "{path}"
        );
        let text = String::from_utf8(body).expect("UTF-8");
        for served in [&page, &text] {
            assert!(
                !served.contains("http://") && !served.contains("https://"),
                "{path} names another site"
            );
        }
    }
}
