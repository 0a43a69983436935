#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh: checksums first, then (after confirmation) the database with
# pg_restore --clean in one transaction, then the app-data and MinIO volumes; restarts the app colors
# and verifies the audit chain.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--yes] <backup-dir>

  1. verifies <backup-dir>/SHA256SUMS (every file listed must be present and match)
  2. shows the manifest and asks for 'yes' (skip with --yes)
  3. stops both app colors (the site answers 502 meanwhile)
  4. pg_restore --clean --if-exists --single-transaction into the running postgres: either the whole
     dump is restored or nothing changes
  5. replaces the contents of the app-data volume, and of the MinIO volume (MinIO is stopped for it)
  6. starts the colors that were running, waits for /health/ready, runs ops/audit-verify.sh
Everything written since the backup is lost. compose/.env must be the one the backup was made with
(the same OPENALGEBRA_MASTER_KEY), or encrypted objects cannot be read.

Needs: docker compose v2 with postgres running, sha256sum, curl.
Exit codes: 0 restored and the audit chain is intact, 1 a step failed, 2 bad usage / bad backup /
not confirmed, 3 restored but the audit chain check reports it broken.
EOF
}

yes=false
src=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --yes) yes=true ;;
        -*) usage_error "unknown option '$1'" ;;
        *) [[ -z "$src" ]] || usage_error "only one backup directory"; src="$1" ;;
    esac
    shift
done
[[ -n "$src" ]] || usage_error "missing <backup-dir>"
[[ -d "$src" ]] || die "$src is not a directory" 2
src="$(cd "$src" && pwd)"
require_cmd sha256sum curl

# 1. Checksums before anything else.
[[ -f "$src/SHA256SUMS" ]] || die "$src has no SHA256SUMS: not a backup made by ops/backup.sh" 2
[[ -f "$src/postgres.dump" ]] || die "$src has no postgres.dump" 2
grep -q ' [* ]\?postgres.dump$' "$src/SHA256SUMS" || die "SHA256SUMS does not cover postgres.dump" 2
log "verifying checksums in $src"
(cd "$src" && sha256sum --check --strict SHA256SUMS) || die "checksum verification failed: the backup is damaged; nothing was changed" 2

require_compose
require_running postgres

# 2. Confirmation.
echo
sed 's/^/    /' "$src/manifest.txt" 2>/dev/null || echo "    (no manifest.txt)"
echo
if ! $yes; then
    confirm "This REPLACES the database and data volumes of project '$(project_name)' with the backup above; everything written since is lost." \
        || die "not confirmed; nothing was changed" 2
fi

# 3. Stop the app colors (remember which ran).
running=()
for color in blue green; do
    if service_running "app-$color"; then
        running+=("$color")
    fi
done
if ((${#running[@]})); then
    log "stopping app colors: ${running[*]}"
    compose stop "${running[@]/#/app-}"
fi
restart_hint() {
    warn "app colors stay stopped; start them after fixing: docker compose -f $COMPOSE_DIR/docker-compose.yml up -d ${running[*]/#/app-}"
}

# 4. Database, atomically.
log "restoring the database (single transaction)"
# shellcheck disable=SC2016 # expanded by the shell inside the container
if ! compose exec -T postgres sh -c 'exec pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error -U "$POSTGRES_USER" -d "$POSTGRES_DB"' \
    <"$src/postgres.dump"; then
    restart_hint
    die "pg_restore failed; the transaction was rolled back, the database is as before"
fi

# 5. Volumes.
if [[ -f "$src/app-data.tar.gz" ]]; then
    log "restoring volume app-data"
    volume_untar "$(volume_name app-data)" <"$src/app-data.tar.gz" || { restart_hint; die "restoring app-data failed"; }
else
    warn "no app-data.tar.gz in the backup; the app-data volume is left as it is"
fi
if [[ -f "$src/minio-data.tar.gz" ]]; then
    minio_was_running=false
    if service_running minio; then
        minio_was_running=true
        compose stop minio
    fi
    log "restoring volume minio-data"
    volume_untar "$(volume_name minio-data)" <"$src/minio-data.tar.gz" || { restart_hint; die "restoring minio-data failed"; }
    if $minio_was_running; then
        compose up -d --no-deps minio
        wait_healthy minio 120
    fi
fi

# 6. Back up, then check the audit chain of the restored database.
if ((${#running[@]} == 0)); then
    log "restore complete; no app color was running, none started"
    exit 0
fi
for color in "${running[@]}"; do
    log "starting app-$color"
    compose up -d --no-deps "app-$color"
done
for color in "${running[@]}"; do
    wait_ready "$(color_url "$color")" 180 "app-$color" || die "app-$color is not ready after the restore; see: docker compose logs app-$color"
done
log "restore complete; verifying the audit chain"
status=0
"$OPS_DIR/audit-verify.sh" || status=$?
if ((status == 3)); then
    die "the restored audit chain is BROKEN (see above)" 3
elif ((status != 0)); then
    die "audit verification did not run (exit $status)"
fi
log "restored from $src"
