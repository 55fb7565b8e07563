//! `planlint serve`: the HTTP API for platforms over one compiled plan, with its limits; the caller binds the socket and says what day it is.
//!
//! Every check runs on the synchronous core in a blocking task. The limits are the CLI's file
//! limit for a body (413 beyond it), a time limit for a request (503 after it), and a bound on
//! requests in progress, beyond which a request is refused at once with 503 rather than queued
//! without bound. Bodies are never logged: submissions hold enterprises' data.

use crate::check::{CheckOptions, FileReport};
use crate::report::{self, Format, Language, ReportOptions};
use crate::waiver::Register;
use crate::{Date, Outcome, Plan};
use axum::Router;
use axum::body::Bytes;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

/// The limits of a server.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The largest body accepted, in bytes: the CLI's file limit by default.
    pub max_body: usize,
    /// How long a request may take before it is answered 503.
    pub timeout: Duration,
    /// How many requests may be in progress at once; more are answered 503 at once.
    pub concurrency: usize,
    /// How many documents one batch may hold.
    pub max_batch: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            max_body: 8 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            concurrency: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            max_batch: 1000,
        }
    }
}

/// The one compiled plan a server checks against, and what day it is.
struct Served {
    plan: Plan,
    today: Box<dyn Fn() -> Date + Send + Sync>,
    settings: Settings,
}

/// The routes of the API, their state and their limits. `today` is asked for the day of each
/// check whose submission gives none and whose request names none.
pub fn router(
    plan: Plan,
    today: impl Fn() -> Date + Send + Sync + 'static,
    settings: Settings,
) -> Router {
    let max_body = settings.max_body;
    let served = Arc::new(Served {
        plan,
        today: Box::new(today),
        settings: settings.clone(),
    });
    let limits = tower::ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|error: tower::BoxError| async move {
            let (code, message) = if error.is::<tower::timeout::error::Elapsed>() {
                ("timeout", "the check took longer than the server allows")
            } else {
                (
                    "overloaded",
                    "the server is at its limit of requests in progress; try again",
                )
            };
            problem(StatusCode::SERVICE_UNAVAILABLE, code, message)
        }))
        .load_shed()
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            settings.concurrency.max(1),
        ))
        .timeout(settings.timeout);
    Router::new()
        .route("/", get(page))
        .route("/page.js", get(page_script))
        .route("/page.css", get(page_style))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/v1/plan", get(plan_summary))
        .route("/v1/rules/{id}", get(rule))
        .route("/v1/check", post(check))
        .route("/v1/check/batch", post(batch))
        .route("/v1/openapi.json", get(openapi))
        .route("/v1/schema/check-output.json", get(check_schema))
        .fallback(not_found)
        .with_state(served)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(limits)
}

/// A problem answer: `{"error": {"code", "message"}}` with its status.
fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "error": { "code": code, "message": message } });
    (status, axum::Json(body)).into_response()
}

/// The officer's page, its script and its style, embedded: nothing is fetched from elsewhere, and
/// the policy forbids it.
const PAGE: &str = include_str!("page/index.html");
const PAGE_SCRIPT: &str = include_str!("page/page.js");
const PAGE_STYLE: &str = include_str!("page/page.css");
const PAGE_POLICY: &str = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, PAGE_POLICY),
        ],
        PAGE,
    )
        .into_response()
}

async fn page_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PAGE_SCRIPT,
    )
        .into_response()
}

async fn page_style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        PAGE_STYLE,
    )
        .into_response()
}

async fn not_found() -> Response {
    problem(
        StatusCode::NOT_FOUND,
        "not-found",
        "no such endpoint; see /v1/openapi.json",
    )
}

async fn health() -> Response {
    axum::Json(json!({ "status": "ok" })).into_response()
}

/// Ready once the plan has compiled without errors: a server whose rules cannot be used answers
/// 503 here, so that a platform does not route checks to it.
async fn ready(State(served): State<Arc<Served>>) -> Response {
    let plan = &served.plan;
    let body = json!({ "ready": !plan.has_errors(), "plan": plan.id(), "digest": plan.digest() });
    let status = if plan.has_errors() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    };
    (status, axum::Json(body)).into_response()
}

async fn plan_summary(State(served): State<Arc<Served>>) -> Response {
    axum::Json(plan_json(&served.plan)).into_response()
}

async fn rule(
    State(served): State<Arc<Served>>,
    Path(id): Path<String>,
    Query(query): Query<CheckQuery>,
) -> Response {
    let language = query.language();
    match rule_json(&served.plan, &id, language) {
        Some(rule) => axum::Json(rule).into_response(),
        None => problem(
            StatusCode::NOT_FOUND,
            "usage::unknown-rule",
            &format!("plan `{}` has no rule `{id}`", served.plan.id()),
        ),
    }
}

/// The plan chain and its rules, for a platform that shows or audits what judged its files.
fn plan_json(plan: &Plan) -> Value {
    let model = &plan.model;
    let chain: Vec<Value> = (0..model.layer_count())
        .map(|k| {
            let header = model.layer_header(k);
            json!({
                "id": header.id,
                "title": header.title,
                "number": header.number,
                "effective_from": header.effective_from.map(|d| d.to_string()),
                "effective_until": header.effective_until.map(|d| d.to_string()),
            })
        })
        .collect();
    let rules: Vec<Value> = model
        .rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "title": rule.title,
                "clause": rule.clause,
                "modality": rule.modality.name(),
                "plan": model.layer_header(model.file_layer(rule.file)).id,
            })
        })
        .collect();
    json!({
        "id": plan.id(),
        "title": model.header.title,
        "number": model.header.number,
        "digest": plan.digest(),
        "chain": chain,
        "rules": rules,
    })
}

/// One rule: what it checks, where the plan says it, and its explanation in words.
fn rule_json(plan: &Plan, id: &str, language: Language) -> Option<Value> {
    let model = &plan.model;
    let rule = model.rule(id)?;
    let explanation = crate::tools::explain_rule(plan, id, language).ok()?;
    Some(json!({
        "id": rule.id,
        "title": rule.title,
        "clause": rule.clause,
        "quote": rule.quote,
        "modality": rule.modality.name(),
        "responsible": rule.responsible,
        "readings": rule.readings,
        "plan": model.layer_header(model.file_layer(rule.file)).id,
        "explanation": explanation,
    }))
}

async fn openapi() -> Response {
    let document: Value = serde_json::from_str(OPENAPI).unwrap_or_default();
    axum::Json(document).into_response()
}

async fn check_schema() -> Response {
    let schema: Value = serde_json::from_str(CHECK_SCHEMA).unwrap_or_default();
    axum::Json(schema).into_response()
}

/// The OpenAPI 3.1 document of the API; it refers to the report's JSON Schema.
const OPENAPI: &str = include_str!("../../docs/openapi.json");
/// The JSON Schema of the check report, as `docs/check-output.schema.json` documents it.
const CHECK_SCHEMA: &str = include_str!("../../docs/check-output.schema.json");

/// The names of the options a query may give.
const OPTIONS: [&str; 7] = [
    "as_of",
    "lang",
    "fail_on",
    "name",
    "format",
    "include_passes",
    "record",
];

/// A query's options, refusing a name the API does not know (serde cannot refuse unknown names
/// of a struct it also flattens into the JSON envelope).
fn options(raw: Option<&str>) -> Option<CheckQuery> {
    let raw = raw.unwrap_or("");
    let known = raw
        .split('&')
        .filter(|pair| !pair.is_empty())
        .all(|pair| OPTIONS.contains(&pair.split('=').next().unwrap_or("")));
    if !known {
        return None;
    }
    parsed_options(raw)
}

fn parsed_options(raw: &str) -> Option<CheckQuery> {
    let uri: axum::http::Uri = format!("/?{raw}").parse().ok()?;
    Query::<CheckQuery>::try_from_uri(&uri)
        .ok()
        .map(|Query(q)| q)
}

/// The options a check request may give in its query or its JSON envelope.
#[derive(Debug, Default, Clone, serde::Deserialize)]
struct CheckQuery {
    as_of: Option<String>,
    lang: Option<String>,
    fail_on: Option<String>,
    /// The submission's file name in the report (`submission.yaml` when not given).
    name: Option<String>,
    /// `json` (the default) or `html`, the officer's page.
    format: Option<String>,
    include_passes: Option<bool>,
    /// Add the decision record to the answer, as `decision`.
    record: Option<bool>,
}

impl CheckQuery {
    fn language(&self) -> Language {
        self.lang
            .as_deref()
            .and_then(Language::parse)
            .unwrap_or(Language::ZhHans)
    }

    /// Fills what this query does not give from another.
    fn or(self, other: CheckQuery) -> CheckQuery {
        CheckQuery {
            as_of: self.as_of.or(other.as_of),
            lang: self.lang.or(other.lang),
            fail_on: self.fail_on.or(other.fail_on),
            name: self.name.or(other.name),
            format: self.format.or(other.format),
            include_passes: self.include_passes.or(other.include_passes),
            record: self.record.or(other.record),
        }
    }
}

/// A check of one submission: a YAML or JSON body, or a JSON envelope
/// `{"submission": "…", "waivers": "…", "as_of": …}` with the options and a waiver register.
async fn check(
    State(served): State<Arc<Served>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(query) = options(raw.as_deref()) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "usage::bad-query",
            "the query has an option the API does not know, or a bad value",
        );
    };
    let json_body = is_json(&headers);
    let work = tokio::task::spawn_blocking(move || served.check_request(query, json_body, &body));
    match work.await {
        Ok(response) => response,
        Err(_) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal::error",
            "the check stopped unexpectedly",
        ),
    }
}

/// Many submissions in one call: `{"submissions": [{"name": "…", "content": "…"}], …options}`.
async fn batch(
    State(served): State<Arc<Served>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Response {
    let Some(query) = options(raw.as_deref()) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "usage::bad-query",
            "the query has an option the API does not know, or a bad value",
        );
    };
    let work = tokio::task::spawn_blocking(move || served.batch_request(query, &body));
    match work.await {
        Ok(response) => response,
        Err(_) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal::error",
            "the check stopped unexpectedly",
        ),
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"))
}

/// A check request's options and waiver register taken out of a JSON envelope.
// serde cannot refuse unknown fields beside a flattened struct: an unknown option is ignored.
#[derive(Debug, Default, serde::Deserialize)]
struct Envelope {
    submission: Value,
    waivers: Option<String>,
    #[serde(flatten)]
    options: CheckQuery,
}

#[derive(Debug, serde::Deserialize)]
struct Batch {
    submissions: Vec<BatchItem>,
    waivers: Option<String>,
    #[serde(flatten)]
    options: CheckQuery,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchItem {
    name: Option<String>,
    content: Value,
}

/// A submission as the bytes the checker reads: a string is YAML or JSON text as written, any
/// other JSON value is the document itself.
fn submission_bytes(value: &Value) -> Vec<u8> {
    match value {
        Value::String(text) => text.as_bytes().to_vec(),
        other => serde_json::to_vec(other).unwrap_or_default(),
    }
}

impl Served {
    fn check_request(&self, query: CheckQuery, json_body: bool, body: &[u8]) -> Response {
        let envelope = json_body
            .then(|| serde_json::from_slice::<Value>(body).ok())
            .flatten()
            .filter(|v| v.get("submission").is_some());
        let (query, bytes, waivers, json_submission) = match envelope {
            Some(value) => match serde_json::from_value::<Envelope>(value) {
                Ok(envelope) => {
                    let json_submission = !envelope.submission.is_string();
                    let bytes = submission_bytes(&envelope.submission);
                    (
                        query.or(envelope.options),
                        bytes,
                        envelope.waivers,
                        json_submission,
                    )
                }
                Err(error) => {
                    return problem(
                        StatusCode::BAD_REQUEST,
                        "usage::bad-envelope",
                        &error.to_string().to_lowercase(),
                    );
                }
            },
            None => (query, body.to_vec(), None, json_body),
        };
        let default_name = if json_submission {
            "submission.json"
        } else {
            "submission.yaml"
        };
        let name = query
            .name
            .clone()
            .unwrap_or_else(|| default_name.to_string());
        self.answer(query, vec![(name, bytes)], waivers)
    }

    fn batch_request(&self, query: CheckQuery, body: &[u8]) -> Response {
        let batch: Batch = match serde_json::from_slice(body) {
            Ok(batch) => batch,
            Err(error) => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "usage::bad-batch",
                    &error.to_string().to_lowercase(),
                );
            }
        };
        if batch.submissions.len() > self.settings.max_batch {
            return problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                "usage::batch-too-large",
                &format!(
                    "a batch holds at most {} submissions",
                    self.settings.max_batch
                ),
            );
        }
        let files = batch
            .submissions
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let extension = if item.content.is_string() {
                    "yaml"
                } else {
                    "json"
                };
                let name = item
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("submission-{}.{extension}", i + 1));
                (name, submission_bytes(&item.content))
            })
            .collect();
        self.answer(query.or(batch.options), files, batch.waivers)
    }

    /// Checks the files with the request's options and answers with the report.
    fn answer(
        &self,
        query: CheckQuery,
        files: Vec<(String, Vec<u8>)>,
        waivers: Option<String>,
    ) -> Response {
        let as_of = match query.as_of.as_deref().map(Date::parse) {
            None => None,
            Some(Some(date)) => Some(date),
            Some(None) => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "usage::bad-date",
                    "`as_of` must be a date written YYYY-MM-DD",
                );
            }
        };
        let fail_on = match query.fail_on.as_deref() {
            None | Some("violation") | Some("never") => Outcome::Violation,
            Some("review") => Outcome::Review,
            Some("missing") | Some("missing_information") => Outcome::MissingInformation,
            Some("advice") => Outcome::Advice,
            Some(_) => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "usage::bad-fail-on",
                    "`fail_on` is one of violation, review, missing, advice, never",
                );
            }
        };
        let format = match query.format.as_deref() {
            None | Some("json") => Format::Json,
            Some("html") => Format::Html,
            Some(_) => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "usage::bad-format",
                    "`format` is `json` or `html`",
                );
            }
        };
        let language = query.language();
        let register = waivers
            .map(|text| Arc::new(Register::read(&self.plan, "waivers.yaml", text.as_bytes())));
        let options = CheckOptions::new((self.today)())
            .as_of(as_of)
            .waivers(register.clone());
        let mut reports: Vec<FileReport> = files
            .iter()
            .map(|(name, bytes)| self.plan.check(name, bytes, &options))
            .collect();
        if let Some(register) = &register
            && let Some(problems) = crate::waiver::register_report(register, &reports)
        {
            reports.push(problems);
        }
        let mut report_options = ReportOptions::new(language);
        report_options.fail_on = fail_on;
        report_options.include_passes = query.include_passes.unwrap_or(false);
        report_options.waivers_digest = register.as_ref().map(|r| r.digest.clone());
        let record = report::decision_record(&self.plan, &reports, &report_options);
        let rendered = report::render(&self.plan, &reports, format, &report_options);
        let mut response = match format {
            Format::Html => (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                rendered,
            )
                .into_response(),
            _ => {
                let mut value: Value = serde_json::from_str(&rendered).unwrap_or_default();
                if query.record == Some(true)
                    && let Some(object) = value.as_object_mut()
                {
                    let decision: Value =
                        serde_json::from_str(&record.to_json()).unwrap_or_default();
                    object.insert("decision".into(), decision);
                }
                axum::Json(value).into_response()
            }
        };
        if let Ok(id) = HeaderValue::from_str(&record.decision_id) {
            response.headers_mut().insert("planlint-decision-id", id);
        }
        response
    }
}
