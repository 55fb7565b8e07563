#!/usr/bin/env bash
# Builds and tests the VS Code extension: npm ci, the grammar test, then the .vsix.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "editors/vscode: npm is not installed, and CI needs it to test and package the extension" >&2
    exit 1
  fi
  echo "editors/vscode: npm is not installed; skipping the extension's grammar test and packaging"
  exit 0
fi
npm ci --no-audit --no-fund
npm test
npm run package
