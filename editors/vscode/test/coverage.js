// Counts the grammar test's assertions and fails when a scope of the grammar is asserted nowhere.
// `npm test` runs this after vscode-tmgrammar-test has passed, so every assertion counted passed.
'use strict';

const fs = require('fs');
const path = require('path');

const here = __dirname;
const grammarFile = path.join(here, '..', 'syntaxes', 'planlint-rules.tmLanguage.json');

// Every scope name the grammar can give, from `name`, `contentName` and the captures.
function grammarScopes(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) grammarScopes(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string') {
        for (const scope of value.split(/\s+/)) if (scope) found.add(scope);
      } else if (key !== 'comment') {
        grammarScopes(value, found);
      }
    }
  }
  return found;
}

const grammar = JSON.parse(fs.readFileSync(grammarFile, 'utf8'));
const scopes = grammarScopes({ patterns: grammar.patterns, repository: grammar.repository });

// An assertion line is the comment token, then `^` marks or a `<-` arrow, then the scopes
// required, then optionally `-` and the scopes forbidden (the vscode-tmgrammar-test format).
const ASSERTION = /^\/\/\s*(?:\^+\s*)+|^\/\/\s*<~*-+/;
let assertions = 0;
let files = 0;
const asserted = new Set();
for (const name of fs.readdirSync(here).filter((f) => f.endsWith('.rules')).sort()) {
  files++;
  for (const line of fs.readFileSync(path.join(here, name), 'utf8').split(/\r?\n/)) {
    const mark = ASSERTION.exec(line);
    if (!mark) continue;
    // Each run of `^` is one assertion, as the tool counts them.
    const carets = line.slice(2).match(/^\s*((?:\^+\s*)+)/);
    assertions += carets ? carets[1].split(/\s+/).filter(Boolean).length : 1;
    const required = line.slice(mark[0].length).split(/\s+-(?:\s|$)/)[0];
    for (const scope of required.split(/\s+/)) if (scope) asserted.add(scope);
  }
}

const missing = [...scopes].filter((scope) => !asserted.has(scope)).sort();
if (missing.length > 0) {
  console.error(`scopes of the grammar that no assertion in test/*.rules requires:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
if (assertions === 0) {
  console.error('no assertion found in test/*.rules');
  process.exit(1);
}
console.log(`grammar: ${assertions} assertions in ${files} file(s), covering all ${scopes.size} scopes of the grammar`);
console.log(`${assertions} passed, 0 failed`);
