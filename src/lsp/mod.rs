//! `planlint lsp`: the language server for rules files, a synchronous loop over a connection the caller opens.
//!
//! The workspace is the plan folders of the open files: a folder with a `plan` declaration, or,
//! for a shared schema folder, the plans beside it that read it. Each is compiled with its chain
//! from the editor's texts where a file is open and from the caller's [`Host`] elsewhere, so the
//! server itself touches no disk; after edits it waits until the editor has been quiet for the
//! debounce delay, then recompiles and publishes every file's diagnostics. Queries are pure
//! functions of the compiled plan (`queries.rs`) over its index of names (`index.rs`).

mod index;
pub mod position;
mod queries;

use crate::report::Language;
use crate::tools::TestRun;
use crate::{Plan, PlanFiles};
use index::Index;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use position::{Encoding, path_of, uri_of};
use queries::View;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What the server asks of its caller: the files of folders it has not got open.
pub trait Host {
    /// A plan folder's files (rules files, official text, tests) with the folder as their root.
    fn read_folder(&self, folder: &Path) -> Option<PlanFiles>;
    /// One file's bytes: an official text outside its folder.
    fn read_file(&self, path: &Path) -> Option<Vec<u8>>;
    /// The folders inside a folder: where a shared schema's plans are looked for.
    fn folders_in(&self, folder: &Path) -> Vec<PathBuf>;
}

/// How long the editor must be quiet after an edit before the plan is checked again.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Serves one client until it asks to exit: the handshake, then requests and notifications.
pub fn serve(connection: &Connection, host: &dyn Host, debounce: Duration) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = negotiated_encoding(&params);
    let language = params
        .locale
        .as_deref()
        .and_then(Language::from_locale)
        .unwrap_or(Language::En);
    let result = lsp::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lsp::ServerInfo {
            name: "planlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection,
        host,
        encoding,
        language,
        open: HashMap::new(),
        plans: BTreeMap::new(),
        published: BTreeSet::new(),
        stale: false,
    };
    loop {
        let message = if server.stale {
            match connection.receiver.recv_timeout(debounce) {
                Ok(message) => message,
                Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {
                    server.refresh();
                    continue;
                }
                Err(_) => return Ok(()),
            }
        } else {
            match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            }
        };
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                server.request(request);
            }
            Message::Notification(notification) => {
                if notification.method == lsp::notification::Exit::METHOD {
                    return Ok(());
                }
                server.notification(notification);
            }
            Message::Response(_) => {}
        }
    }
}

/// UTF-8 when the client offers it (it saves converting), else the protocol's default UTF-16.
fn negotiated_encoding(params: &lsp::InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|kinds| kinds.contains(&lsp::PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![".".into(), "[".into(), " ".into(), ",".into()]),
            ..lsp::CompletionOptions::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        ..lsp::ServerCapabilities::default()
    }
}

/// A plan folder compiled with its chain, its index, and its tests once a lens asked for them.
struct Compiled {
    plan: Plan,
    index: Index,
    tests: Option<TestRun>,
}

struct Server<'c> {
    connection: &'c Connection,
    host: &'c dyn Host,
    encoding: Encoding,
    language: Language,
    /// The open documents' texts, as the editor has them.
    open: HashMap<PathBuf, String>,
    /// The plan folders of the open documents, compiled.
    plans: BTreeMap<PathBuf, Compiled>,
    /// The files diagnostics were last published for, so that a fixed file is cleared.
    published: BTreeSet<PathBuf>,
    /// An edit came in since the plans were compiled.
    stale: bool,
}

impl Server<'_> {
    fn notification(&mut self, notification: Notification) {
        use lsp::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
        };
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<lsp::DidOpenTextDocumentParams>(notification.params)
                    && let Some(path) = path_of(&params.text_document.uri)
                {
                    self.open.insert(path, params.text_document.text);
                    self.stale = true;
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<lsp::DidChangeTextDocumentParams>(notification.params)
                    && let Some(path) = path_of(&params.text_document.uri)
                    && let Some(change) = params.content_changes.into_iter().last()
                {
                    self.open.insert(path, change.text);
                    self.stale = true;
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<lsp::DidCloseTextDocumentParams>(notification.params)
                    && let Some(path) = path_of(&params.text_document.uri)
                {
                    self.open.remove(&path);
                    self.stale = true;
                }
            }
            DidSaveTextDocument::METHOD => self.stale = true,
            _ => {}
        }
    }

    fn request(&mut self, request: Request) {
        if self.stale {
            self.refresh();
        }
        let id = request.id.clone();
        let result = self.answer(request);
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        let _ = self.connection.sender.send(Message::Response(response));
    }

    fn answer(&mut self, request: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        use lsp::request::*;
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let json = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match request.method.as_str() {
            HoverRequest::METHOD => {
                let params: lsp::HoverParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                let at = params.text_document_position_params;
                json(serde_json::to_value(
                    self.at(&at, |view, file, offset| view.hover(file, offset)),
                ))
            }
            GotoDefinition::METHOD => {
                let params: lsp::GotoDefinitionParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                let at = params.text_document_position_params;
                let location = self.at(&at, |view, file, offset| view.definition(file, offset));
                json(serde_json::to_value(
                    location.map(lsp::GotoDefinitionResponse::Scalar),
                ))
            }
            References::METHOD => {
                let params: lsp::ReferenceParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                let declaration = params.context.include_declaration;
                let locations = self.at(&params.text_document_position, |view, file, offset| {
                    Some(view.references(file, offset, declaration))
                });
                json(serde_json::to_value(locations.unwrap_or_default()))
            }
            Completion::METHOD => {
                let params: lsp::CompletionParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                let items = self.completion(&params.text_document_position);
                json(serde_json::to_value(lsp::CompletionResponse::Array(
                    items.unwrap_or_default(),
                )))
            }
            DocumentSymbolRequest::METHOD => {
                let params: lsp::DocumentSymbolParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                let symbols = self.in_file(&params.text_document.uri, |view, file| {
                    Some(view.symbols(file))
                });
                json(serde_json::to_value(lsp::DocumentSymbolResponse::Nested(
                    symbols.unwrap_or_default(),
                )))
            }
            Formatting::METHOD => {
                let params: lsp::DocumentFormattingParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                json(serde_json::to_value(
                    self.formatting(&params.text_document.uri),
                ))
            }
            CodeActionRequest::METHOD => {
                let params: lsp::CodeActionParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                let path = path_of(&params.text_document.uri);
                let actions = self.in_file(&params.text_document.uri, |view, _| {
                    Some(view.code_actions(path.as_deref()?, params.range))
                });
                let actions: Vec<lsp::CodeActionOrCommand> = actions
                    .unwrap_or_default()
                    .into_iter()
                    .map(lsp::CodeActionOrCommand::CodeAction)
                    .collect();
                json(serde_json::to_value(actions))
            }
            CodeLensRequest::METHOD => {
                let params: lsp::CodeLensParams =
                    serde_json::from_value(request.params).map_err(bad)?;
                json(serde_json::to_value(
                    self.code_lenses(&params.text_document.uri),
                ))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("planlint does not answer `{other}`"),
            )),
        }
    }

    /// Runs a query on the plan holding the file of a position, at that position's offset.
    fn at<T>(
        &self,
        at: &lsp::TextDocumentPositionParams,
        query: impl Fn(&View<'_>, usize, usize) -> Option<T>,
    ) -> Option<T> {
        self.in_file(&at.text_document.uri, |view, file| {
            query(view, file, view.offset(file, at.position))
        })
    }

    /// Runs a query on the first compiled plan that holds a file.
    fn in_file<T>(
        &self,
        uri: &lsp::Uri,
        query: impl Fn(&View<'_>, usize) -> Option<T>,
    ) -> Option<T> {
        let path = path_of(uri)?;
        self.plans.values().find_map(|compiled| {
            let view = self.view(compiled);
            let file = view.file_of(&path)?;
            query(&view, file)
        })
    }

    fn view<'v>(&self, compiled: &'v Compiled) -> View<'v> {
        View {
            plan: &compiled.plan,
            index: &compiled.index,
            encoding: self.encoding,
            language: self.language,
        }
    }

    /// Completion where the editor is typing. The line being typed seldom parses (`when b.`), so
    /// the plan is compiled with that line blanked out, byte for byte, which keeps every other
    /// offset; the line's text before the cursor says what to complete.
    fn completion(&self, at: &lsp::TextDocumentPositionParams) -> Option<Vec<lsp::CompletionItem>> {
        let path = path_of(&at.text_document.uri)?;
        let text = self.text_of(&path)?;
        let offset = position::offset(&text, at.position, self.encoding);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let mut blanked = text.clone();
        blanked.replace_range(line_start..line_end, &" ".repeat(line_end - line_start));
        let before = &text[line_start..offset];
        self.roots_of(&path).iter().find_map(|root| {
            let compiled = self.compile_with(root, Some((&path, &blanked)))?;
            let view = self.view(&compiled);
            let file = view.file_of(&path)?;
            Some(view.completion(file, offset, before))
        })
    }

    /// A document's text: the editor's when it is open, else the disk's.
    fn text_of(&self, path: &Path) -> Option<String> {
        self.open
            .get(path)
            .cloned()
            .or_else(|| String::from_utf8(self.host.read_file(path)?).ok())
    }

    /// One edit replacing the whole document with its formatted text; none when it is already
    /// formatted or has syntax errors.
    fn formatting(&self, uri: &lsp::Uri) -> Option<Vec<lsp::TextEdit>> {
        let path = path_of(uri)?;
        let text = self.text_of(&path)?;
        let formatted =
            crate::tools::format::format_text(&path.display().to_string(), &text).ok()?;
        if formatted == text {
            return Some(Vec::new());
        }
        let end = position::position(&text, text.len(), self.encoding);
        Some(vec![lsp::TextEdit::new(
            lsp::Range::new(lsp::Position::new(0, 0), end),
            formatted,
        )])
    }

    fn code_lenses(&mut self, uri: &lsp::Uri) -> Option<Vec<lsp::CodeLens>> {
        let path = path_of(uri)?;
        let root = self
            .plans
            .iter()
            .find(|(_, c)| self.view(c).file_of(&path).is_some())
            .map(|(root, _)| root.clone())?;
        let compiled = self.plans.get_mut(&root)?;
        if compiled.tests.is_none() && !compiled.plan.has_errors() {
            compiled.tests = Some(crate::tools::test(&compiled.plan));
        }
        let compiled = self.plans.get(&root)?;
        let view = self.view(compiled);
        let file = view.file_of(&path)?;
        Some(
            compiled
                .tests
                .as_ref()
                .map(|tests| view.code_lenses(file, tests))
                .unwrap_or_default(),
        )
    }

    /// Compiles the plan folders of the open files again and publishes every diagnostic.
    fn refresh(&mut self) {
        self.stale = false;
        let roots: BTreeSet<PathBuf> = self
            .open
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "rules"))
            .flat_map(|p| self.roots_of(p))
            .collect();
        self.plans.clear();
        for root in roots {
            if let Some(compiled) = self.compile(&root) {
                self.plans.insert(root, compiled);
            }
        }
        let mut by_file: BTreeMap<PathBuf, Vec<lsp::Diagnostic>> = BTreeMap::new();
        for compiled in self.plans.values() {
            let view = self.view(compiled);
            for source in &compiled.plan.model.files {
                let path = PathBuf::from(source.name.as_ref());
                let list = by_file.entry(path.clone()).or_default();
                for diagnostic in view.diagnostics_of(&path) {
                    if !list.contains(&diagnostic) {
                        list.push(diagnostic);
                    }
                }
            }
            // A problem about no file (an official text that cannot be read) goes on the header.
            let header = compiled
                .plan
                .model
                .files
                .iter()
                .find(|f| f.text.lines().any(|l| l.starts_with("plan ")));
            if let Some(header) = header {
                let list = by_file
                    .entry(PathBuf::from(header.name.as_ref()))
                    .or_default();
                for d in compiled
                    .plan
                    .diagnostics()
                    .iter()
                    .filter(|d| d.file.is_none())
                {
                    list.push(view.diagnostic(d));
                }
            }
        }
        let cleared: Vec<PathBuf> = self
            .published
            .iter()
            .filter(|p| !by_file.contains_key(*p))
            .cloned()
            .collect();
        for path in cleared {
            by_file.insert(path, Vec::new());
        }
        self.published = by_file.keys().cloned().collect();
        for (path, diagnostics) in by_file {
            let params = lsp::PublishDiagnosticsParams::new(uri_of(&path), diagnostics, None);
            let notification = Notification::new(
                lsp::notification::PublishDiagnostics::METHOD.to_string(),
                params,
            );
            let _ = self
                .connection
                .sender
                .send(Message::Notification(notification));
        }
    }

    /// A folder's files as the editor has them: the host's, with the open documents' texts.
    fn folder(&self, folder: &Path) -> Option<PlanFiles> {
        self.folder_with(folder, None)
    }

    /// A folder's files as the editor has them, with one document's text replaced by `extra`.
    fn folder_with(&self, folder: &Path, extra: Option<(&Path, &str)>) -> Option<PlanFiles> {
        let mut files = self.host.read_folder(folder)?;
        let texts = self
            .open
            .iter()
            .map(|(p, t)| (p.as_path(), t.as_str()))
            .chain(extra);
        for (path, text) in texts {
            if let Ok(relative) = path.strip_prefix(folder) {
                let relative = relative.to_string_lossy().replace('\\', "/");
                files.add(relative, text.as_bytes().to_vec());
            }
        }
        Some(files)
    }

    fn declares_plan(&self, folder: &Path) -> bool {
        self.folder(folder).is_some_and(|files| {
            files.files.iter().any(|(path, bytes)| {
                path.ends_with(".rules")
                    && !path.contains('/')
                    && String::from_utf8_lossy(bytes)
                        .lines()
                        .any(|line| line.starts_with("plan "))
            })
        })
    }

    /// The plan folders a rules file belongs to: its own folder when it declares a plan, else
    /// the plan folders beside it (a shared schema is read by the plans beside it).
    fn roots_of(&self, path: &Path) -> Vec<PathBuf> {
        let Some(folder) = path.parent() else {
            return Vec::new();
        };
        if self.declares_plan(folder) {
            return vec![folder.to_path_buf()];
        }
        let Some(beside) = folder.parent() else {
            return Vec::new();
        };
        self.host
            .folders_in(beside)
            .into_iter()
            .filter(|other| other != folder && self.declares_plan(other))
            .filter(|other| {
                self.compile(other).is_some_and(|c| {
                    c.plan
                        .model
                        .files
                        .iter()
                        .any(|f| Path::new(f.name.as_ref()).parent() == Some(folder))
                })
            })
            .collect()
    }

    fn compile(&self, root: &Path) -> Option<Compiled> {
        self.compile_with(root, None)
    }

    fn compile_with(&self, root: &Path, extra: Option<(&Path, &str)>) -> Option<Compiled> {
        let files = self.folder_with(root, extra)?;
        let beside = root.parent().map(Path::to_path_buf).unwrap_or_default();
        let plan = Plan::compile_chain(
            &files,
            &|relative| self.host.read_file(&root.join(relative)),
            &|name| self.folder_with(&beside.join(name), extra),
        );
        let index = Index::build(&plan.model);
        Some(Compiled {
            plan,
            index,
            tests: None,
        })
    }
}
