#!/usr/bin/env bash
# The whole test suite, as CI runs it: static checks, unit + integration (vitest), end-to-end
# (Playwright in Chromium). Ends with one line "N passed, N failed" over every runner.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json

# Runs the given commands at the same time (independent steps; CI has two cores), then prints each
# one's output in turn and fails if any of them failed. vitest and Playwright never run together.
together() {
  local pids=() logs=() status=0 i
  for command in "$@"; do
    local log
    log="$(mktemp)"
    logs+=("$log")
    bash -c "$command" >"$log" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || status=1
    cat "${logs[$i]}"
    rm -f "${logs[$i]}"
  done
  return $status
}

set -e
node scripts/setup.mjs
bash scripts/system-deps.sh
node scripts/ensure-native.mjs node
together \
  "echo '== lint and format (biome)' && npx biome check --error-on-warnings ." \
  "echo '== type-check (tsc, strict)' && npx tsc --noEmit -p tsconfig.json"
together \
  "echo '== build: renderer (vite)' && npx vite build --logLevel warn" \
  "echo '== build: Electron bundles (electron-vite)' && npx electron-vite build --logLevel warn" \
  "echo '== build: browser mode (renderer + host, once per sources)' && node scripts/web-build.mjs"
echo "== packaging as far as it goes without Electron's binary (electron-builder around a stand-in: files, asar, fuses, update config)"
node scripts/desktop/package-check.mjs
set +e

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== end-to-end tests (Playwright, Chromium, browser mode)"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/e2e.json npx playwright test --reporter=list,json

node scripts/summarize-tests.mjs reports/vitest.json reports/e2e.json
