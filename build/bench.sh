#!/usr/bin/env bash
# Builds the benchmarks (Release) and runs them: a synthetic organisation of 1k / 10k / 50k people
# is generated on SQLite and on PostgreSQL, and "list a department's people" is timed through the
# real Host over HTTP next to the same query in raw ADO.NET (the floor), printed as a ratio; then the
# Skills gap heatmap of the whole organisation (200 tools) at the same scales, with its growth ratio
# between scales (--no-heatmap skips it); then the people import of 5,000 people (preview and apply
# over HTTP, next to a raw bulk insert of as many people; --import N sets the size, 0 skips it).
# See docs/benchmarks.md.
#
# Figures only: nothing passes or fails on time. Exit code 0 means the benchmark ran to the end;
# non-zero means it could not (packages, build, a host that did not start, wrong arguments, or the
# endpoint and the raw SQL disagreeing about the result).
#
# Arguments are passed to the benchmark app, e.g.
#   build/bench.sh --provider sqlite --scales 1000,10000
#   build/bench.sh --iterations 200 --show-sql
#   build/bench.sh --import 5000 --no-heatmap --mails 0 --learning-holders 0
#   build/bench.sh --help
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes left running after the build (CI waits for child processes).
export MSBUILDDISABLENODEREUSE=1

project="tests/Codex.Benchmarks/Codex.Benchmarks.csproj"

log() { printf '==> %s\n' "$*"; }

# --- 1. PostgreSQL (initdb, pg_ctl) for the throw-away cluster; aiosmtpd for the mail benchmark ---
# Installed even for --provider sqlite: one script, one set of prerequisites, as in build/test.sh.
# shellcheck source=lib/debian-packages.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"
ensure_debian_packages postgresql python3-aiosmtpd

# --- 2. Build (Release: timings of a Debug build would say little) -------------------------------
log "Building $project (Release)"
if ! dotnet build "$project" -c Release -nr:false -v:quiet -clp:ErrorsOnly; then
  echo "error: build failed; the benchmark did not run." >&2
  exit 1
fi

# --- 3. Run -----------------------------------------------------------------------------------------
log "Running the benchmark $*"
set +e
dotnet run --project "$project" -c Release --no-build -- "$@"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "error: the benchmark did not run to the end (exit code $status)." >&2
fi
exit "$status"
