#!/usr/bin/env bash
# The dispatch-plan demo: runs the example plan (examples/plans/checkout.md) on a fresh copy of the example
# project with the EXAMPLE WORKER (examples/demo/worker.sh, no AI needed), then shows the integration branch.
# Usage: examples/demo/run-demo.sh [WORKDIR]   (default: a new temporary directory)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
work="${1:-$(mktemp -d -t dispatch-plan-demo.XXXXXX)}"
repo="$work/shop"

rm -rf "$repo" && mkdir -p "$repo"
cp -R "$here/project/." "$repo/"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=demo -c user.email=demo@example.invalid commit -q -m "Demo project"
echo "demo repository: $repo"

status=0
"$top/dispatch-plan" run "$top/examples/plans/checkout.md" --repo "$repo" \
    --worker-command "$here/worker.sh" --max-parallel 2 || status=$?

echo
echo "== the integration branch (git log --graph checkout/integration)"
git -C "$repo" log --graph --oneline checkout/integration 2>/dev/null | head -20 || true
echo
echo "== files: $repo/.dispatch-plan/runs/checkout/ (INTEGRATION.md, report.json, workstreams/<id>/RESULTS.md)"
exit "$status"
