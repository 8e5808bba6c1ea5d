#!/usr/bin/env bash
# Builds the runnable jar (tests skipped) and runs `ytdc bench` with the given arguments, e.g.
#   scripts/bench.sh                       # every scenario at SPEC section 8's sizes (about 9 minutes on 2 cores)
#   scripts/bench.sh --scenario fleet --json
# Exit code: 0 when every target is met, 1 when one is missed, other values on errors.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${YTDC_BENCH_SKIP_BUILD:-}" != "1" ]]; then
  mvn -q -o package -DskipTests >&2 || mvn -q package -DskipTests >&2
fi
exec java -jar target/ytdc.jar bench "$@"
