#!/usr/bin/env bash
# Runs every test, the real-binary ones included. Installs yt-dlp and ffmpeg with apt-get when they are
# missing and this machine can (root or passwordless sudo); otherwise says how to get them and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v yt-dlp >/dev/null 2>&1 || need+=(yt-dlp)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
    echo "test.sh: installing ${need[*]} with apt-get" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
        echo "test.sh: ${need[*]} missing and apt-get needs root: run 'sudo apt-get install -y ${need[*]}'" >&2
        exit 1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

exec mvn -B -ntp verify "$@"
