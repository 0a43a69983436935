#!/usr/bin/env bash
# Sends traffic to the other app color (or to the one named): rewrites nginx's active-upstream.conf,
# reloads nginx, verifies through nginx, and leaves the previous color running for rollback.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--timeout <seconds>] [blue|green]

Makes the named color (default: the one not active now) the one nginx sends traffic to:
  1. the target color must be running and answer /health/ready on its host port (127.0.0.1)
  2. compose/nginx/active-upstream.conf is rewritten, checked with 'nginx -t', and nginx reloaded
     (open connections finish on the old color; Blazor clients reconnect to the new one)
  3. GET /version through nginx must come from the target color (X-OpenAlgebra-Color header) and
     match the target's own /version; otherwise the previous configuration is put back
  4. Prometheus targets (ops/monitoring/targets/) are relabelled, so alerts follow the active color
The previous color keeps running: to roll back, run this script again with its name.
Stop it once the new release is trusted: docker compose -f $COMPOSE_DIR/docker-compose.yml stop app-<color>

Options: --timeout  seconds to wait for readiness and for nginx to answer from the target (60)
Needs: docker compose v2, curl, jq.
Exit codes: 0 switched (or already active and verified), 1 failed (traffic stays on, or is put back
to, the previous color), 2 bad usage or missing prerequisite.
EOF
}

timeout=60
target=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --timeout)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage_error "--timeout needs a number of seconds"
            timeout="$2"
            shift
            ;;
        blue | green) [[ -z "$target" ]] || usage_error "only one color"; target="$1" ;;
        *) usage_error "unknown argument '$1' (expected blue or green)" ;;
    esac
    shift
done
require_compose
require_cmd curl jq

current="$(active_color)"
target="${target:-$(other_color "$current")}"
proxy="$(proxy_url)"
target_url="$(color_url "$target")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log "active color: $current; switching to: $target"

# 1. The target must be up and ready before it gets traffic.
service_running "app-$target" \
    || die "app-$target is not running; deploy it first (ops/deploy.sh) or start it: docker compose -f $COMPOSE_DIR/docker-compose.yml up -d app-$target"
require_running nginx
wait_ready "$target_url" "$timeout" "app-$target" || die "app-$target is not ready; traffic stays on $current"
http_status "$target_url/version" "$work/target-version.json" >"$work/code"
[[ "$(cat "$work/code")" == "200" ]] || die "app-$target did not answer /version; traffic stays on $current"
jq -S . "$work/target-version.json" >"$work/expected.json" || die "app-$target /version is not JSON"

# verify_proxy: nginx answers /version from the target color with the target's own version document.
verify_proxy() {
    local deadline code color
    deadline=$((SECONDS + timeout))
    while :; do
        : >"$work/proxy-headers"
        code="$(http_status "$proxy/version" "$work/proxy-version.json" --dump-header "$work/proxy-headers")"
        color="$(tr -d '\r' <"$work/proxy-headers" | sed -n 's/^[Xx]-[Oo]pen[Aa]lgebra-[Cc]olor:[[:space:]]*//p' | tail -n 1 || true)"
        if [[ "$code" == "200" && "$color" == "$target" ]] \
            && jq -S . "$work/proxy-version.json" 2>/dev/null | cmp -s - "$work/expected.json"; then
            return 0
        fi
        if ((SECONDS >= deadline)); then
            warn "through nginx ($proxy/version): HTTP $code, color '${color:-none}', expected $target with the same /version as app-$target"
            return 1
        fi
        sleep 1
    done
}

# reload_nginx: check the configuration nginx sees, then reload it.
reload_nginx() {
    compose exec -T nginx nginx -t -q || return 1
    compose exec -T nginx nginx -s reload
}

if [[ "$current" == "$target" ]]; then
    log "$target is already active; verifying"
    verify_proxy || die "nginx does not serve $target as expected; check: docker compose logs nginx"
    write_prometheus_targets "$target"
    log "$target is active and verified"
    exit 0
fi

# 2. Point nginx at the target; keep the old file to put back on failure.
cp -p "$UPSTREAM_FILE" "$work/previous-upstream.conf"
write_active_upstream "$target"

# rollback_upstream REASON: put the previous upstream back, reload, and fail.
rollback_upstream() {
    warn "$1; putting traffic back on $current"
    write_file_atomic "$UPSTREAM_FILE" 644 <"$work/previous-upstream.conf"
    if ! reload_nginx; then
        die "could not reload nginx with the previous configuration either: check 'docker compose exec nginx nginx -t' NOW"
    fi
    die "switch to $target failed; $current still serves traffic"
}

if ! reload_nginx; then
    # nginx kept its loaded configuration; only the file needs putting back.
    write_file_atomic "$UPSTREAM_FILE" 644 <"$work/previous-upstream.conf"
    die "nginx rejected the configuration (see above); $UPSTREAM_FILE restored, $current still serves traffic"
fi
log "nginx reloaded; verifying through $proxy"

# 3. Verify through nginx.
verify_proxy || rollback_upstream "nginx does not serve $target after the reload"

# 4. Alerts follow the active color.
write_prometheus_targets "$target"

log "switched: $target serves traffic ($(jq -r '"\(.version) commit \(.commit)"' "$work/expected.json"))"
if service_running "app-$current"; then
    log "$current keeps running for rollback: $0 $current"
fi
