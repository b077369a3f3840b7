#!/usr/bin/env bash
# EXAMPLE WORKER for the dispatch-plan demo. It is not an AI: it only pretends, so the demo runs on any
# machine without an account. It uses what dispatch-plan gives every worker: the worktree as the current
# directory, TASKS.md ($TASKS_FILE), and WORKSTREAM_ID, WORKSTREAM_TITLE, RESULTS_FILE, GIT_AUTHOR_* in the
# environment. RESULTS.md is collected by dispatch-plan, not committed. A real worker (claude, or your own command) would do the work the checklist asks for.
set -euo pipefail
: "${WORKSTREAM_ID:?run this through dispatch-plan}"

mkdir -p work
note="work/$WORKSTREAM_ID.md"
{
  printf '# %s\n\n' "$WORKSTREAM_TITLE"
  grep -E '^- \[ \] ' "$TASKS_FILE" | sed 's/^- \[ \] /- [x] /' || true
} > "$note"
sleep "${DEMO_WORK_SECONDS:-1}"          # "working"
git add "$note"
git commit -q -m "$WORKSTREAM_ID: $WORKSTREAM_TITLE"

{
  printf '# Results: %s\n\n' "$WORKSTREAM_TITLE"
  printf 'Summary: the example worker ticked off every checklist item of %s.\n\n' "$WORKSTREAM_ID"
  printf 'Files created: %s\n' "$note"
  printf 'Integration notes: none (this is the demo worker).\n'
} > "$RESULTS_FILE"                      # collected by dispatch-plan, not committed
