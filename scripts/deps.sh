#!/usr/bin/env bash
# Sourced by the other scripts: makes sure the tools ytdc shells out to are present, installing Debian's
# packages with apt-get when they are missing and this machine can (root or passwordless sudo).
# Usage: ensure_packages yt-dlp ffmpeg python3
ensure_packages() {
    local need=() cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd")
    done
    ((${#need[@]})) || return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            echo "ytdc: ${need[*]} missing; install with: sudo apt-get install -y ${need[*]}" >&2
            return 1
        fi
    fi
    echo "ytdc: installing ${need[*]} with apt-get" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}
