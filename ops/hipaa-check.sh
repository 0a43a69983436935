#!/usr/bin/env bash
# Technical-safeguard checks of a running OpenAlgebra (HIPAA 164.312): readiness, audit-trail integrity,
# transport encryption, encryption at rest and the compliance counters.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--strict] <base-url>

Checks against <base-url> (nginx, e.g. https://imaging.example.org, or an app color on 127.0.0.1):
  readiness        GET /health/ready answers 200 / Healthy
  audit trail      GET /api/audit/verify with OPENALGEBRA_TOKEN (an Admin's API token) reports intact
  transport        a warning when <base-url> is plain http on a host other than localhost
  encryption       openalgebra_encryption_enabled is 1, when /metrics exports it
  audit writes     openalgebra_audit_write_failures_total is 0, when exported
  PHI scanner      openalgebra_unanonymized_data_processed_total: a warning when above 0
/metrics is read from <base-url>; nginx does not publish it, so point at an app color for those
(e.g. http://127.0.0.1:8081) or they are reported as not checked.

Environment: OPENALGEBRA_TOKEN (required for the audit check; create one with POST /api/tokens as
an Admin), HTTP_TIMEOUT (seconds, 15).
Needs: curl, jq.
Exit codes: 0 no failure (warnings allowed unless --strict), 1 a check failed (or warned, with
--strict), 2 bad usage or missing tool.
EOF
}

strict=false
base=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --strict) strict=true ;;
        -*) usage_error "unknown option '$1'" ;;
        *) [[ -z "$base" ]] || usage_error "only one base URL"; base="$1" ;;
    esac
    shift
done
[[ -n "$base" ]] || usage_error "missing <base-url>"
[[ "$base" =~ ^(https?)://(\[[^]]+\]|[^/:]+) ]] || usage_error "base URL must start with http:// or https://"
scheme="${BASH_REMATCH[1]}"
host="${BASH_REMATCH[2]}"
base="${base%/}"
require_cmd curl jq

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
body="$work/body"
failures=0
warnings=0

pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
note() { printf 'WARN  %s\n' "$*"; warnings=$((warnings + 1)); }

log "HIPAA technical safeguards check of $base"

# --- readiness -------------------------------------------------------------------------------------------
code="$(http_status "$base/health/ready" "$body")"
if [[ "$code" == "200" ]]; then
    pass "readiness: $(jq -r '"\(.status) (" + ((.checks // {}) | to_entries | map("\(.key)=\(.value.status)") | join(" ")) + ")"' "$body" 2>/dev/null || echo 200)"
else
    fail "readiness: GET /health/ready answered HTTP $code: $(head -c 300 "$body" 2>/dev/null || true)"
fi

# --- audit trail integrity (164.312(b), (c)(1)) ------------------------------------------------------------
if [[ -z "${OPENALGEBRA_TOKEN:-}" ]]; then
    fail "audit trail: OPENALGEBRA_TOKEN is not set, so the hash chain was not verified (export an Admin's API token, or run ops/audit-verify.sh)"
else
    # The token goes to curl through a file descriptor, never the command line.
    code="$(http_status "$base/api/audit/verify" "$body" -H @<(printf 'Authorization: Bearer %s\n' "$OPENALGEBRA_TOKEN"))"
    case "$code" in
        200)
            if [[ "$(jq -r '.intact' "$body" 2>/dev/null)" == "true" ]]; then
                pass "audit trail: hash chain intact ($(jq -r '.rowsChecked' "$body") rows checked)"
            else
                fail "audit trail: hash chain BROKEN at row $(jq -r '.firstBadSequence // "?"' "$body" 2>/dev/null): $(jq -r '.message // empty' "$body" 2>/dev/null)"
            fi
            ;;
        401) fail "audit trail: the API token was refused (HTTP 401: expired, revoked or mistyped)" ;;
        403) fail "audit trail: the API token's user lacks the Admin role (HTTP 403)" ;;
        *) fail "audit trail: GET /api/audit/verify answered HTTP $code: $(head -c 300 "$body" 2>/dev/null || true)" ;;
    esac
fi

# --- transmission security (164.312(e)) --------------------------------------------------------------------
case "$host" in
    localhost | 127.* | "[::1]")
        pass "transport: $scheme on loopback ($host)"
        ;;
    *)
        if [[ "$scheme" == "https" ]]; then
            pass "transport: https to $host"
        else
            note "transport: plain http to $host: PHI and session cookies cross the network unencrypted; enable TLS in nginx (compose/nginx/extra/tls.conf.example)"
        fi
        ;;
esac

# --- encryption at rest and compliance counters (164.312(a)(2)(iv)) ----------------------------------------
# metric_values NAME FILE: the sample values of NAME (any labels), one a line.
metric_values() {
    awk -v name="$1" '$0 !~ /^#/ && ($1 == name || index($1, name "{") == 1) { print $NF }' "$2"
}

code="$(http_status "$base/metrics" "$body")"
if [[ "$code" != "200" ]]; then
    note "metrics: GET /metrics answered HTTP $code, so encryption and compliance counters were not checked (point at an app color, e.g. http://127.0.0.1:8081)"
else
    values="$(metric_values openalgebra_encryption_enabled "$body")"
    if [[ -z "$values" ]]; then
        note "encryption at rest: openalgebra_encryption_enabled is not exported by this version; not checked"
    elif awk '$1 + 0 != 1 { bad = 1 } END { exit !bad }' <<<"$values"; then
        fail "encryption at rest: openalgebra_encryption_enabled is not 1 ($(tr '\n' ' ' <<<"$values")): objects are stored unencrypted"
    else
        pass "encryption at rest: openalgebra_encryption_enabled = 1"
    fi

    values="$(metric_values openalgebra_audit_write_failures_total "$body")"
    if [[ -z "$values" ]]; then
        note "audit writes: openalgebra_audit_write_failures_total is not exported by this version; not checked"
    else
        total="$(awk '{ s += $1 } END { print s + 0 }' <<<"$values")"
        if [[ "$total" == "0" ]]; then
            pass "audit writes: no audit write failures since start"
        else
            fail "audit writes: $total audit write failure(s) since start: actions may be missing from the audit trail"
        fi
    fi

    values="$(metric_values openalgebra_unanonymized_data_processed_total "$body")"
    if [[ -z "$values" ]]; then
        note "PHI scanner: openalgebra_unanonymized_data_processed_total is not exported by this version; not checked"
    else
        total="$(awk '{ s += $1 } END { print s + 0 }' <<<"$values")"
        if [[ "$total" == "0" ]]; then
            pass "PHI scanner: no identifying data found after de-identification since start"
        else
            note "PHI scanner: $total file(s) rejected since start because PHI survived de-identification; review their source"
        fi
    fi
fi

echo
log "$failures failure(s), $warnings warning(s)"
if ((failures > 0)); then
    exit 1
fi
if $strict && ((warnings > 0)); then
    log "--strict: warnings count as failures"
    exit 1
fi
