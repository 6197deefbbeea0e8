#!/usr/bin/env bash
# The one test command (npm test). Installs what it needs, then runs every check:
# types, lint/format, module boundaries, unit + database + route tests, end-to-end tests in Chromium.
# In CI (CI=true) it runs the suite a second time on Node 24 LTS against Debian's PostgreSQL 15: the two
# axes are independent (Node changes the JavaScript, PostgreSQL the SQL), so one pass covers both.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .tmp/results && mkdir -p .tmp/results

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

step "Chromium for end-to-end and accessibility tests"
bash scripts/ensure-chromium.sh

step "Typecheck (tsc)"
npx tsc -p .
step "Lint and format (biome)"
npx biome check .
step "Module boundaries (dependency-cruiser)"
npx depcruise src --config .dependency-cruiser.cjs

step "Unit, database and route tests ($(node --version), embedded PostgreSQL)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/results/unit.json

step "End-to-end tests in Chromium with axe"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=.tmp/results/e2e.json

if [ "${CI:-}" = "true" ] || [ "${TEST_PG15:-}" = "1" ] || [ "${TEST_NODE24:-}" = "1" ]; then
  step "Unit, database and route tests on Node 24 LTS with Debian's PostgreSQL 15"
  node24=$(bash scripts/node24.sh)
  bash scripts/with-pg15.sh "$node24" node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json=.tmp/results/node24-pg15.json
fi

# One closing line that any CI can read.
node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(".tmp/results")) {
  const r = JSON.parse(fs.readFileSync(".tmp/results/" + f, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
}
console.log(`\n${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed ? 1 : 0);
'
