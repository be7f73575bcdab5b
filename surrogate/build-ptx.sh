#!/usr/bin/env bash
# Regenerates the PTX resources of the CUDA backend from surrogate/src/main/cuda/*.cu with nvcc.
# Two variants per source, both loaded with cuModuleLoadData by dev.sextant.surrogate.linalg.cuda.CudaDevice:
#   <name>-sm80.ptx  compute_80: FP64 tensor-core MMA (mma.sync.aligned.m8n8k4) in sx_gemm; used on sm_80 and newer
#   <name>-sm75.ptx  compute_75: plain FP64 FMA path; used on older devices (CUDA 13's nvcc has no target below 7.5)
# The PTX is committed, so a build without nvcc still has it. Run from anywhere: surrogate/build-ptx.sh
#   --check  also runs every kernel on the CPU through src/main/cuda/emu/cuda_emu.h (needs g++ with C++20),
#            once with the plain-FP64 GEMM and once with the emulated FP64 MMA fragments; no GPU needed.
#   --check-races  the same under ThreadSanitizer: reports shared-memory races between the threads of a block
#            (a missing __syncthreads); slow (minutes).
set -euo pipefail
check=0
sanitize=""
[ "${1:-}" = "--check" ] && check=1
[ "${1:-}" = "--check-races" ] && { check=1; sanitize="-g -fsanitize=thread"; }
here=$(cd "$(dirname "$0")" && pwd)
src="$here/src/main/cuda"
out="$here/src/main/resources/ptx"
NVCC=${NVCC:-nvcc}
command -v "$NVCC" >/dev/null || { echo "build-ptx.sh: nvcc not found (set NVCC=/path/to/nvcc)" >&2; exit 1; }
mkdir -p "$out"
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu | tr _ -)
  for arch in 80 75; do
    "$NVCC" -ptx -O3 -std=c++17 -arch=compute_$arch -o "$out/$name-sm$arch.ptx" "$cu"
  done
  # the tensor-core variant must really contain the FP64 MMA instruction
  grep -q 'mma.sync.aligned.m8n8k4.row.col.f64' "$out/$name-sm80.ptx" || { echo "no FP64 MMA in $name-sm80.ptx" >&2; exit 1; }
  if grep -q 'mma.sync' "$out/$name-sm75.ptx"; then echo "unexpected MMA in $name-sm75.ptx" >&2; exit 1; fi
done
"$NVCC" --version | tail -1 > "$out/NVCC_VERSION"
ls -l "$out"
if [ $check = 1 ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for variant in plain mma; do
    flags=""; [ $variant = mma ] && flags="-DSX_EMU_MMA"
    ${CXX:-g++} -std=c++20 -O1 -pthread $sanitize $flags -I"$src" "$src/emu/kernel_check.cpp" -o "$tmp/kernel_check_$variant"
    echo "== emulated kernel check ($variant GEMM path)"
    "$tmp/kernel_check_$variant"
  done
fi
