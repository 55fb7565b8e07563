//! Scripted language-server sessions over an in-memory connection: what an editor sends, and what
//! `planlint lsp` answers, in UTF-16 and in UTF-8 positions on Chinese text.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use planlint::PlanFiles;
use planlint::lsp::Host;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The fixture plan, read from disk as `planlint lsp` reads it.
struct Disk;

impl Host for Disk {
    fn read_folder(&self, folder: &Path) -> Option<PlanFiles> {
        let mut files = PlanFiles::new(folder.display().to_string());
        let mut stack = vec![folder.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).ok()? {
                let path = entry.ok()?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path
                        .strip_prefix(folder)
                        .ok()?
                        .to_string_lossy()
                        .into_owned();
                    files.add(relative, std::fs::read(&path).ok()?);
                }
            }
        }
        Some(files)
    }

    fn read_file(&self, path: &Path) -> Option<Vec<u8>> {
        std::fs::read(path).ok()
    }

    fn folders_in(&self, folder: &Path) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(folder)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default();
        folders.sort();
        folders
    }
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp/boilers")
}

fn uri(file: &str) -> String {
    planlint::lsp::position::uri_of(&fixture().join(file))
        .as_str()
        .to_string()
}

/// Whether a line is a `// ^ name` marker.
fn is_marker(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("//")
        .is_some_and(|rest| rest.trim_start().starts_with('^'))
}

/// The places a fixture marks with `// ^ name`: the character whose index on the line above the
/// markers is the caret's index on its own line.
fn marker(text: &str, name: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if is_marker(line) && line.split('^').nth(1).is_some_and(|n| n.trim() == name) {
            let column = line.chars().take_while(|c| *c != '^').count();
            let above = (0..i)
                .rev()
                .find(|&j| !is_marker(lines[j]))
                .expect("a line above");
            return (above, column);
        }
    }
    panic!("no marker `{name}`");
}

/// A marked place as the protocol counts it: UTF-16 units or UTF-8 bytes from the line's start.
fn position(text: &str, name: &str, utf8: bool) -> Value {
    let (line, column) = marker(text, name);
    let before: String = text
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .take(column)
        .collect();
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({ "line": line, "character": character })
}

/// One editor talking to a server on another thread.
struct Session {
    client: Connection,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
    next_id: i32,
    /// Diagnostics published so far, the latest per file name.
    diagnostics: std::collections::BTreeMap<String, Value>,
}

impl Session {
    fn start(offer_utf8: bool, debounce: Duration) -> (Session, Value) {
        let (server_end, client) = Connection::memory();
        let server = std::thread::spawn(move || planlint::lsp::serve(&server_end, &Disk, debounce));
        let mut session = Session {
            client,
            server: Some(server),
            next_id: 0,
            diagnostics: Default::default(),
        };
        let encodings = if offer_utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let init = session.request(
            "initialize",
            json!({ "capabilities": { "general": { "positionEncodings": encodings } }, "locale": "en" }),
        );
        session.notify("initialized", json!({}));
        (session, init)
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.to_string(), params);
        self.client
            .sender
            .send(Message::Notification(notification))
            .expect("the server listens");
    }

    /// Sends a request and waits for its answer, keeping the diagnostics published meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_string(), params);
        self.client
            .sender
            .send(Message::Request(request))
            .expect("the server listens");
        loop {
            match self.client.receiver.recv().expect("the server answers") {
                Message::Response(response) if response.id == id => {
                    return match response.response_result {
                        Ok(result) => result,
                        Err(error) => panic!("{method}: {error:?}"),
                    };
                }
                Message::Notification(n) => self.keep(n),
                _ => {}
            }
        }
    }

    fn keep(&mut self, notification: Notification) {
        if notification.method == "textDocument/publishDiagnostics" {
            let file = notification.params["uri"]
                .as_str()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            self.diagnostics
                .insert(file, notification.params["diagnostics"].clone());
        }
    }

    /// Waits for the next diagnostics the server publishes on its own (after the debounce).
    fn published(&mut self) -> Value {
        loop {
            if let Message::Notification(n) =
                self.client.receiver.recv().expect("the server publishes")
                && n.method == "textDocument/publishDiagnostics"
            {
                let params = n.params.clone();
                self.keep(n);
                return params;
            }
        }
    }

    fn open(&self, file: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(file), "languageId": "planlint", "version": 1, "text": text } }),
        );
    }

    fn change(&self, file: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri(file), "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    fn at(&mut self, method: &str, file: &str, position: Value) -> Value {
        let mut params = json!({ "textDocument": { "uri": uri(file) }, "position": position });
        if method == "textDocument/references" {
            params["context"] = json!({ "includeDeclaration": true });
        }
        self.request(method, params)
    }

    fn finish(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().expect("running");
        assert_eq!(server.join().expect("no panic"), Ok(()));
    }
}

/// Answers with the fixture's folder written as `ROOT`, so snapshots hold on any machine.
fn portable(value: &Value) -> Value {
    let root = planlint::lsp::position::uri_of(&fixture())
        .as_str()
        .to_string();
    serde_json::from_str(&value.to_string().replace(&root, "ROOT")).expect("JSON")
}

/// The same session in both encodings: every answer that carries a position.
fn scripted_session(utf8: bool) -> Value {
    let rules = std::fs::read_to_string(fixture().join("rules.rules")).expect("fixture");
    let (mut session, init) = Session::start(utf8, Duration::from_secs(3600));
    let encoding = init["capabilities"]["positionEncoding"].clone();
    assert_eq!(encoding, json!(if utf8 { "utf-8" } else { "utf-16" }));
    session.open("rules.rules", &rules);
    let mut transcript = serde_json::Map::new();
    transcript.insert("encoding".into(), encoding);
    for name in [
        "rule-id",
        "reading",
        "enum-value",
        "field",
        "unit",
        "field-after-chinese",
    ] {
        let hover = session.at(
            "textDocument/hover",
            "rules.rules",
            position(&rules, name, utf8),
        );
        transcript.insert(format!("hover {name}"), hover);
    }
    assert_eq!(
        session.diagnostics.get("rules.rules"),
        Some(&json!([])),
        "the fixture is clean"
    );
    let definition = session.at(
        "textDocument/definition",
        "rules.rules",
        position(&rules, "field-after-chinese", utf8),
    );
    transcript.insert("definition field-after-chinese".into(), definition);
    let references = session.at(
        "textDocument/references",
        "rules.rules",
        position(&rules, "field", utf8),
    );
    transcript.insert("references field".into(), references);

    // The editor types `b.` on a new line after the Chinese message: the line does not parse.
    let typing = rules.replace("  message en", "  when 「新」 and b.\n  message en");
    session.change("rules.rules", 2, &typing);
    let line = typing
        .lines()
        .position(|l| l.contains("when 「新」 and b."))
        .expect("line");
    let text_before = "  when 「新」 and b.";
    let character = if utf8 {
        text_before.len()
    } else {
        text_before.encode_utf16().count()
    };
    let fields = session.at(
        "textDocument/completion",
        "rules.rules",
        json!({ "line": line, "character": character }),
    );
    transcript.insert("completion after b.".into(), fields);
    let typing = rules.replace("b.fuel = coal", "b.fuel = ");
    session.change("rules.rules", 3, &typing);
    let line = typing
        .lines()
        .position(|l| l.contains("b.fuel = "))
        .expect("line");
    let before = &typing.lines().nth(line).unwrap()
        [..typing.lines().nth(line).unwrap().find("b.fuel = ").unwrap() + 9];
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    let values = session.at(
        "textDocument/completion",
        "rules.rules",
        json!({ "line": line, "character": character }),
    );
    transcript.insert("completion after b.fuel =".into(), values);

    // Units after a number, readings after `reading`, keywords at the start of a rule's line.
    for (label, typed) in [
        ("completion after a number", "  when b.capacity > 10 "),
        ("completion after reading", "  reading "),
        ("completion at a line start", "  "),
    ] {
        let typing = rules.replace("  message en", &format!("{typed}\n  message en"));
        session.change("rules.rules", 3, &typing);
        let line = typing.lines().position(|l| l == typed).expect("line");
        let character = if utf8 {
            typed.len()
        } else {
            typed.encode_utf16().count()
        };
        let items = session.at(
            "textDocument/completion",
            "rules.rules",
            json!({ "line": line, "character": character }),
        );
        let labels: Vec<&str> = items
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().unwrap_or(""))
            .collect();
        transcript.insert(label.into(), json!(labels));
    }

    // A misspelt field: a diagnostic with its quick fix.
    let misspelt = rules.replace("b.capacity <= 35 t/h", "b.capacty <= 35 t/h");
    session.change("rules.rules", 4, &misspelt);
    let symbols = session.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri("rules.rules") } }),
    );
    transcript.insert("symbols".into(), symbols);
    let diagnostics = session
        .diagnostics
        .get("rules.rules")
        .cloned()
        .expect("published");
    transcript.insert("diagnostics misspelt".into(), diagnostics.clone());
    let range = diagnostics[0]["range"].clone();
    let actions = session.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri("rules.rules") }, "range": range, "context": { "diagnostics": diagnostics } }),
    );
    transcript.insert("code actions".into(), actions);

    // Badly laid out: formatting gives one edit with the formatter's text.
    let untidy = rules.replace("  clause \"一(一)\"", "  clause    \"一(一)\"   ");
    session.change("rules.rules", 5, &untidy);
    let edits = session.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri("rules.rules") }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(
        edits[0]["newText"].as_str(),
        Some(rules.as_str()),
        "the edit restores the layout"
    );
    transcript.insert("formatting edit range".into(), edits[0]["range"].clone());
    session.change("rules.rules", 6, &rules);
    let lenses = session.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri("rules.rules") } }),
    );
    transcript.insert("code lenses".into(), lenses);
    assert_eq!(
        session.diagnostics.get("rules.rules"),
        Some(&json!([])),
        "fixed again"
    );
    session.finish();
    portable(&Value::Object(transcript))
}

#[test]
fn a_session_in_utf16_positions() {
    insta::assert_json_snapshot!("lsp_session_utf16", scripted_session(false));
}

#[test]
fn a_session_in_utf8_positions() {
    let utf8 = scripted_session(true);
    insta::assert_json_snapshot!("lsp_session_utf8", utf8);
}

/// After an edit the server waits for the editor to be quiet, then publishes on its own.
#[test]
fn diagnostics_are_published_after_the_editor_is_quiet() {
    let (mut session, _) = Session::start(false, Duration::from_millis(10));
    let rules = std::fs::read_to_string(fixture().join("rules.rules")).expect("fixture");
    session.open("rules.rules", &rules.replace("reading A1", "reading A9"));
    let mut published = session.published();
    while !published["uri"]
        .as_str()
        .unwrap_or("")
        .ends_with("rules.rules")
    {
        published = session.published();
    }
    let diagnostics = published["diagnostics"].as_array().expect("a list").clone();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("A9")
    );
    session.finish();
}

/// A request the server does not know gets an error, and the session goes on.
#[test]
fn an_unknown_request_is_refused_and_the_session_goes_on() {
    let (mut session, _) = Session::start(false, Duration::from_secs(3600));
    session.next_id += 1;
    let id = RequestId::from(session.next_id);
    session
        .client
        .sender
        .send(Message::Request(Request::new(
            id.clone(),
            "planlint/unknown".into(),
            json!({}),
        )))
        .expect("sent");
    loop {
        if let Message::Response(response) = session.client.receiver.recv().expect("answer")
            && response.id == id
        {
            assert!(response.response_result.is_err());
            break;
        }
    }
    let nothing = session.at(
        "textDocument/hover",
        "rules.rules",
        json!({ "line": 0, "character": 0 }),
    );
    assert_eq!(nothing, Value::Null, "a file not open has no hover");
    session.finish();
}

/// `planlint lsp` itself over stdin and stdout: the handshake, one hover on the embedded plan's
/// folder, and a clean exit. (A lock on stdout held by the command line once stalled it.)
#[test]
fn the_binary_serves_over_stdio() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(value) = line.strip_prefix("Content-Length: ") {
                    length = value.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            let message: Value = serde_json::from_slice(&body).expect("JSON");
            if sender.send(message).is_err() {
                return;
            }
        }
    });
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("written");
        stdin.flush().expect("flushed");
    };
    // A failure guard, not a measurement: a stalled server fails the test instead of hanging CI.
    let wait_for = |id: i32| loop {
        let message = receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers");
        if message["id"] == json!(id) {
            return message;
        }
    };
    send(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
    );
    let init = wait_for(1);
    assert_eq!(init["result"]["serverInfo"]["name"], json!("planlint"));
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/jingzhou-2024/plan.rules");
    let text = std::fs::read_to_string(&path).expect("the plan");
    let uri = planlint::lsp::position::uri_of(&path).as_str().to_string();
    send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "languageId": "planlint", "version": 1, "text": text } } }),
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("plan "))
        .expect("a header");
    send(
        json!({ "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": { "textDocument": { "uri": uri }, "position": { "line": line, "character": 6 } } }),
    );
    let hover = wait_for(2);
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(shown.contains("jingzhou-2024"), "{hover}");
    send(json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": null }));
    wait_for(3);
    send(json!({ "jsonrpc": "2.0", "method": "exit", "params": null }));
    assert!(child.wait().expect("it exits").success());
}
