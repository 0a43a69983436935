#!/usr/bin/env bash
# Device check of the sparse engine's ILGPU backend on a CUDA GPU: the GPU tests (trait Category=Gpu) in Release.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--out DIR]

Runs the tests marked Category=Gpu with OPENALGEBRA_TEST_GPU=1 on this machine's first CUDA device, in
Release: every backend operation and the CG, BiCGSTAB, GMRES and LSQR solves agree with the CPU backend
at sizes the CPU accelerator cannot reach; a warmed-up iteration allocates nothing; and a throughput
report (SpMV GFLOP/s and effective GB/s on the 1M-row 5-point Poisson matrix, Jacobi- and AMG-PCG to 1e-8,
GPU next to CPU). The report is in the test output; with --out DIR the whole log goes to DIR/gpu-check.log.

Needs: the .NET 10 SDK, an NVIDIA driver (nvidia-smi), run from a checkout of the repository.
Exit codes: 0 all GPU tests passed, 1 a test failed, 2 bad usage or no NVIDIA GPU/driver.
EOF
}

out=""
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --out)
            [[ $# -ge 2 ]] || usage_error "--out needs a directory"
            out="$2"
            shift
            ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
require_cmd dotnet
command -v nvidia-smi >/dev/null || die "nvidia-smi not found: this machine has no NVIDIA driver" 2
nvidia-smi -L >&2 || die "nvidia-smi sees no GPU" 2

log "running the GPU tests (Category=Gpu) in Release"
export OPENALGEBRA_TEST_GPU=1
command=(dotnet test "$REPO_ROOT/OpenAlgebra.Tests" -c Release --filter "Category=Gpu" --logger "console;verbosity=detailed")
status=0
if [[ -n "$out" ]]; then
    mkdir -p "$out"
    "${command[@]}" 2>&1 | tee "$out/gpu-check.log" || status=$?
else
    "${command[@]}" || status=$?
fi
((status == 0)) || die "GPU tests failed (dotnet test exit $status)"
log "GPU tests passed"
