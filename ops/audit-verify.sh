#!/usr/bin/env bash
# Verifies the audit trail's hash chain with the app's own command line, in the active color.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--color blue|green]

Runs 'dotnet $APP_DLL audit verify' inside the active app color (or the one named): every row of the
audit trail is re-hashed and the chain checked. The verification itself is recorded in the audit trail.
Over HTTP instead: ops/hipaa-check.sh with OPENALGEBRA_TOKEN.

Needs: docker compose v2, the color running.
Exit codes (those of 'audit verify'): 0 chain intact, 3 chain broken (first bad row printed),
1 the command failed, 2 bad usage or the color is not running.
EOF
}

color=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --color)
            if [[ $# -lt 2 ]] || ! is_color "$2"; then
                usage_error "--color needs blue or green"
            fi
            color="$2"
            shift
            ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
require_compose
color="${color:-$(active_color)}"
service_running "app-$color" || die "app-$color is not running" 2

log "verifying the audit chain in app-$color"
status=0
app_exec "$color" audit verify || status=$?
case "$status" in
    0) log "audit chain intact" ;;
    3) log "audit chain BROKEN: treat as a security incident; keep the database as it is for investigation" ;;
    *) log "audit verify failed (exit $status)" ;;
esac
exit "$status"
