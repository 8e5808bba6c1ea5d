#!/usr/bin/env bash
# The fault suite: agent processes killed with kill -9 and restarted, 5xx after apply, latency spikes beyond the
# settle delay, quota 429s and hand edits (rows inserted, deleted, sorted) mid-run; then every task must be done or
# dead-lettered and none completed twice. Builds the jar (tests skipped) and runs `ytdc bench faults`, e.g.
#   scripts/fault-suite.sh                                  # the defaults: 4 agents, 300 tasks, 90 s of faults
#   scripts/fault-suite.sh --agents 6 --tasks 800 --kill-every 8s --seed 42
# Prints what it injected and what it counted; exit code 0 on PASS, 1 on FAIL, other values on errors.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
. scripts/deps.sh
if [[ "${YTDC_BENCH_SKIP_BUILD:-}" != "1" ]]; then
  mvn_plain -q -o package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip >&2 \
    || mvn_plain -q package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip >&2
fi
exec java -jar target/ytdc.jar bench faults "$@"
