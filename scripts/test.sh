#!/usr/bin/env bash
# Runs every test, the real-binary ones included (yt-dlp and ffmpeg against the offline fixture server,
# the real Google client against the bundled emulator). Installs yt-dlp, ffmpeg and python3 with apt-get
# when they are missing. Extra arguments go to Maven, e.g. scripts/test.sh -Dtest='Coordinator*'.
# Needs no internet beyond Maven Central and Debian: the real-binary tests run Debian's yt-dlp against the offline
# fixture server, and the managed toolchain (yt-dlp releases, deno) is tested against releases served on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
. scripts/deps.sh
ensure_packages yt-dlp ffmpeg python3
mvn_plain verify "$@"
