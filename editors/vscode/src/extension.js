// Tells planlint's .rules files from other tools' by their folder, and starts `planlint lsp` for them.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const LANGUAGE = 'planlint-rules';

// A plan folder is one whose .rules files declare a plan: a line that starts with `plan ID {`
// (grammar/rules.pest, `plan_decl`). A comment line starts with `//`, so it never matches.
const PLAN_HEADER = /^[ \t\u3000\uFEFF]*plan[ \t]+[\p{L}\p{N}_][\p{L}\p{N}\p{M}_-]*\s*\{/mu;

/** @type {LanguageClient | undefined} */
let client;
/** @type {Promise<void> | undefined} */
let starting;
/** @type {vscode.OutputChannel} */
let output;
let complained = false;
// Watchers whose events the client forwards to the server; made once, not on every restart.
let serverWatchers = [];

// Folder URI → whether it holds a plan. Cleared for a folder when one of its .rules files changes.
const planFolders = new Map();
// Documents whose language this extension set, and the language it set: a language change shows
// up as a close and an open of the same document, and the extension must not undo its own.
const setByUs = new Map();
// Documents whose language someone else changed after the extension set it: left as they are.
const chosenByUser = new Set();
// Documents closed in the current turn of the event loop: VS Code reports a language change as a
// close and an open in one turn, and a real close alone.
const justClosed = new Set();

function activate(context) {
  output = vscode.window.createOutputChannel('planlint');
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => onOpen(doc)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const key = doc.uri.toString();
      justClosed.add(key);
      setTimeout(() => justClosed.delete(key), 0);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isRulesFile(doc.uri)) folderChanged(doc.uri);
    }),
    vscode.commands.registerCommand('planlint.restartServer', async () => {
      await stopClient();
      complained = false;
      await startClient();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('planlint.path') && (client || starting)) {
        await stopClient();
        complained = false;
        await startClient();
      }
      if (event.affectsConfiguration('planlint.matchByFolder')) {
        planFolders.clear();
        reclassifyOpenDocuments();
      }
    }),
  );

  // A plan header added, removed or renamed on disk changes what the folder's files are.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.rules');
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(folderChanged),
    watcher.onDidChange(folderChanged),
    watcher.onDidDelete(folderChanged),
  );

  // The server re-checks the whole plan folder, which also reads the official text it quotes.
  serverWatchers = [
    vscode.workspace.createFileSystemWatcher('**/*.rules'),
    vscode.workspace.createFileSystemWatcher('**/*.txt'),
  ];
  context.subscriptions.push(...serverWatchers, { dispose: () => void stopClient() });
  reclassifyOpenDocuments();
}

function deactivate() {
  return stopClient();
}

function isRulesFile(uri) {
  return uri.scheme !== 'untitled' && uri.path.toLowerCase().endsWith('.rules');
}

function onOpen(doc) {
  const key = doc.uri.toString();
  if (justClosed.has(key)) {
    justClosed.delete(key);
    if (setByUs.get(key) !== doc.languageId) {
      // The user (or another extension) picked this language: keep it.
      chosenByUser.add(key);
      setByUs.delete(key);
    }
    if (doc.languageId === LANGUAGE) void startClient();
    return;
  }
  void classify(doc);
}

function reclassifyOpenDocuments() {
  for (const doc of vscode.workspace.textDocuments) void classify(doc);
}

function folderOf(uri) {
  return uri.with({ path: path.posix.dirname(uri.path), query: '', fragment: '' });
}

function folderChanged(uri) {
  const folder = folderOf(uri).toString();
  planFolders.delete(folder);
  for (const doc of vscode.workspace.textDocuments) {
    if (folderOf(doc.uri).toString() === folder) void classify(doc);
  }
}

async function classify(doc) {
  const key = doc.uri.toString();
  if (doc.languageId === LANGUAGE && !isRulesFile(doc.uri)) {
    // An untitled buffer or another file the user set to planlint rules: theirs to decide.
    void startClient();
    return;
  }
  if (!isRulesFile(doc.uri) || chosenByUser.has(key) || associatedByUser(doc.uri)) {
    if (doc.languageId === LANGUAGE) void startClient();
    return;
  }
  const byFolder = vscode.workspace.getConfiguration('planlint', doc.uri).get('matchByFolder', true);
  const isPlan = !byFolder || (await folderHasPlan(folderOf(doc.uri)));
  // The document may have been closed, or changed language, while the folder was read.
  const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (!current) return;
  let wanted = current.languageId;
  if (isPlan && current.languageId !== LANGUAGE) wanted = LANGUAGE;
  if (!isPlan && current.languageId === LANGUAGE) wanted = otherLanguageFor(current.uri);
  if (wanted !== current.languageId) {
    setByUs.set(key, wanted);
    try {
      await vscode.languages.setTextDocumentLanguage(current, wanted);
    } catch (err) {
      setByUs.delete(key);
      output.appendLine(`could not set the language of ${current.uri.fsPath} to ${wanted}: ${err}`);
    }
  }
  if (wanted === LANGUAGE) void startClient();
}

async function folderHasPlan(folder) {
  const key = folder.toString();
  if (!planFolders.has(key)) planFolders.set(key, readFolderHasPlan(folder));
  return planFolders.get(key);
}

async function readFolderHasPlan(folder) {
  // An open document's unsaved text counts: a maintainer may be writing the header right now.
  for (const doc of vscode.workspace.textDocuments) {
    if (isRulesFile(doc.uri) && folderOf(doc.uri).toString() === folder.toString()) {
      if (PLAN_HEADER.test(doc.getText())) return true;
    }
  }
  let entries;
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return false;
  }
  const decoder = new TextDecoder('utf-8');
  for (const [name, type] of entries) {
    if ((type & vscode.FileType.File) === 0 || !name.toLowerCase().endsWith('.rules')) continue;
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
      if (PLAN_HEADER.test(decoder.decode(bytes))) return true;
    } catch {
      // A file that cannot be read declares nothing.
    }
  }
  return false;
}

// The language another installed extension gives this file name: Firebase's for `firestore.rules`,
// a udev extension's for `*.rules`. Without one the file is plain text, as it was before planlint.
function otherLanguageFor(uri) {
  const base = path.posix.basename(uri.path).toLowerCase();
  let byExtension;
  for (const ext of vscode.extensions.all) {
    const languages = (ext.packageJSON && ext.packageJSON.contributes && ext.packageJSON.contributes.languages) || [];
    for (const lang of languages) {
      if (!lang || !lang.id || lang.id === LANGUAGE) continue;
      if ((lang.filenames || []).some((f) => String(f).toLowerCase() === base)) return lang.id;
      if (!byExtension && (lang.extensions || []).some((e) => String(e).toLowerCase() === '.rules')) {
        byExtension = lang.id;
      }
    }
  }
  return byExtension || 'plaintext';
}

// A `files.associations` entry that covers the file is the user's decision; the folder test
// would only fight it.
function associatedByUser(uri) {
  const associations = vscode.workspace.getConfiguration('files', uri).get('associations') || {};
  const base = path.posix.basename(uri.path);
  return Object.keys(associations).some((pattern) => {
    const target = pattern.includes('/') ? uri.path : base;
    return globToRegExp(pattern).test(target);
  });
}

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  // A pattern with a folder in it may match the end of the absolute path.
  return new RegExp((glob.includes('/') && !glob.startsWith('/') ? '(?:^|/)' : '^') + re + '$', 'i');
}

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 && folders[0].uri.scheme === 'file' ? folders[0].uri.fsPath : undefined;
}

// `planlint.path` is a name looked up on PATH, like a shell does, or a path to the binary.
function findBinary(setting) {
  const value = setting.trim().replace(/^~(?=$|[\\/])/, os.homedir());
  if (value === '') return undefined;
  if (path.isAbsolute(value) || value.includes('/') || value.includes('\\')) {
    const full = path.isAbsolute(value) ? value : path.resolve(workspaceRoot() || process.cwd(), value);
    return candidates(full).find(isExecutable);
  }
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir === '') continue;
    const found = candidates(path.join(dir, value)).find(isExecutable);
    if (found) return found;
  }
  return undefined;
}

function candidates(file) {
  if (process.platform !== 'win32' || path.extname(file) !== '') return [file];
  const exts = (process.env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean);
  return [file, ...exts.map((ext) => file + ext.toLowerCase())];
}

function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Runs `planlint lsp --help` first, so that a planlint from before the language server gets a
// message that says so instead of a closed connection.
function probe(command) {
  return new Promise((resolve) => {
    execFile(command, ['lsp', '--help'], { timeout: 10000, windowsHide: true }, (err, stdout, stderr) => {
      if (!err) resolve({ ok: true });
      else resolve({ ok: false, detail: String(stderr || err.message).trim().split('\n')[0] });
    });
  });
}

function startClient() {
  if (client) return Promise.resolve();
  if (!starting) {
    starting = start().finally(() => {
      starting = undefined;
    });
  }
  return starting;
}

async function start() {
  const setting = vscode.workspace.getConfiguration('planlint').get('path', 'planlint');
  const command = findBinary(setting);
  if (!command) {
    const where = setting.includes('/') || setting.includes('\\') ? `at ${setting}` : 'on PATH';
    complain(
      `planlint was not found ${where}: install planlint or set planlint.path; highlighting works without it`,
    );
    return;
  }
  const probed = await probe(command);
  if (!probed.ok) {
    complain(
      `${command} cannot run the language server (\`planlint lsp --help\` failed: ${probed.detail}); ` +
        'a planlint without the `lsp` command is older than the language server',
    );
    return;
  }
  output.appendLine(`starting ${command} lsp`);
  const serverOptions = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
    options: { cwd: workspaceRoot() },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE },
      { scheme: 'untitled', language: LANGUAGE },
    ],
    synchronize: { fileEvents: serverWatchers },
    outputChannel: output,
  };
  const candidate = new LanguageClient('planlint', 'planlint', serverOptions, clientOptions);
  try {
    await candidate.start();
    client = candidate;
  } catch (err) {
    complain(`planlint lsp did not start: ${err && err.message ? err.message : err}`);
    try {
      await candidate.stop();
    } catch {
      // It never ran: there is nothing to stop.
    }
  }
}

async function stopClient() {
  if (starting) await starting;
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

function complain(message) {
  output.appendLine(message);
  // One notification a session is enough; every later attempt goes to the output channel only.
  if (complained) return;
  complained = true;
  void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'planlint.path');
    if (choice === 'Show Output') output.show();
  });
}

module.exports = { activate, deactivate };
