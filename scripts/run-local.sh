#!/usr/bin/env bash
# The main job on one machine, no Google account needed: builds ytdc.jar if needed, installs a current yt-dlp and
# the JavaScript runtime YouTube needs (deno) into ytdc's tools folder, prepares a local spreadsheet in ./ytdc-data,
# adds sources, and runs one agent that expands them and downloads every video into ./downloads, exiting once the
# queue is empty.
#
#   scripts/run-local.sh                         work on sources.txt if present, else on what the sheet holds
#   scripts/run-local.sh FILE...                 import sources files (.txt URL|Accent|Type, .csv, .json)
#   scripts/run-local.sh URL...                  add channel, playlist or video URLs
#   scripts/run-local.sh URL -- --audio-only     anything after -- goes to `ytdc agent`
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
. scripts/deps.sh
ensure_packages ffmpeg

if [ ! -f target/ytdc.jar ] || [ -n "$(find src pom.xml -newer target/ytdc.jar -print -quit)" ]; then
    echo "ytdc: building target/ytdc.jar" >&2
    # Only ytdc.jar is needed: no tests, no Javadoc or sources jars.
    mvn_plain -q package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
fi
# A current yt-dlp and deno in ytdc's tools folder (~/.local/share/ytdc/tools), kept current by the agent.
ensure_toolchain target/ytdc.jar
# JVM flags measured by `ytdc bench` (memory scenario); set JAVA_OPTS to override.
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
ytdc() { java "${java_opts[@]}" -jar target/ytdc.jar "$@"; }

sources=()
while (($#)); do
    [ "$1" = "--" ] && { shift; break; }
    sources+=("$1")
    shift
done
if ((${#sources[@]} == 0)) && [ -f sources.txt ]; then
    sources=(sources.txt)
fi

ytdc init
for s in "${sources[@]}"; do
    if [ -f "$s" ]; then
        ytdc sources import "$s" || echo "ytdc: some lines of $s were rejected (see above); the rest were added" >&2
    else
        ytdc sources add "$s" || true
    fi
done
exec java "${java_opts[@]}" -jar target/ytdc.jar agent --output downloads --exit-when-idle "$@"
