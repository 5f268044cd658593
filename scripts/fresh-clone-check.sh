#!/usr/bin/env bash
# The README's two set-up commands as a new user meets them: clone this repository's HEAD into an
# empty temporary folder (no sibling folder of the team's shared material), hide the system parts
# `npm ci` cannot install (Chromium, Milvus Lite), run `npm ci && npm test` there, and check that
# it passes with exactly those parts' suites skipped, each with its one loud line.
#
#   scripts/fresh-clone-check.sh [--keep]     (--keep leaves the clone and its log for a look)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
keep=false
[ "${1:-}" = "--keep" ] && keep=true

work="$(mktemp -d "${TMPDIR:-/tmp}/fresh-clone.XXXXXX")"
cleanup() { if [ "$keep" = false ]; then rm -rf "$work"; fi; }
trap cleanup EXIT

echo "== fresh clone of $(git -C "$repo" rev-parse --short HEAD) into $work/anime-federation"
git clone --quiet --no-hardlinks "$repo" "$work/anime-federation"
cd "$work/anime-federation"
if [ -e "$work/shared" ]; then
  echo "fresh-clone check: $work/shared exists; the clone must have no sibling shared folder" >&2
  exit 1
fi

log="$work/npm-test.log"
# A developer's machine without the optional parts: no browser, no Milvus Lite, no REQUIRE_* flags.
# (Redis stays: the flags are unset, so the suite would skip it the same way if it were missing.)
set +e
env -u REQUIRE_BROWSER -u REQUIRE_MILVUS -u REQUIRE_REDIS -u MILVUS_ADDRESS \
  CHROMIUM_PATH=/nonexistent/chromium MILVUS_PYTHON=/nonexistent/python3 \
  bash -c 'npm ci --no-audit --no-fund --loglevel=error && npm test' >"$log" 2>&1
status=$?
set -e

echo "== skips the clone reported:"
grep -E '^!!! SKIPPED ' "$log" | sort -u || true
tail -6 "$log"

if [ "$status" -ne 0 ]; then
  echo "fresh-clone check FAILED: npm ci && npm test exited $status in the clone (log: $log)" >&2
  grep -E '^(FAIL|  ●)' "$log" | head -40 >&2 || true
  keep=true
  exit 1
fi
for part in 'Chromium is missing' 'Milvus Lite is missing'; do
  if ! grep -q "^!!! SKIPPED .*$part" "$log"; then
    echo "fresh-clone check FAILED: expected a loud skip line saying '$part' (log: $log)" >&2
    keep=true
    exit 1
  fi
done
echo "== fresh-clone check passed: npm ci && npm test green in an empty folder, optional parts skipped"
