#!/usr/bin/env bash
# Sourced by the other scripts.
#
# ensure_packages CMD...   installs the Debian packages of missing commands with apt-get, when this machine can
#                          (root or passwordless sudo).
# ensure_toolchain JAR     installs or updates the yt-dlp and JavaScript runtime (deno) that ytdc manages in its
#                          tools folder (`ytdc tools install`: a current yt-dlp release verified against its
#                          SHA2-256SUMS; deno from its release, else from the npm registry). Debian's packages are
#                          the last resort, with a warning of what will not work.
# mvn_plain ARG...         Maven for logs and pipes: batch mode, no transfer progress, no colour, no escape codes.
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

mvn_plain() {
    # Debian's Maven 3.8 writes ESC[0m through Jansi even with -B and -Dstyle.color=never; jansi.noreset stops that.
    MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -ntp -Dstyle.color=never "$@"
}

ensure_toolchain() {
    local jar="$1"
    local ytdc=(java -Xmx128m -XX:+UseSerialGC -jar "$jar")
    if ! "${ytdc[@]}" tools install; then
        # deno's release could not be reached: the npm registry's deno package is the other way to get it.
        if [ "${YTDC_DENO_SOURCE:-auto}" != none ] && ! command -v npm >/dev/null 2>&1 \
            && ! "${ytdc[@]}" tools status | grep -q '^js-runtime: \(deno\|node\) '; then
            echo "ytdc: trying deno from the npm registry; installing npm first" >&2
            ensure_packages npm || true
            "${ytdc[@]}" tools install || true
        fi
    fi
    if ! "${ytdc[@]}" tools status | grep -q '^managed:    yt-dlp [0-9]'; then
        cat >&2 <<'WARN'
ytdc: WARNING: no current yt-dlp could be installed (see above). Falling back to Debian's yt-dlp package, which
      predates 2025.11.12 and CANNOT download from YouTube (it cannot solve YouTube's JavaScript challenge; YouTube
      videos will be released, not dead-lettered, and the agent pauses saying why). Other sites work.
      Fix: let this host reach https://github.com/yt-dlp/yt-dlp/releases (or set YTDC_YT_DLP_RELEASE_URL to a
      mirror), then run: java -jar target/ytdc.jar tools install
WARN
        ensure_packages yt-dlp || true
    fi
    if ! "${ytdc[@]}" tools status | grep -q '^js-runtime: \(deno\|node\) '; then
        cat >&2 <<'WARN'
ytdc: WARNING: no JavaScript runtime yt-dlp supports (deno >= 2.3, node >= 22): YouTube downloads will fail
      (released, not dead-lettered). Debian's nodejs package is too old (bookworm: 18). Fix: run
      'java -jar target/ytdc.jar tools install' where deno's release or the npm registry is reachable, or install
      deno yourself and set YTDC_JS_RUNTIME=/path/to/deno. 'ytdc doctor' checks the whole toolchain.
WARN
    fi
}
