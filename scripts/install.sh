#!/usr/bin/env bash
# Installs the ytdc agent as a systemd service on this host. Safe to run again (after an upgrade, say): it
# replaces the jar and the unit, and never overwrites /etc/ytdc/ytdc.env or anything else you edited.
#
#   sudo scripts/install.sh              install target/ytdc.jar (build it first: mvn -B package -DskipTests)
#   scripts/install.sh --dry-run         print what it would do, change nothing
#   scripts/install.sh --prefix /tmp/r   install under /tmp/r (for trying it out or testing: no user is
#                                        created, no file ownership is changed, systemctl is not called)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$here/target/ytdc.jar"
prefix=""
dry_run=false
user=ytdc
output=/srv/ytdc/downloads

usage() {
    cat <<EOF
usage: install.sh [--dry-run] [--prefix DIR] [--jar FILE] [--output DIR] [--user NAME]
  --dry-run     print the steps without doing them
  --prefix DIR  install under DIR instead of / (no user, no chown, no systemctl)
  --jar FILE    the jar to install (default: $jar)
  --output DIR  folder for downloaded files (default: $output)
  --user NAME   system user the agents run as (default: $user)
EOF
}

while (($#)); do
    case "$1" in
        --dry-run) dry_run=true ;;
        --prefix) prefix="${2:?--prefix needs a folder}"; shift ;;
        --prefix=*) prefix="${1#*=}" ;;
        --jar) jar="${2:?--jar needs a file}"; shift ;;
        --jar=*) jar="${1#*=}" ;;
        --output) output="${2:?--output needs a folder}"; shift ;;
        --output=*) output="${1#*=}" ;;
        --user) user="${2:?--user needs a name}"; shift ;;
        --user=*) user="${1#*=}" ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
prefix="${prefix%/}"
case "$output" in
    /*) output="${output%/}" ;;
    *) echo "install.sh: --output must be an absolute path, got '$output'" >&2; exit 2 ;;
esac

# Runs a command, or only shows it under --dry-run.
run() {
    if $dry_run; then
        printf '+'
        printf ' %q' "$@"
        printf '\n'
    else
        "$@"
    fi
}

say() { printf 'install.sh: %s\n' "$*"; }

if [ ! -f "$jar" ]; then
    echo "install.sh: $jar not found; build it first with: mvn -B package -DskipTests" >&2
    exit 1
fi
system_wide=true
if [ -n "$prefix" ]; then
    system_wide=false
elif [ "$(id -u)" -ne 0 ] && ! $dry_run; then
    echo "install.sh: installing system-wide needs root: run it with sudo (or try --dry-run or --prefix DIR)" >&2
    exit 1
fi

opt="$prefix/opt/ytdc"
etc="$prefix/etc/ytdc"
state="$prefix/var/lib/ytdc"
out="$prefix$output"
units="$prefix/etc/systemd/system"

# 1. The system user the agents run as: no login, no home of its own beyond the state folder.
if $system_wide; then
    if getent passwd "$user" >/dev/null; then
        say "user $user exists"
    else
        run useradd --system --user-group --home-dir /var/lib/ytdc --no-create-home \
            --shell /usr/sbin/nologin --comment "ytdc download agent" "$user"
    fi
fi

# 2. Folders. With a prefix the current user owns them; system-wide, the ytdc user owns what it writes and
#    /etc/ytdc is readable by it but writable only by root (it holds the credentials path and settings).
make_dir() { # mode owner:group dir
    if $system_wide; then
        run install -d -m "$1" -o "${2%%:*}" -g "${2##*:}" "$3"
    else
        run install -d -m "$1" "$3"
    fi
}
make_dir 0755 root:root "$opt"
make_dir 0750 "root:$user" "$etc"
make_dir 0750 "$user:$user" "$state"
make_dir 0750 "$user:$user" "$out"
make_dir 0755 root:root "$units"

# 3. The jar, replaced atomically so a running agent's restart never sees half a file.
if [ -f "$opt/ytdc.jar" ] && cmp -s "$jar" "$opt/ytdc.jar"; then
    say "$opt/ytdc.jar is up to date"
else
    run install -m 0644 "$jar" "$opt/ytdc.jar.new"
    run mv -f "$opt/ytdc.jar.new" "$opt/ytdc.jar"
fi

# 4. The unit and the settings. The example is always refreshed; ytdc.env is created once and then left alone.
run install -m 0644 "$here/systemd/ytdc-agent@.service" "$units/ytdc-agent@.service"
run install -m 0644 "$here/systemd/ytdc.env.example" "$etc/ytdc.env.example"
if [ -e "$etc/ytdc.env" ]; then
    say "$etc/ytdc.env exists; left as it is (compare with ytdc.env.example for new settings)"
else
    # sed, not cp: the chosen output folder replaces the example's default.
    if $dry_run; then
        say "would create $etc/ytdc.env from ytdc.env.example with YTDC_OUTPUT=$output"
    else
        sed "s|^YTDC_OUTPUT=.*|YTDC_OUTPUT=$output|" "$here/systemd/ytdc.env.example" >"$etc/ytdc.env"
    fi
    if $system_wide; then
        run chown "root:$user" "$etc/ytdc.env"
    fi
    run chmod 0640 "$etc/ytdc.env"
fi

# The unit may write only under /srv/ytdc; another output folder needs its own ReadWritePaths.
dropin="$units/ytdc-agent@.service.d/output.conf"
case "$output/" in
    /srv/ytdc/*)
        if [ -e "$dropin" ]; then
            run rm -f "$dropin"
        fi
        ;;
    *)
        make_dir 0755 root:root "$(dirname "$dropin")"
        if $dry_run; then
            say "would write $dropin allowing the agents to write $output"
        else
            printf '# Written by scripts/install.sh --output: the agents may write their output folder.\n[Service]\nReadWritePaths=%s\n' \
                "$output" >"$dropin"
            chmod 0644 "$dropin"
        fi
        ;;
esac

# 5. Tell systemd about the (new) unit.
if $system_wide && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    run systemctl daemon-reload
elif $system_wide; then
    say "systemd is not running here; run 'systemctl daemon-reload' on the target host"
fi

# 6. Tools the agent runs. Debian's yt-dlp lags YouTube's changes by months, so say how to get a current one.
echo
if command -v yt-dlp >/dev/null; then
    say "found yt-dlp $(yt-dlp --version 2>/dev/null || echo '(version unknown)') at $(command -v yt-dlp)"
else
    say "yt-dlp not found"
fi
cat <<'EOF'
  Debian's yt-dlp package cannot download from YouTube (it predates 2025.11.12, which YouTube's JavaScript
  challenge needs, and 'yt-dlp -U' refuses apt installs). The agents install a current yt-dlp and deno into
  /var/lib/ytdc/tools at their first start and keep them current; to do it now and check the result:
    sudo -u ytdc env HOME=/var/lib/ytdc YTDC_TOOLS_DIR=/var/lib/ytdc/tools java -jar /opt/ytdc/ytdc.jar tools install
    sudo -u ytdc env HOME=/var/lib/ytdc YTDC_TOOLS_DIR=/var/lib/ytdc/tools java -jar /opt/ytdc/ytdc.jar doctor
  (Or install one yourself, e.g. pipx install "yt-dlp[default]", and set YTDC_YT_DLP in /etc/ytdc/ytdc.env.)
EOF
if ! command -v ffmpeg >/dev/null; then
    say "ffmpeg not found; audio extraction and merging formats need it: sudo apt-get install -y ffmpeg"
fi
if ! command -v java >/dev/null; then
    say "java not found; the agent needs Java 17 or newer: sudo apt-get install -y openjdk-17-jre-headless"
fi

cat <<EOF

Next steps:
  1. Create a service account key and share the spreadsheet with it: see credentials/README.md.
     Copy the key to $etc/credentials.json (owner root:$user, mode 0640).
  2. Edit $etc/ytdc.env: set YTDC_SPREADSHEET and YTDC_CREDENTIALS (unset, agents use a local spreadsheet).
  3. Prepare the sheet once: java -jar /opt/ytdc/ytdc.jar init
  4. Start agents, as many per host as you like (each gets its own claim identity, <host>-<instance>):
       sudo systemctl enable --now ytdc-agent@1 ytdc-agent@2
     Per-instance settings (e.g. YTDC_HTTP=127.0.0.1:9101) go in $etc/<instance>.env.
  5. Follow them: journalctl -fu 'ytdc-agent@*'   and   java -jar /opt/ytdc/ytdc.jar status
EOF
if $dry_run; then
    echo
    say "dry run: nothing was changed"
fi
