#!/usr/bin/env bash
# Creates an OpenAlgebra user with the app's own command line, in the active color.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--password-stdin] <name> <roles>

  <name>    user name (letters, digits, '.', '_', '-', '@')
  <roles>   one or more of Clinician, Admin, Ops, comma-separated (e.g. Clinician,Admin)

Asks for the password twice on the terminal, without echo, and hands it to
'dotnet $APP_DLL create-user <name> <roles> --password-stdin' in the active app color over stdin
(never on a command line). With --password-stdin the password is read from the first line of this
script's standard input instead (for automation).

Needs: docker compose v2, the active color running.
Exit codes: 0 created, 1 the app refused (reason printed: user exists, weak password, ...),
2 bad usage, passwords differ, or the active color is not running.
EOF
}

from_stdin=false
args=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --password-stdin) from_stdin=true ;;
        -*) usage_error "unknown option '$1'" ;;
        *) args+=("$1") ;;
    esac
    shift
done
((${#args[@]} == 2)) || usage_error "expected <name> and <roles>"
name="${args[0]}"
roles="${args[1]}"
[[ "$name" =~ ^[A-Za-z0-9._@-]+$ ]] || usage_error "user name may contain only letters, digits, '.', '_', '-', '@'"
IFS=',' read -r -a role_list <<<"$roles"
((${#role_list[@]} > 0)) || usage_error "no role given"
for role in "${role_list[@]}"; do
    case "$role" in
        Clinician | Admin | Ops) ;;
        *) usage_error "unknown role '$role' (Clinician, Admin, Ops)" ;;
    esac
done

require_compose
color="$(active_color)"
service_running "app-$color" || die "the active color app-$color is not running" 2

if $from_stdin; then
    IFS= read -r password || [[ -n "${password:-}" ]] || die "no password on standard input" 2
else
    have_tty || die "no terminal to ask for the password on; use --password-stdin" 2
    IFS= read -r -s -p "Password for $name: " password </dev/tty
    echo >&2
    IFS= read -r -s -p "Repeat password: " again </dev/tty
    echo >&2
    [[ "$password" == "$again" ]] || die "the two passwords differ" 2
    unset again
fi
[[ -n "$password" ]] || die "empty password" 2

log "creating user $name ($roles) in app-$color"
status=0
printf '%s\n' "$password" | app_exec "$color" create-user "$name" "$roles" --password-stdin || status=$?
unset password
exit "$status"
