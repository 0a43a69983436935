#!/usr/bin/env bash
# Rotates the PostgreSQL and Redis passwords: in the running services, in compose/.env, then restarts
# the app colors one at a time and recreates postgres and redis so every container agrees with .env.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--yes] [--timeout <seconds>]

  1. generates two new random passwords (40 letters and digits)
  2. Redis: CONFIG SET requirepass (live; open connections stay authenticated)
     PostgreSQL: ALTER ROLE ... PASSWORD (live; open connections stay authenticated)
     if the second fails, the first is put back and nothing has changed
  3. copies $ENV_FILE to $ENV_FILE.bak.<timestamp> (mode 600; delete it once all is well) and
     writes the new POSTGRES_PASSWORD and REDIS_PASSWORD into $ENV_FILE
  4. recreates each running app color, the idle one first, waiting for /health/ready after each
     (the active color is down for its restart, typically some seconds: schedule a quiet moment)
  5. recreates postgres and redis (a few seconds each) so their containers carry the new values,
     then waits until the app colors are ready again
Between 2 and 4 new database/cache connections of the not yet restarted colors fail.

Options: --yes (no confirmation prompt), --timeout (readiness wait per color, 180 s).
Needs: docker compose v2, postgres and redis running, curl.
Exit codes: 0 rotated, 1 a step failed (what state things are in is printed), 2 bad usage / not confirmed.
EOF
}

yes=false
timeout=180
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --yes) yes=true ;;
        --timeout)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage_error "--timeout needs a number of seconds"
            timeout="$2"
            shift
            ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
require_compose
require_cmd curl
# Exported values would override .env in compose interpolation.
unset POSTGRES_PASSWORD REDIS_PASSWORD
require_running postgres
require_running redis

old_redis="$(env_get REDIS_PASSWORD)"
[[ -n "$old_redis" ]] || die "REDIS_PASSWORD is not set in $ENV_FILE"
active="$(active_color)"
idle="$(other_color "$active")"

if ! $yes; then
    confirm "Rotate the PostgreSQL and Redis passwords and restart the app colors, postgres and redis of project '$(project_name)'?" \
        || die "not confirmed; nothing was changed" 2
fi

new_pg="$(gen_secret)"
new_redis="$(gen_secret)"

# redis_set_password OLD NEW: authenticate with OLD, set NEW. Commands go over stdin, so neither
# password appears on a command line; REDISCLI_AUTH of the container (possibly stale) is not used.
redis_set_password() {
    local out
    out="$(printf 'AUTH "%s"\nCONFIG SET requirepass "%s"\n' "$1" "$2" \
        | compose exec -T redis sh -c 'exec env -u REDISCLI_AUTH redis-cli' 2>&1)" || true
    [[ "$(tr -d '\r' <<<"$out" | grep -c '^OK$' || true)" == "2" ]] || {
        warn "redis answered: $(tr '\n' ' ' <<<"$out")"
        return 1
    }
}

# postgres_set_password NEW: over a local socket in the container (trusted), SQL on stdin.
postgres_set_password() {
    # shellcheck disable=SC2016 # expanded by the shell inside the container
    printf "ALTER ROLE CURRENT_USER WITH PASSWORD '%s';\n" "$1" \
        | compose exec -T postgres sh -c 'exec psql -v ON_ERROR_STOP=1 -q -U "$POSTGRES_USER" -d "$POSTGRES_DB"' >/dev/null
}

log "setting the new Redis password"
redis_set_password "$old_redis" "$new_redis" \
    || die "could not change the Redis password (is REDIS_PASSWORD in $ENV_FILE the live one?); nothing was changed"

log "setting the new PostgreSQL password"
if ! postgres_set_password "$new_pg"; then
    warn "could not change the PostgreSQL password; putting the Redis password back"
    redis_set_password "$new_redis" "$old_redis" \
        || die "could not put the Redis password back: it is now the new one, which is NOT in $ENV_FILE; set REDIS_PASSWORD by hand"
    die "PostgreSQL password unchanged, Redis password restored; nothing was changed"
fi

backup="$ENV_FILE.bak.$(date -u +%Y%m%dT%H%M%SZ)"
(umask 077 && cp "$ENV_FILE" "$backup")
chmod 600 "$backup"
log "previous $ENV_FILE saved as $backup"

env_set POSTGRES_PASSWORD "$new_pg"
env_set REDIS_PASSWORD "$new_redis"
unset new_pg new_redis old_redis
log "$ENV_FILE updated; both services use the new passwords"

# restart_color COLOR: recreate a running color with the new environment and wait for readiness.
restart_color() {
    local color="$1"
    service_running "app-$color" || { log "app-$color is not running; skipped"; return 0; }
    log "recreating app-$color"
    compose up -d --no-deps --force-recreate "app-$color"
    wait_ready "$(color_url "$color")" "$timeout" "app-$color" \
        || die "app-$color is not ready with the new passwords; the services and $ENV_FILE already have them (old file: $backup). See: docker compose logs app-$color"
}
restart_color "$idle"
restart_color "$active"

log "recreating postgres and redis with the new values"
compose up -d --no-deps --force-recreate postgres redis
wait_healthy postgres 120
wait_healthy redis 60
for color in "$active" "$idle"; do
    if service_running "app-$color"; then
        wait_ready "$(color_url "$color")" "$timeout" "app-$color" \
            || die "app-$color is not ready after the data stores restarted; see: docker compose logs app-$color"
    fi
done

log "secrets rotated. Once you are satisfied, delete the old file: shred -u $backup"
