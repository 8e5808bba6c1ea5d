#!/usr/bin/env bash
# Builds the runnable jar (tests skipped) and runs `ytdc bench` with the given arguments, e.g.
#   scripts/bench.sh                                        # 10 agents (threads), 1,000 no-op tasks, Google's quotas
#   scripts/bench.sh --agents 4 --tasks 300                 # about a minute on 2 cores
#   scripts/bench.sh --processes --agents 4 --tasks 400 --task-time 0s..2s --done-rows 20000 --latency 100:100
#   scripts/bench.sh targets                                # every SPEC section 8 target (about 9 minutes)
#   scripts/bench.sh faults --seed 11                       # the fault suite (also scripts/fault-suite.sh)
# Every run ends with one summary line; see BENCHMARKS.md. Exit code: 0 when clean (targets: all met), 1 when
# not, other values on errors.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
. scripts/deps.sh
if [[ "${YTDC_BENCH_SKIP_BUILD:-}" != "1" ]]; then
  mvn_plain -q -o package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip >&2 \
    || mvn_plain -q package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip >&2
fi
exec java -jar target/ytdc.jar bench "$@"
