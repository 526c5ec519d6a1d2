#!/usr/bin/env bash
# Builds Codex.sln once and runs every test project in it, against real PostgreSQL, aiosmtpd and
# Chromium (installed here from Debian when missing). CI runs this through .ci/run, as root, on a
# fresh clone, without a terminal.
#
# The very last line of output is always the summary, read from the .trx files:
#   "N passed, N failed" (plus ", N skipped" when tests were skipped).
# Exit code: 0 only if the build succeeded, at least one test ran, and none failed.
#
# Environment knobs:
#   CODEX_TEST_PARALLEL   test projects run at once (default 1: integration and browser tests
#                         each start servers; two cores are better spent inside one project).
#   CODEX_TEST_HANG       per-test hang timeout, killed after it (default 10m).
#   CODEX_SOLUTION        the solution to build and test (default Codex.sln at the repo root).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes left running after the build (CI waits for child processes).
export MSBUILDDISABLENODEREUSE=1

solution="${CODEX_SOLUTION:-Codex.sln}"
results_dir="$repo_root/.test-work/results"
test_parallel="${CODEX_TEST_PARALLEL:-1}"
hang_timeout="${CODEX_TEST_HANG:-10m}"

log() { printf '==> %s\n' "$*"; }

summary_printed=0
summary() { # passed failed skipped
  local line="$1 passed, $2 failed"
  if [ "$3" -gt 0 ]; then line="$line, $3 skipped"; fi
  printf '%s\n' "$line"
  summary_printed=1
}
# Whatever stops the script early (apt, tool restore, build), the last line is still a summary.
trap 'if [ "$summary_printed" -eq 0 ]; then summary 0 0 0; fi' EXIT

# --- 1. System packages the real-component tests need -------------------------------------------
# postgresql: initdb/pg_ctl for PostgresCluster; python3-aiosmtpd: SmtpTestServer;
# chromium + fonts: browser tests (text must render to be measured and screenshotted; Liberation
# stands in for Arial/Times, which pages ask for).
# shellcheck source=lib/debian-packages.sh
. "$repo_root/build/lib/debian-packages.sh"
ensure_debian_packages postgresql python3-aiosmtpd chromium fonts-dejavu-core fonts-liberation

# --- 1b. The OpenID Connect test provider's npm packages --------------------------------------------
# oidc-provider (pinned by tests/Codex.Testing/oidc/package-lock.json) on Node.js, for the single
# sign-on tests. Installed once into the folder OidcTestProvider looks in (named after the lock
# file's hash); the fixture would install it too, but here a failure shows before the build.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  ensure_debian_packages nodejs npm
fi
oidc_lock="$repo_root/tests/Codex.Testing/oidc/package-lock.json"
oidc_dir="${CODEX_OIDC_PROVIDER_DIR:-${TMPDIR:-/tmp}/codex-oidc-provider-$(sha256sum "$oidc_lock" | cut -c1-12)}"
if [ ! -f "$oidc_dir/node_modules/oidc-provider/package.json" ]; then
  log "Installing the OpenID Connect test provider's npm packages into $oidc_dir"
  mkdir -p "$oidc_dir"
  cp "$repo_root/tests/Codex.Testing/oidc/"{provider.mjs,package.json,package-lock.json} "$oidc_dir/"
  (cd "$oidc_dir" && npm ci --no-audit --no-fund --omit=dev)
else
  log "OpenID Connect test provider packages present in $oidc_dir"
fi

# --- 2. Build once --------------------------------------------------------------------------------
log "Restoring local dotnet tools"
dotnet tool restore

log "Building $solution (Release)"
if ! dotnet build "$solution" -c Release -nr:false; then
  echo "error: build failed; no tests were run." >&2
  exit 1
fi

# --- 3. Test --------------------------------------------------------------------------------------
rm -rf "$results_dir"
mkdir -p "$results_dir"

log "Running tests ($test_parallel project(s) at a time, hang timeout $hang_timeout)"
set +e
dotnet test "$solution" -c Release --no-build -m:"$test_parallel" \
  --logger trx --results-directory "$results_dir" \
  --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none
test_exit=$?
set -e

# --- 4. Summary from the .trx files ---------------------------------------------------------------
# Each test project writes one .trx with a <Counters total= executed= passed= failed= error= ...>
# element. Skipped tests count in "total" but not in "executed".
attribute() { # element name -> value (0 when absent)
  local value
  value="$(printf '%s' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  printf '%s' "${value:-0}"
}

passed=0 failed=0 skipped=0 total=0 trx_count=0
failed_tests=()
shopt -s nullglob
for trx in "$results_dir"/*.trx "$results_dir"/*/*.trx; do
  trx_count=$((trx_count + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  if [ -z "$counters" ]; then
    echo "warning: no <Counters> in $trx" >&2
    continue
  fi
  t="$(attribute "$counters" total)"
  e="$(attribute "$counters" executed)"
  total=$((total + t))
  passed=$((passed + $(attribute "$counters" passed)))
  failed=$((failed + $(attribute "$counters" failed) + $(attribute "$counters" error) \
    + $(attribute "$counters" timeout) + $(attribute "$counters" aborted)))
  skipped=$((skipped + t - e))
  trx_failed="$(printf '%s' "$counters" | grep -c ' \(failed\|error\|timeout\|aborted\)="[1-9]' || true)"
  # A crashed test host, or one killed by --blame-hang-timeout, leaves a run marked as failed
  # but no failed test in the counters: the test that was running has no result at all. Count
  # it as one failure so the summary cannot read "0 failed" for a broken run.
  outcome="$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | head -n 1 | sed 's/.*outcome="//; s/"$//' || true)"
  if [ "$trx_failed" -eq 0 ] && [ -n "$outcome" ] && [ "$outcome" != "Completed" ] && [ "$outcome" != "Passed" ]; then
    assembly="$(grep -o ' storage="[^"]*"' "$trx" | head -n 1 | sed 's/^ storage="//; s/"$//' || true)"
    failed=$((failed + 1))
    failed_tests+=("$(basename "${assembly:-$trx}"): test run $outcome without a failed test (test host crashed or a test hung; see above)")
  fi
  while IFS= read -r name; do
    failed_tests+=("$name")
  done < <(grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" \
    | grep -o ' testName="[^"]*"' | sed 's/^ testName="//; s/"$//' || true)
done
shopt -u nullglob

if [ "${#failed_tests[@]}" -gt 0 ]; then
  echo "Failed tests:"
  printf '  %s\n' "${failed_tests[@]}"
fi

status=0
if [ "$test_exit" -ne 0 ]; then
  echo "error: dotnet test exited with code $test_exit." >&2
  status=1
fi
if [ "$trx_count" -eq 0 ] || [ "$total" -eq 0 ]; then
  echo "error: no tests ran ($trx_count result file(s) in $results_dir)." >&2
  status=1
fi
if [ "$failed" -gt 0 ]; then
  status=1
fi

summary "$passed" "$failed" "$skipped"
exit "$status"
