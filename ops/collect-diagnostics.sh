#!/usr/bin/env bash
# Collects what support needs into one archive: service state, recent logs, health, version, metrics,
# resource use. Secrets from compose/.env are never collected, and their values are redacted from
# everything that is.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--since <duration>] <out.tar.gz>

Writes <out.tar.gz> (mode 600) with:
  compose-ps.txt, compose-images.txt   state of every service
  logs/<service>.log                   each service's log for the last hour (--since, e.g. 30m, 4h)
  app-<color>/ready.json, version.json, metrics.txt   for each running color, from its own port
  proxy-version.txt                    /version through nginx, with response headers
  nginx-config.txt                     'nginx -T' (the configuration nginx has loaded)
  active-upstream.conf, prometheus-targets.json
  docker-stats.txt, docker-info.txt, host.txt
  env-keys.txt                         names of the variables set in .env (never their values)
  errors.txt                           collection steps that failed, if any
Values of the secret variables (${SECRET_KEYS[*]}) are replaced by [REDACTED] in every collected
file, and lines that print a generated password are masked. Diagnostics are collected even when
services are down; a failing step is listed in errors.txt, not fatal.

Needs: docker compose v2, curl, tar.
Exit codes: 0 archive written, 1 it could not be written, 2 bad usage.
EOF
}

since="1h"
out=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --since)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+[smh]$ ]] || usage_error "--since needs a duration such as 30m or 4h"
            since="$2"
            shift
            ;;
        -*) usage_error "unknown option '$1'" ;;
        *) [[ -z "$out" ]] || usage_error "only one output file"; out="$1" ;;
    esac
    shift
done
[[ -n "$out" ]] || usage_error "missing <out.tar.gz>"
[[ "$out" == *.tar.gz || "$out" == *.tgz ]] || usage_error "the output file must end in .tar.gz"
out_dir="$(dirname "$out")"
[[ -d "$out_dir" && -w "$out_dir" ]] || die "cannot write into $out_dir" 2
require_compose
require_cmd curl tar

umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
name="openalgebra-diagnostics-$(date -u +%Y%m%dT%H%M%SZ)"
dir="$work/$name"
mkdir -p "$dir/logs"

# collect FILE COMMAND...: run COMMAND, stdout and stderr into FILE; a failure is noted, not fatal.
collect() {
    local file="$1"
    shift
    local status=0
    "$@" >"$dir/$file" 2>&1 || status=$?
    if ((status != 0)); then
        echo "$file: '$*' failed (exit $status)" >>"$dir/errors.txt"
    fi
}

log "collecting diagnostics (logs since $since)"
collect host.txt sh -c 'date -u; uname -a; uptime; df -h; free -m 2>/dev/null || true'
collect docker-info.txt sh -c 'docker version; docker compose version; docker system df'
collect compose-ps.txt compose ps -a
collect compose-images.txt compose images

services="$(compose config --services 2>/dev/null || true)"
if [[ -z "$services" ]]; then
    echo "compose config --services failed; no logs collected" >>"$dir/errors.txt"
fi
for service in $services; do
    collect "logs/$service.log" compose logs --no-color --timestamps --since "$since" "$service"
done

ids="$(compose ps -q 2>/dev/null || true)"
if [[ -n "$ids" ]]; then
    # shellcheck disable=SC2086 # one argument per container id
    collect docker-stats.txt docker stats --no-stream --no-trunc $ids
else
    echo "docker-stats.txt: no running containers" >>"$dir/errors.txt"
fi

for color in blue green; do
    service_running "app-$color" || continue
    url="$(color_url "$color")"
    mkdir -p "$dir/app-$color"
    for item in "health/ready:ready.json" "version:version.json" "metrics:metrics.txt"; do
        code="$(http_status "$url/${item%%:*}" "$dir/app-$color/${item#*:}")"
        if [[ "$code" != "200" ]]; then
            echo "app-$color/${item#*:}: GET /${item%%:*} answered HTTP $code" >>"$dir/errors.txt"
        fi
    done
done
collect proxy-version.txt curl --silent --show-error --include --max-time "${HTTP_TIMEOUT:-15}" "$(proxy_url)/version"
if service_running nginx; then
    collect nginx-config.txt compose exec -T nginx nginx -T
fi
cp "$UPSTREAM_FILE" "$dir/active-upstream.conf" 2>/dev/null || echo "active-upstream.conf missing" >>"$dir/errors.txt"
cp "$TARGETS_FILE" "$dir/prometheus-targets.json" 2>/dev/null || echo "prometheus targets file missing" >>"$dir/errors.txt"
sed -nE 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=.*/\2/p' "$ENV_FILE" | sort -u >"$dir/env-keys.txt"

# Redaction: every secret value from .env (literal match), and the app's one-time password banner.
secrets=""
for key in "${SECRET_KEYS[@]}"; do
    value="$(env_get "$key")"
    if ((${#value} >= 4)); then
        secrets+="$value"$'\n'
    fi
done
redacted=0
while IFS= read -r -d '' file; do
    REDACT_VALUES="$secrets" awk '
        BEGIN { n = split(ENVIRON["REDACT_VALUES"], secret, "\n") }
        {
            line = $0
            for (i = 1; i <= n; i++) {
                s = secret[i]
                if (s == "") continue
                while ((p = index(line, s)) > 0) {
                    line = substr(line, 1, p - 1) "[REDACTED]" substr(line, p + length(s))
                }
            }
            if (line ~ /[Pp]assword:[ \t]*[^ \t]/) {
                sub(/[Pp]assword:[ \t]*.*/, "Password: [REDACTED]", line)
            }
            print line
        }
    ' "$file" >"$file.redacted" && mv -f "$file.redacted" "$file"
    redacted=$((redacted + 1))
done < <(find "$dir" -type f -print0)
# Nothing may slip through: check again.
if [[ -n "$secrets" ]] && grep -rqF -f <(printf '%s' "$secrets") "$dir"; then
    die "a secret value is still present after redaction; no archive written"
fi

tar -C "$work" -czf "$out" "$name" || die "could not write $out"
chmod 600 "$out"
log "wrote $out ($redacted files, secrets redacted)"
if [[ -s "$dir/errors.txt" ]]; then
    warn "some steps failed (listed in errors.txt):"
    sed 's/^/    /' "$dir/errors.txt" >&2
fi
