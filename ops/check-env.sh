#!/usr/bin/env bash
# Checks compose/.env for the production profile before anything starts: every secret set, none left at
# a default, long enough, not reused, safe to put in connection strings; the master key well formed.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--strict] [--env-file <path>]

Checks the deployment's .env file (default $ENV_FILE; also OPENALGEBRA_ENV_FILE) for the production
profile and prints one OK/WARN/FAIL line per finding. Values are never printed.
  --strict     warnings count as failures
  --env-file   check another file (e.g. a prepared one before installing it)
Exit codes: 0 no failure, 1 a check failed (or warned, with --strict), 2 bad usage / no such file.
EOF
}

strict=false
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --strict) strict=true ;;
        --env-file)
            [[ $# -ge 2 ]] || usage_error "--env-file needs a path"
            ENV_FILE="$2"
            shift
            ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
require_env_file
require_cmd base64

failures=0
warnings=0
ok() { printf 'OK    %s\n' "$*"; }
bad() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }
note() { printf 'WARN  %s\n' "$*"; warnings=$((warnings + 1)); }

log "checking $ENV_FILE"

# --- the file itself ---------------------------------------------------------------------------------------
mode="$(stat -c '%a' "$ENV_FILE")"
if ((8#$mode & 8#007)); then
    bad "$ENV_FILE is readable by every user (mode $mode): chmod 600 $ENV_FILE"
elif ((8#$mode & 8#070)); then
    note "$ENV_FILE is readable by its group (mode $mode); 600 is safer"
else
    ok "$ENV_FILE mode $mode"
fi

if grep -nEv '^[[:space:]]*(#.*)?$|^[[:space:]]*(export[[:space:]]+)?[A-Za-z_][A-Za-z0-9_]*=' "$ENV_FILE" >/dev/null; then
    bad "lines that are neither KEY=value nor comments: $(grep -nEv '^[[:space:]]*(#.*)?$|^[[:space:]]*(export[[:space:]]+)?[A-Za-z_][A-Za-z0-9_]*=' "$ENV_FILE" | cut -d: -f1 | tr '\n' ' ')(line numbers)"
fi

# Variables documented in .env.example but absent here (compose would use its default or refuse).
if [[ -f "$COMPOSE_DIR/.env.example" ]]; then
    missing=()
    while IFS= read -r key; do
        env_has "$key" || missing+=("$key")
    done < <(sed -nE 's/^[[:space:]]*([A-Z_][A-Z0-9_]*)=.*/\1/p' "$COMPOSE_DIR/.env.example")
    if ((${#missing[@]})); then
        note "not set (defaults apply): ${missing[*]}"
    fi
fi

# --- secrets -----------------------------------------------------------------------------------------------
# Placeholder or well-known values that must never reach production (compared case-insensitively).
is_default() {
    local v
    v="$(tr '[:upper:]' '[:lower:]' <<<"$1")"
    case "$v" in
        *change-me* | *changeme* | *change_me* | *replace* | *example* | password | passw0rd | secret | admin | \
            postgres | openalgebra | minioadmin | redis | test | default | 123456* | "<"*">")
            return 0
            ;;
    esac
    return 1
}

# check_secret KEY MIN_LENGTH [CHARSET_REGEX CHARSET_HINT]
check_secret() {
    local key="$1" min="$2" charset="${3:-}" hint="${4:-}" value
    if ! env_has "$key" || [[ -z "$(env_get "$key")" ]]; then
        bad "$key is not set"
        return
    fi
    value="$(env_get "$key")"
    if is_default "$value"; then
        bad "$key still has a placeholder or well-known value"
    elif ((${#value} < min)); then
        bad "$key is ${#value} characters; at least $min required"
    elif [[ -n "$charset" && ! "$value" =~ $charset ]]; then
        bad "$key has characters that break connection strings or compose interpolation; use only $hint"
    else
        ok "$key set (${#value} characters)"
    fi
}

safe='^[A-Za-z0-9._~-]+$'
safe_hint="letters, digits and . _ ~ -"
check_secret POSTGRES_PASSWORD 16 "$safe" "$safe_hint"
check_secret REDIS_PASSWORD 16 "$safe" "$safe_hint"
check_secret MINIO_ROOT_PASSWORD 16 "$safe" "$safe_hint"
check_secret MINIO_APP_SECRET_KEY 16 "$safe" "$safe_hint"

# The first admin's password: optional (the app then generates one and logs it once).
if [[ -z "$(env_get OPENALGEBRA_ADMIN_PASSWORD)" ]]; then
    note "OPENALGEBRA_ADMIN_PASSWORD is empty: on the first start the app generates the admin password and prints it once to its log"
else
    check_secret OPENALGEBRA_ADMIN_PASSWORD 12 '^[^$]+$' "any character but '\$'"
fi

# Master key: base64 of exactly 32 bytes (AES-256).
master="$(env_get OPENALGEBRA_MASTER_KEY)"
if [[ -z "$master" ]]; then
    bad "OPENALGEBRA_MASTER_KEY is not set (generate: head -c 32 /dev/urandom | base64)"
elif is_default "$master"; then
    bad "OPENALGEBRA_MASTER_KEY still has a placeholder value (generate: head -c 32 /dev/urandom | base64)"
elif [[ ! "$master" =~ ^[A-Za-z0-9+/]+={0,2}$ ]] || ((${#master} % 4 != 0)); then
    bad "OPENALGEBRA_MASTER_KEY is not base64 (generate: head -c 32 /dev/urandom | base64)"
else
    bytes="$(printf '%s' "$master" | base64 -d 2>/dev/null | wc -c)"
    if ((bytes != 32)); then
        bad "OPENALGEBRA_MASTER_KEY decodes to $bytes bytes; AES-256 needs exactly 32"
    elif [[ "$(printf '%s' "$master" | base64 -d | od -An -v -tx1 | tr -d ' \n' | sed 's/\(..\)\1*$//')" == "" ]]; then
        bad "OPENALGEBRA_MASTER_KEY is one byte repeated; use random bytes"
    else
        ok "OPENALGEBRA_MASTER_KEY is 32 bytes (base64)"
    fi
fi

# --- names and reuse ---------------------------------------------------------------------------------------
for key in POSTGRES_USER POSTGRES_DB MINIO_ROOT_USER MINIO_APP_ACCESS_KEY; do
    value="$(env_get "$key")"
    if [[ -z "$value" ]]; then
        if [[ "$key" == MINIO_* ]]; then bad "$key is not set"; else note "$key not set (default openalgebra)"; fi
    elif [[ ! "$value" =~ ^[A-Za-z0-9._-]{3,63}$ ]]; then
        bad "$key must be 3-63 letters, digits, '.', '_' or '-'"
    fi
done
if [[ "$(env_get MINIO_ROOT_USER)" == "minioadmin" ]]; then
    bad "MINIO_ROOT_USER is MinIO's well-known default"
fi
if [[ -n "$(env_get MINIO_APP_ACCESS_KEY)" && "$(env_get MINIO_APP_ACCESS_KEY)" == "$(env_get MINIO_ROOT_USER)" ]]; then
    bad "MINIO_APP_ACCESS_KEY must differ from MINIO_ROOT_USER (the app gets bucket-only rights)"
fi
bucket="$(env_get MINIO_BUCKET openalgebra)"
[[ "$bucket" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || bad "MINIO_BUCKET '$bucket' is not a valid S3 bucket name"

declare -A seen=()
for key in "${SECRET_KEYS[@]}"; do
    value="$(env_get "$key")"
    if [[ -z "$value" ]] || is_default "$value"; then
        continue
    fi
    if [[ -n "${seen[$value]:-}" ]]; then
        bad "$key reuses the value of ${seen[$value]}: every secret must be different"
    else
        seen[$value]="$key"
    fi
done

# --- settings ----------------------------------------------------------------------------------------------
check_int() {
    local key="$1" default="$2" min="$3" max="$4" value
    value="$(env_get "$key" "$default")"
    if [[ ! "$value" =~ ^[0-9]+$ ]] || ((value < min || value > max)); then
        bad "$key must be a whole number from $min to $max"
        return 1
    fi
}
for key in HTTP_PORT HTTPS_PORT APP_BLUE_HOST_PORT APP_GREEN_HOST_PORT PROMETHEUS_HOST_PORT MINIO_CONSOLE_HOST_PORT; do
    check_int "$key" 1 1 65535 || true
done
if [[ "$(env_get APP_BLUE_HOST_PORT 8081)" == "$(env_get APP_GREEN_HOST_PORT 8082)" ]]; then
    bad "APP_BLUE_HOST_PORT and APP_GREEN_HOST_PORT must differ"
fi
check_int OPENALGEBRA_GPU_WORKERS 1 1 64 || true
if check_int OPENALGEBRA_IDLE_TIMEOUT_MINUTES 15 1 1440; then
    if (($(env_get OPENALGEBRA_IDLE_TIMEOUT_MINUTES 15) > 15)); then
        note "OPENALGEBRA_IDLE_TIMEOUT_MINUTES is above 15: sessions on unattended workstations stay open longer"
    fi
fi
check_int DICOM_TIMEOUT 300 1 86400 || true

case "$(env_get EMERGENCY_MODE false)" in
    false) ;;
    true) note "EMERGENCY_MODE=true: break-glass access is on; turn it off when the emergency is over" ;;
    *) bad "EMERGENCY_MODE must be true or false" ;;
esac
case "$(env_get OPENALGEBRA_BLOB_PROVIDER s3)" in
    s3 | filesystem) ;;
    *) bad "OPENALGEBRA_BLOB_PROVIDER must be s3 or filesystem" ;;
esac
case "$(env_get OPENALGEBRA_GPU false)" in
    true | false) ;;
    *) bad "OPENALGEBRA_GPU must be true or false" ;;
esac
for key in BLUE_IMAGE_TAG GREEN_IMAGE_TAG; do
    [[ "$(env_get "$key" latest)" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || bad "$key is not a valid image tag"
done

# Variables exported in this shell override .env for docker compose.
for key in "${SECRET_KEYS[@]}" POSTGRES_USER POSTGRES_DB MINIO_ROOT_USER MINIO_APP_ACCESS_KEY; do
    if [[ -n "${!key+x}" ]]; then
        note "$key is set in this shell's environment and overrides $ENV_FILE for docker compose; unset it"
    fi
done

echo
log "$failures failure(s), $warnings warning(s)"
if ((failures > 0)); then
    exit 1
fi
if $strict && ((warnings > 0)); then
    log "--strict: warnings count as failures"
    exit 1
fi
