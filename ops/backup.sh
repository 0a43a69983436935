#!/usr/bin/env bash
# Backup of the compose deployment: PostgreSQL (pg_dump -Fc), the app data volume (blobs, keys) and the
# MinIO volume, with a manifest and SHA256SUMS. Secrets (.env, the master key) are NOT included.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME <dest-dir>

Writes <dest-dir>/openalgebra-<UTC timestamp>/ (mode 700) containing
  postgres.dump       pg_dump -Fc of the database (verified with pg_restore --list)
  app-data.tar.gz     the app-data volume (/var/lib/openalgebra: blobs until object storage, keys)
  minio-data.tar.gz   the MinIO volume (objects, once object storage is in use)
  manifest.txt        time, active color, image tags, /version of the active color
  SHA256SUMS          checksums of the files above (restore-backup.sh verifies them first)
and prints the backup directory on stdout. The database is dumped before the volumes are copied, so
every blob the dump refers to is in the archive. Runs while the application serves traffic.

compose/.env is not copied: keep it (above all OPENALGEBRA_MASTER_KEY, without which encrypted objects
cannot be read) in a separate safe place. Encrypt and copy the backup off the host.

Needs: docker compose v2 with postgres running, jq, sha256sum.
Exit codes: 0 backup complete, 1 a step failed (the partial directory is removed), 2 bad usage.
EOF
}

dest=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        -*) usage_error "unknown option '$1'" ;;
        *) [[ -z "$dest" ]] || usage_error "only one destination"; dest="$1" ;;
    esac
    shift
done
[[ -n "$dest" ]] || usage_error "missing <dest-dir>"
require_compose
require_cmd jq sha256sum curl
require_running postgres

umask 077
mkdir -p "$dest" || die "cannot create $dest"
dir="$(cd "$dest" && pwd)/openalgebra-$(date -u +%Y%m%dT%H%M%SZ)"
[[ ! -e "$dir" ]] || die "$dir already exists"
mkdir "$dir"
complete=false
cleanup() {
    if ! $complete; then
        rm -rf "$dir"
        warn "incomplete backup removed: $dir"
    fi
}
trap cleanup EXIT

log "backing up to $dir"

# 1. Database (custom format: compressed, restorable selectively, checked by pg_restore --list).
log "pg_dump"
# shellcheck disable=SC2016 # expanded by the shell inside the container
compose exec -T postgres sh -c 'exec pg_dump -Fc --no-password -U "$POSTGRES_USER" -d "$POSTGRES_DB"' >"$dir/postgres.dump" \
    || die "pg_dump failed"
compose exec -T postgres pg_restore --list <"$dir/postgres.dump" >"$dir/postgres.toc" \
    || die "the dump does not read back (pg_restore --list failed)"
log "database: $(wc -c <"$dir/postgres.dump") bytes, $(grep -c 'TABLE DATA' "$dir/postgres.toc" || true) tables with data"
rm -f "$dir/postgres.toc"

# 2. Volumes.
for key in app-data minio-data; do
    volume="$(volume_name "$key")"
    log "volume $key ($volume)"
    volume_tar "$volume" >"$dir/$key.tar.gz" || die "could not archive volume $key"
    gzip -t "$dir/$key.tar.gz" || die "archive of $key is corrupt"
done

# 3. Manifest: what was running. No secrets.
active="$(active_color)"
{
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(hostname)"
    echo "compose project: $(project_name)"
    echo "active color: $active"
    echo "image: $(env_get OPENALGEBRA_IMAGE localhost/openalgebra-web)"
    echo "blue image tag: $(env_get BLUE_IMAGE_TAG latest)"
    echo "green image tag: $(env_get GREEN_IMAGE_TAG latest)"
    echo "postgres database: $(env_get POSTGRES_DB openalgebra)"
    if [[ "$(http_status "$(color_url "$active")/version" "$dir/version.json")" == "200" ]]; then
        echo "version: $(jq -c . "$dir/version.json")"
    else
        echo "version: (app-$active did not answer /version)"
    fi
} >"$dir/manifest.txt"
rm -f "$dir/version.json"

# 4. Checksums.
(cd "$dir" && sha256sum postgres.dump app-data.tar.gz minio-data.tar.gz manifest.txt >SHA256SUMS) \
    || die "could not write SHA256SUMS"

complete=true
log "backup complete: $dir ($(du -sh "$dir" | cut -f1))"
log "reminder: compose/.env (master key, passwords) is not in the backup; keep it safe separately"
echo "$dir"
