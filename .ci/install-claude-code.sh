#!/usr/bin/env bash
# Installs the pinned Claude Code CLI into .tools/claude-code (gitignored) for the tests that run the real CLI
# against a scripted API on 127.0.0.1. Idempotent: does nothing when that version is already there.
# Prints the path of the `claude` binary on stdout (everything else goes to stderr).
# Maven runs it before core's tests; run it by hand with: bash .ci/install-claude-code.sh
set -euo pipefail

VERSION="${CLAUDE_CODE_VERSION:-2.1.328}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="${CLAUDE_CODE_PREFIX:-$ROOT/.tools/claude-code}"
BIN="$PREFIX/node_modules/.bin/claude"

installed_version() {
  [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | awk '{print $1}'
}

if [ "$(installed_version || true)" = "$VERSION" ]; then
  echo "$BIN"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-claude-code: npm is not installed; install Node.js and npm (e.g. apt-get install nodejs npm), then run this again" >&2
  exit 1
fi

echo "install-claude-code: installing @anthropic-ai/claude-code@$VERSION into $PREFIX" >&2
mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --no-save --loglevel=error \
  "@anthropic-ai/claude-code@$VERSION" >&2

# The package's postinstall links the platform's native binary over bin/claude.exe; an npm that skips
# install scripts leaves a stub there, so run the postinstall ourselves in that case.
if [ "$(installed_version || true)" != "$VERSION" ]; then
  (cd "$PREFIX/node_modules/@anthropic-ai/claude-code" && node install.cjs) >&2
fi

if [ "$(installed_version || true)" != "$VERSION" ]; then
  echo "install-claude-code: $BIN does not report version $VERSION after the install; see the npm output above" >&2
  exit 1
fi
echo "$BIN"
