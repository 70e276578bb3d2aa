#!/usr/bin/env bash
# The whole test suite, as CI runs it: static checks, unit + integration (vitest), end-to-end
# (Playwright in Chromium). Ends with one line "N passed, N failed" over every runner.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json

set -e
node scripts/setup.mjs
bash scripts/system-deps.sh
node scripts/ensure-native.mjs node
echo "== lint and format (biome)"
npx biome check --error-on-warnings .
echo "== type-check (tsc, strict)"
npx tsc --noEmit -p tsconfig.json
echo "== build: renderer (vite) and Electron bundles (electron-vite)"
npx vite build --logLevel warn
npx electron-vite build --logLevel warn
echo "== packaging as far as it goes without Electron's binary (electron-builder around a stand-in: files, asar, fuses, update config)"
node scripts/desktop/package-check.mjs
set +e

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
echo "== end-to-end tests (Playwright, Chromium, browser mode)"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/e2e.json npx playwright test --reporter=list,json

node scripts/summarize-tests.mjs reports/vitest.json reports/e2e.json
