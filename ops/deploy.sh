#!/usr/bin/env bash
# Blue-green deployment: build the image, start it as the idle color, wait until ready, smoke-test it
# directly, then switch nginx to it. The previous color keeps running for rollback.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--tag <tag>] [--skip-build] [--no-switch] [--backup <dir>] [--keep-on-failure]
                 [--timeout <seconds>]

  1. ops/check-env.sh must pass
  2. builds the image $(env_get OPENALGEBRA_IMAGE localhost/openalgebra-web):<tag> from the repository
     (version and commit from git; override with OPENALGEBRA_VERSION / OPENALGEBRA_COMMIT)
  3. starts what is missing of postgres, redis, minio (+ minio-init), nginx, blackbox, prometheus
  4. optionally backs up first (--backup <dir>, runs ops/backup.sh)
  5. records the tag for the idle color in .env and (re)creates that color; it migrates the shared
     database on start, so releases must keep the schema usable by the previous one
  6. waits for /health/ready, runs ops/smoke-test.sh against the color's own port
     (SMOKE_USER/SMOKE_PASSWORD, when set, add a sign-in test)
  7. ops/blue-green-switch.sh <idle color> (unless --no-switch)
If 6 fails, the new color is stopped again (--keep-on-failure leaves it running for inspection) and
traffic never moves.

Options:
  --tag <tag>          image tag (default: UTC timestamp + short commit)
  --skip-build         do not build; the image <name>:<tag> must exist (needs --tag)
  --no-switch          stop after the smoke test; switch later with ops/blue-green-switch.sh
  --backup <dir>       run ops/backup.sh <dir> before the new color starts
  --keep-on-failure    leave a color that failed its checks running
  --timeout <seconds>  readiness wait for the new color (180)
Needs: docker compose v2, curl, jq; git for version/commit (optional).
Exit codes: 0 deployed, 1 a step failed (traffic unchanged), 2 bad usage or missing prerequisite.
EOF
}

tag=""
skip_build=false
switch=true
backup_dir=""
keep_on_failure=false
timeout=180
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --tag)
            [[ $# -ge 2 ]] || usage_error "--tag needs a value"
            tag="$2"
            shift
            ;;
        --skip-build) skip_build=true ;;
        --no-switch) switch=false ;;
        --backup)
            [[ $# -ge 2 ]] || usage_error "--backup needs a directory"
            backup_dir="$2"
            shift
            ;;
        --keep-on-failure) keep_on_failure=true ;;
        --timeout)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage_error "--timeout needs a number of seconds"
            timeout="$2"
            shift
            ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
if $skip_build && [[ -z "$tag" ]]; then
    usage_error "--skip-build needs --tag naming an existing image"
fi
if [[ -n "$tag" && ! "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
    usage_error "'$tag' is not a valid image tag"
fi

require_compose
require_cmd curl jq

# 1. Configuration.
log "checking $ENV_FILE"
"$OPS_DIR/check-env.sh" || die "fix $ENV_FILE first (ops/check-env.sh lists what is wrong)"

active="$(active_color)"
target="$(other_color "$active")"
image="$(env_get OPENALGEBRA_IMAGE localhost/openalgebra-web)"
tag_key="$(tr '[:lower:]' '[:upper:]' <<<"$target")_IMAGE_TAG"

# 2. Version, commit, tag, image.
commit="${OPENALGEBRA_COMMIT:-}"
version="${OPENALGEBRA_VERSION:-}"
if command -v git >/dev/null 2>&1 && git -C "$REPO_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    if [[ -z "$commit" ]]; then
        commit="$(git -C "$REPO_ROOT" rev-parse HEAD)"
        # The files the ops scripts rewrite at run time do not make a build "dirty".
        if [[ -n "$(git -C "$REPO_ROOT" status --porcelain --untracked-files=no -- . \
            ':(exclude)compose/nginx/active-upstream.conf' ':(exclude)ops/monitoring/targets' 2>/dev/null)" ]]; then
            commit="$commit-dirty"
        fi
    fi
    if [[ -z "$version" ]]; then
        version="$(git -C "$REPO_ROOT" describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null || true)"
        version="${version#v}"
    fi
fi
version="${version:-0.0.0-dev}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] \
    || die "version '$version' is not MAJOR.MINOR.PATCH[-suffix]; set OPENALGEBRA_VERSION" 2
if [[ -z "$tag" ]]; then
    tag="$(date -u +%Y%m%d%H%M%S)"
    if [[ -n "$commit" ]]; then
        tag="$tag-${commit:0:12}"
    fi
fi

log "active color: $active; deploying $image:$tag (version $version, commit ${commit:-unknown}) as $target"

if $skip_build; then
    docker image inspect "$image:$tag" >/dev/null 2>&1 || die "image $image:$tag does not exist (drop --skip-build to build it)"
else
    log "building $image:$tag"
    # Shell variables take precedence over .env in compose interpolation: the build uses this tag,
    # and .env is only updated once the image exists.
    export OPENALGEBRA_VERSION="$version" OPENALGEBRA_COMMIT="$commit"
    export "$tag_key=$tag"
    compose build --pull "app-$target" || die "image build failed; nothing was changed"
    unset "$tag_key"
fi

# 3. Infrastructure: start what is not running; --no-recreate leaves running services alone.
log "starting the data stores, nginx and monitoring (those not running)"
compose up -d --no-recreate postgres redis minio nginx blackbox prometheus
wait_healthy postgres 120
wait_healthy redis 60
wait_healthy minio 120
compose up -d --no-recreate minio-init
wait_completed minio-init 120
wait_healthy nginx 60

# 4. Optional backup before the new release touches the schema.
if [[ -n "$backup_dir" ]]; then
    "$OPS_DIR/backup.sh" "$backup_dir" || die "backup failed; nothing was deployed"
fi

# 5. The idle color on the new image.
env_set "$tag_key" "$tag"
log "starting app-$target ($image:$tag)"
compose up -d --no-deps --force-recreate "app-$target"

# failed STEP: stop the new color (unless asked not to) and fail; traffic never moved.
failed() {
    warn "$1"
    compose logs --no-color --tail 80 "app-$target" >&2 || true
    if $keep_on_failure; then
        warn "app-$target left running for inspection (--keep-on-failure); stop it: docker compose -f $COMPOSE_DIR/docker-compose.yml stop app-$target"
    else
        compose stop "app-$target" >/dev/null 2>&1 || warn "could not stop app-$target"
        warn "app-$target stopped"
    fi
    die "deployment of $image:$tag failed; traffic stays on $active"
}

# 6. Ready, then smoke-tested on its own port.
url="$(color_url "$target")"
wait_ready "$url" "$timeout" "app-$target" || failed "app-$target did not become ready"
"$OPS_DIR/smoke-test.sh" "$url" || failed "smoke test of app-$target failed"

# 7. Traffic.
if ! $switch; then
    log "app-$target ($image:$tag) is ready and smoke-tested; switch with: $OPS_DIR/blue-green-switch.sh $target"
    exit 0
fi
"$OPS_DIR/blue-green-switch.sh" "$target" || die "switch failed; app-$target runs but gets no traffic ($active still serves)"
log "deployed $image:$tag as $target; previous color $active kept for rollback: $OPS_DIR/blue-green-switch.sh $active"
