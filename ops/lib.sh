# shellcheck shell=bash
# Shared helpers of the OpenAlgebra ops scripts: paths, logging, compose invocation, .env access,
# active color, HTTP checks and waiting. Sourced by every script in ops/; not meant to be run.
#
# Environment overrides (all optional):
#   OPENALGEBRA_COMPOSE_DIR   directory of docker-compose.yml       (default: <repo>/compose)
#   OPENALGEBRA_ENV_FILE      the secrets/settings file             (default: <compose dir>/.env)
#   OPENALGEBRA_PROXY_URL     nginx as seen from this host          (default: http://127.0.0.1:<HTTP_PORT>)
#   HTTP_TIMEOUT              seconds per HTTP request              (default: 15)

if [[ -n "${OPENALGEBRA_OPS_LIB_LOADED:-}" ]]; then
    return 0
fi
OPENALGEBRA_OPS_LIB_LOADED=1

OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$OPS_DIR/.." && pwd)"
COMPOSE_DIR="${OPENALGEBRA_COMPOSE_DIR:-$REPO_ROOT/compose}"
ENV_FILE="${OPENALGEBRA_ENV_FILE:-$COMPOSE_DIR/.env}"
UPSTREAM_FILE="$COMPOSE_DIR/nginx/active-upstream.conf"
TARGETS_FILE="$OPS_DIR/monitoring/targets/openalgebra.json"
SCRIPT_NAME="$(basename "$0")"
APP_DLL="OpenAlgebra.Web.dll"
# Variables of compose/.env that hold secrets: never printed, redacted from diagnostics.
# shellcheck disable=SC2034 # used by the scripts that source this file
SECRET_KEYS=(POSTGRES_PASSWORD REDIS_PASSWORD MINIO_ROOT_PASSWORD MINIO_APP_SECRET_KEY
    OPENALGEBRA_ADMIN_PASSWORD OPENALGEBRA_MASTER_KEY)

# --- output ------------------------------------------------------------------------------------------

log() {
    printf '%s %s: %s\n' "$(date -u +%H:%M:%S)" "$SCRIPT_NAME" "$*" >&2
}

warn() {
    printf '%s %s: WARNING: %s\n' "$(date -u +%H:%M:%S)" "$SCRIPT_NAME" "$*" >&2
}

# die MESSAGE [EXIT_CODE]: print to stderr and exit (1 unless told otherwise).
die() {
    printf '%s: error: %s\n' "$SCRIPT_NAME" "$1" >&2
    exit "${2:-1}"
}

# usage_error MESSAGE: a wrong invocation; exit 2 with a pointer to -h.
usage_error() {
    printf '%s: %s (see %s -h)\n' "$SCRIPT_NAME" "$1" "$SCRIPT_NAME" >&2
    exit 2
}

# --- prerequisites -------------------------------------------------------------------------------------

require_cmd() {
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required but not installed" 2
    done
}

require_compose() {
    require_cmd docker
    docker compose version >/dev/null 2>&1 \
        || die "Docker Compose v2 ('docker compose') is required; install the docker-compose-plugin package" 2
    [[ -f "$COMPOSE_DIR/docker-compose.yml" ]] || die "no docker-compose.yml in $COMPOSE_DIR" 2
    require_env_file
}

require_env_file() {
    [[ -f "$ENV_FILE" ]] \
        || die "$ENV_FILE does not exist: cp $COMPOSE_DIR/.env.example $ENV_FILE, fill it in, chmod 600 it" 2
}

# --- compose/.env --------------------------------------------------------------------------------------

# env_has KEY: true when the .env file assigns KEY (possibly to an empty value).
env_has() {
    [[ -f "$ENV_FILE" ]] && grep -Eq "^[[:space:]]*(export[[:space:]]+)?$1=" "$ENV_FILE"
}

# env_get KEY [DEFAULT]: the value compose would read for KEY from the .env file (last assignment wins;
# surrounding quotes and an unquoted trailing " # comment" are removed). DEFAULT when unset or empty.
env_get() {
    local key="$1" default="${2-}" line="" value
    if [[ -f "$ENV_FILE" ]]; then
        line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}=" "$ENV_FILE" | tail -n 1 || true)"
    fi
    if [[ -z "$line" ]]; then
        printf '%s' "$default"
        return 0
    fi
    value="${line#*=}"
    if [[ "$value" =~ ^\"(.*)\"[[:space:]]*$ || "$value" =~ ^\'(.*)\'[[:space:]]*$ ]]; then
        value="${BASH_REMATCH[1]}"
    else
        value="${value%%[[:space:]]#*}"
        value="${value%"${value##*[![:space:]]}"}"
    fi
    if [[ -z "$value" ]]; then
        value="$default"
    fi
    printf '%s' "$value"
}

# env_set KEY VALUE: replace (or append) KEY=VALUE in the .env file atomically, mode 600.
env_set() {
    local key="$1" value="$2" tmp
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || die "env_set: bad variable name '$key'"
    [[ "$value" != *$'\n'* ]] || die "env_set: value of $key has a newline"
    require_env_file
    tmp="$(mktemp "$ENV_FILE.XXXXXX")"
    chmod 600 "$tmp"
    if ! K="$key" V="$value" awk '
        BEGIN { k = ENVIRON["K"]; v = ENVIRON["V"]; done = 0 }
        {
            line = $0
            sub(/^[ \t]*(export[ \t]+)?/, "", line)
            if (index(line, k "=") == 1) {
                if (!done) { print k "=" v; done = 1 }
                next
            }
            print
        }
        END { if (!done) print k "=" v }
    ' "$ENV_FILE" >"$tmp"; then
        rm -f "$tmp"
        die "could not rewrite $ENV_FILE"
    fi
    mv -f "$tmp" "$ENV_FILE"
}

# gen_secret: 40 random letters and digits (safe in connection strings and compose interpolation).
gen_secret() {
    local s=""
    while ((${#s} < 40)); do
        s+="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    done
    printf '%s' "${s:0:40}"
}

# --- docker compose ------------------------------------------------------------------------------------

# compose ARGS...: docker compose for this deployment (project dir, .env, GPU override when enabled).
compose() {
    local files=(-f "$COMPOSE_DIR/docker-compose.yml")
    if [[ "$(env_get OPENALGEBRA_GPU false)" == "true" ]]; then
        files+=(-f "$COMPOSE_DIR/docker-compose.gpu.yml")
    fi
    docker compose --project-directory "$COMPOSE_DIR" --env-file "$ENV_FILE" "${files[@]}" "$@"
}

# container_id SERVICE: id of the service's container, empty when it has none.
container_id() {
    compose ps -a -q "$1" 2>/dev/null | head -n 1 || true
}

# service_running SERVICE
service_running() {
    [[ -n "$(compose ps -q --status running "$1" 2>/dev/null)" ]]
}

# require_running SERVICE: die with a hint when SERVICE has no running container.
require_running() {
    service_running "$1" || die "service '$1' is not running (start it: docker compose -f $COMPOSE_DIR/docker-compose.yml up -d $1)"
}

# wait_healthy SERVICE TIMEOUT_SECONDS: until the container's health check says healthy
# (or, for a service without a health check, until it runs).
wait_healthy() {
    local service="$1" timeout="$2" deadline id state
    deadline=$((SECONDS + timeout))
    while :; do
        id="$(container_id "$service")"
        state=""
        if [[ -n "$id" ]]; then
            state="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null || true)"
        fi
        case "$state" in
            healthy) return 0 ;;
            running) if [[ -z "$(docker inspect -f '{{if .State.Health}}x{{end}}' "$id" 2>/dev/null)" ]]; then return 0; fi ;;
            exited | dead) die "service '$service' stopped (state $state); see: docker compose logs $service" ;;
        esac
        if ((SECONDS >= deadline)); then
            die "service '$service' not healthy after ${timeout}s (state: ${state:-no container}); see: docker compose logs $service"
        fi
        sleep 3
    done
}

# wait_completed SERVICE TIMEOUT_SECONDS: a one-shot service ran to exit code 0.
wait_completed() {
    local service="$1" timeout="$2" deadline id status code
    deadline=$((SECONDS + timeout))
    while :; do
        id="$(container_id "$service")"
        if [[ -n "$id" ]]; then
            read -r status code < <(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$id" 2>/dev/null || echo "unknown 0")
            if [[ "$status" == "exited" ]]; then
                [[ "$code" == "0" ]] && return 0
                die "one-shot service '$service' failed with exit code $code; see: docker compose logs $service"
            fi
        fi
        if ((SECONDS >= deadline)); then
            die "one-shot service '$service' did not finish within ${timeout}s; see: docker compose logs $service"
        fi
        sleep 2
    done
}

# project_name: the compose project (top-level "name:" unless COMPOSE_PROJECT_NAME overrides it).
project_name() {
    local name
    name="$(compose config --format json 2>/dev/null | jq -r '.name // empty' || true)"
    [[ -n "$name" ]] || die "cannot read the compose project name (docker compose config failed)"
    echo "$name"
}

# volume_name KEY: the Docker volume behind the compose volume KEY (e.g. app-data); dies when missing.
volume_name() {
    local key="$1" project name
    project="$(project_name)"
    name="$(docker volume ls -q --filter "label=com.docker.compose.project=$project" \
        --filter "label=com.docker.compose.volume=$key" | head -n 1 || true)"
    [[ -n "$name" ]] || die "volume '$key' of project '$project' does not exist"
    echo "$name"
}

# helper_image: the image of the running postgres container (Debian, with tar): throw-away containers
# that read or write volumes use it, so no extra image has to be pulled.
helper_image() {
    local id
    id="$(container_id postgres)"
    [[ -n "$id" ]] || die "the postgres container does not exist; start it: docker compose -f $COMPOSE_DIR/docker-compose.yml up -d postgres"
    docker inspect -f '{{.Image}}' "$id"
}

# volume_tar VOLUME_NAME: gzip'd tar of the volume's contents to stdout (numeric owners kept).
volume_tar() {
    local image
    image="$(helper_image)" && [[ -n "$image" ]] || return 1
    docker run --rm --network none -v "$1:/volume:ro" --entrypoint tar "$image" \
        -C /volume --numeric-owner -czf - .
}

# volume_untar VOLUME_NAME: replace the volume's contents with the gzip'd tar on stdin.
volume_untar() {
    local image
    image="$(helper_image)" && [[ -n "$image" ]] || return 1
    docker run --rm -i --network none -v "$1:/volume" --entrypoint sh "$image" \
        -c 'find /volume -mindepth 1 -delete && tar -C /volume --numeric-owner -xzf -'
}

# --- colors ----------------------------------------------------------------------------------------------

is_color() {
    [[ "${1:-}" == "blue" || "${1:-}" == "green" ]]
}

other_color() {
    case "$1" in
        blue) echo green ;;
        green) echo blue ;;
        *) die "not a color: '$1' (blue or green)" 2 ;;
    esac
}

# active_color: the color nginx routes to, read from compose/nginx/active-upstream.conf.
active_color() {
    local line color="" upstream=""
    [[ -f "$UPSTREAM_FILE" ]] || die "$UPSTREAM_FILE is missing; restore it from git (blue is the default)"
    while IFS= read -r line || [[ -n "$line" ]]; do
        if [[ "$line" =~ ^[[:space:]]*set[[:space:]]+\$openalgebra_color[[:space:]]+([a-z]+)[[:space:]]*\; ]]; then
            color="${BASH_REMATCH[1]}"
        elif [[ "$line" =~ ^[[:space:]]*set[[:space:]]+\$openalgebra_upstream[[:space:]]+([a-z0-9.-]+):8080[[:space:]]*\; ]]; then
            upstream="${BASH_REMATCH[1]}"
        fi
    done <"$UPSTREAM_FILE"
    is_color "$color" || die "cannot read the active color from $UPSTREAM_FILE"
    [[ "$upstream" == "app-$color" ]] \
        || die "$UPSTREAM_FILE is inconsistent (color $color, upstream ${upstream:-none}); fix it with ops/blue-green-switch.sh"
    echo "$color"
}

# write_file_atomic PATH MODE: stdin to PATH via a temp file in the same directory and a rename
# (a directory bind mount sees the new file; readers never see half of it).
write_file_atomic() {
    local path="$1" mode="$2" tmp
    tmp="$(mktemp "$path.XXXXXX")"
    if ! cat >"$tmp"; then
        rm -f "$tmp"
        die "could not write $path"
    fi
    chmod "$mode" "$tmp"
    mv -f "$tmp" "$path"
}

# write_active_upstream COLOR: point nginx at COLOR (takes effect at the next nginx reload).
write_active_upstream() {
    local color="$1"
    is_color "$color" || die "not a color: '$color'"
    write_file_atomic "$UPSTREAM_FILE" 644 <<EOF
# Managed by ops/blue-green-switch.sh: the color that receives traffic. Do not edit by hand.
set \$openalgebra_color $color;
set \$openalgebra_upstream app-$color:8080;
EOF
}

# write_prometheus_targets ACTIVE_COLOR: role labels for Prometheus (file_sd reloads it by itself).
write_prometheus_targets() {
    local active="$1" idle
    idle="$(other_color "$active")"
    write_file_atomic "$TARGETS_FILE" 644 <<EOF
[
  {"targets": ["app-$active:8080"], "labels": {"color": "$active", "role": "active"}},
  {"targets": ["app-$idle:8080"], "labels": {"color": "$idle", "role": "idle"}}
]
EOF
}

# color_url COLOR: the color's own port on 127.0.0.1 (published by docker-compose.yml).
color_url() {
    local port
    case "$1" in
        blue) port="$(env_get APP_BLUE_HOST_PORT 8081)" ;;
        green) port="$(env_get APP_GREEN_HOST_PORT 8082)" ;;
        *) die "not a color: '$1'" 2 ;;
    esac
    echo "http://127.0.0.1:$port"
}

# proxy_url: nginx as seen from this host.
proxy_url() {
    if [[ -n "${OPENALGEBRA_PROXY_URL:-}" ]]; then
        echo "${OPENALGEBRA_PROXY_URL%/}"
    else
        echo "http://127.0.0.1:$(env_get HTTP_PORT 80)"
    fi
}

# app_exec COLOR ARGS...: run the app's admin command line in COLOR's running container (stdin passed on).
app_exec() {
    local color="$1"
    shift
    require_running "app-$color"
    compose exec -T "app-$color" dotnet "$APP_DLL" "$@"
}

# --- HTTP --------------------------------------------------------------------------------------------------

# http_status URL OUTFILE [CURL_ARGS...]: the response body goes to OUTFILE, the status code to stdout
# ("000" when no HTTP answer came: refused, timeout, DNS).
http_status() {
    local url="$1" out="$2"
    shift 2
    curl --silent --show-error --max-time "${HTTP_TIMEOUT:-15}" --output "$out" --write-out '%{http_code}' \
        "$@" "$url" 2>/dev/null || true
}

# wait_ready BASE_URL TIMEOUT_SECONDS [WHAT]: until GET /health/ready answers 200. On timeout prints the
# last readiness answer and returns 1.
wait_ready() {
    local base="${1%/}" timeout="$2" what="${3:-$1}" deadline code body
    body="$(mktemp)"
    deadline=$((SECONDS + timeout))
    while :; do
        code="$(http_status "$base/health/ready" "$body")"
        if [[ "$code" == "200" ]]; then
            rm -f "$body"
            return 0
        fi
        if ((SECONDS >= deadline)); then
            warn "$what not ready after ${timeout}s (last /health/ready: HTTP $code)"
            if [[ -s "$body" ]]; then
                sed 's/^/    /' "$body" >&2
                echo >&2
            fi
            rm -f "$body"
            return 1
        fi
        sleep 3
    done
}

# have_tty: a controlling terminal can be opened (not just a /dev/tty node).
have_tty() {
    { true </dev/tty; } 2>/dev/null
}

# confirm PROMPT: ask on the terminal; true only for "yes". Dies without a terminal.
confirm() {
    local answer=""
    have_tty || die "no terminal to confirm on; pass --yes to run unattended" 2
    read -r -p "$1 Type 'yes' to continue: " answer </dev/tty || true
    [[ "$answer" == "yes" ]]
}
