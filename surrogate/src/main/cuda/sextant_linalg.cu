// Sextant GPU linear algebra: FP64 kernels launched from Java through the JCuda driver API.
//
// Compiled to PTX by ../../build-ptx.sh (two variants: compute_80 with FP64 tensor-core MMA, compute_75 with plain
// FP64 FMAs). Every entry point is extern "C" so its PTX name is stable; the Java side (CudaKernels) names them.
//
// Conventions: matrices are row-major double arrays; a sub-matrix is (pointer, leading dimension ld); element (i, j)
// is p[i * ld + j]. Indices that can exceed 2^31 are computed in 64-bit (long long).
//
// The blocked algorithms (Cholesky, triangular solves with many right-hand sides) are scheduled on the host
// (dev.sextant.surrogate.linalg.cuda.BlockedAlgorithms); this file holds their tile kernels:
//   sx_potrf_tile   unblocked Cholesky of one <= SX_NB tile (or of many small matrices: one block per matrix)
//   sx_trsm_tile    X·Lᵀ = B or X·L = B for a <= SX_NB wide triangle, any number of rows of B
//   sx_gemm         C = alpha·A·op(B) + beta·C, op(B) = Bᵀ or B, optionally only the lower triangle of C (SYRK)
// and the Gaussian-process kernels:
//   sx_kernel_matrix, sx_add_diag, sx_mll_grad, sx_logdet, and small helpers.

#ifdef SX_HOST_EMULATION
#include "emu/cuda_emu.h"   // runs these kernels on the CPU with one std::thread per CUDA thread (emu/README)
#define SX_DYNAMIC_SHARED(type, name) type* name = sx_emu_dynamic_shared<type>()
#else
#define SX_DYNAMIC_SHARED(type, name) extern __shared__ type name[]
#endif

#define SX_NB 64            // tile width of the blocked algorithms; must equal BlockedAlgorithms.NB
#define SX_TRSM_ROWS 16     // rows of B per thread block in sx_trsm_tile
#define SX_GBM 64           // sx_gemm block tile: rows of C
#define SX_GBN 64           // sx_gemm block tile: columns of C
#define SX_GBK 16           // sx_gemm depth per shared-memory stage
#define SX_GPAD 20          // shared row stride (doubles): 20 = 4 (mod 16) makes MMA fragment reads conflict-free
#define SX_GRAD_DIMS 8      // input dimensions handled per sx_mll_grad launch
#define SX_GRAD_TILE 16     // sx_mll_grad pair tile (16×16 threads)

#define SX_MATERN52 0
#define SX_MATERN32 1
#define SX_RBF 2

// ---------------------------------------------------------------------------------------------------------------
// Cholesky of small tiles
// ---------------------------------------------------------------------------------------------------------------

// In-place lower Cholesky of blockIdx.x-th n×n matrix at a + blockIdx.x·stride (leading dimension ld). Reads only the
// lower triangle; writes L to the lower triangle and zeros to the upper one. Dynamic shared memory: n·(n+2) doubles.
// blockDim.x a multiple of 16. info[blockIdx.x]: 0 on success; colOffset + j + 1 when pivot j is not positive (or NaN),
// the matrix is then left unchanged. A matrix whose info is already non-zero on entry is skipped (the blocked Cholesky
// stops early that way).
// One barrier per column: step j updates the trailing triangle with the unscaled column j (a_ic -= a_ij·a_cj / a_jj)
// while column j − 1, which nobody reads in step j, is scaled by its root.
extern "C" __global__ void sx_potrf_tile(double* a, int n, int ld, long long stride, int* info, int colOffset)
{
    SX_DYNAMIC_SHARED(double, s);                // n×(n+1) matrix, then n diagonal roots
    __shared__ int failed;
    const int lds = n + 1;
    double* root = s + n * lds;
    double* m = a + (long long)blockIdx.x * stride;
    int* inf = info + blockIdx.x;
    if (*inf != 0) return;                       // uniform: every thread reads the same value
    if (threadIdx.x == 0) failed = 0;
    for (int e = threadIdx.x; e < n * n; e += blockDim.x) {
        const int i = e / n, j = e - (e / n) * n;
        s[i * lds + j] = (j <= i) ? m[(long long)i * ld + j] : 0.0;
    }
    __syncthreads();
    const int tx = threadIdx.x & 15, ty = threadIdx.x >> 4, nty = blockDim.x >> 4;
    for (int j = 0; j < n; ++j) {
        const double djj = s[j * lds + j];       // final: its last update was in step j − 1
        if (!(djj > 0.0)) {                      // not positive or NaN; uniform across the block
            if (threadIdx.x == 0) failed = j + 1;
            break;
        }
        if (j > 0) {
            const double r = root[j - 1];
            for (int i = j + threadIdx.x; i < n; i += blockDim.x) s[i * lds + j - 1] /= r;
        }
        if (threadIdx.x == 0) root[j] = sqrt(djj);
        const double inv = 1.0 / djj;
        for (int i = j + 1 + ty; i < n; i += nty) {
            const double aij = s[i * lds + j] * inv;
            for (int c = j + 1 + tx; c <= i; c += 16) s[i * lds + c] -= aij * s[c * lds + j];
        }
        __syncthreads();
    }
    __syncthreads();
    if (failed != 0) {
        if (threadIdx.x == 0) *inf = colOffset + failed;
        return;
    }
    for (int e = threadIdx.x; e < n * n; e += blockDim.x) {
        const int i = e / n, j = e - (e / n) * n;
        m[(long long)i * ld + j] = (j < i) ? s[i * lds + j] : (j == i ? root[i] : 0.0);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Triangular solve with a <= SX_NB wide lower triangle, from the right
// ---------------------------------------------------------------------------------------------------------------

// B (m×k, ld ldb) is overwritten by X with X·Lᵀ = B (transposed != 0) or X·L = B (transposed == 0); L k×k lower
// (ld ldl, upper triangle not read), k <= SX_NB. Block (SX_NB, 4) threads, grid ceil(m / SX_TRSM_ROWS).
extern "C" __global__ void __launch_bounds__(256) sx_trsm_tile(double* b, int m, int k, int ldb,
                                                               const double* l, int ldl, int transposed)
{
    __shared__ double Ls[SX_NB][SX_NB + 1];
    __shared__ double Xs[SX_TRSM_ROWS][SX_NB + 1];
    const int tx = threadIdx.x, ty = threadIdx.y, ny = blockDim.y;
    const int r0 = blockIdx.x * SX_TRSM_ROWS;
    for (int i = ty; i < k; i += ny)
        if (tx < k) Ls[i][tx] = (tx <= i) ? l[(long long)i * ldl + tx] : 0.0;
    for (int r = ty; r < SX_TRSM_ROWS; r += ny)
        Xs[r][tx] = (r0 + r < m && tx < k) ? b[(long long)(r0 + r) * ldb + tx] : 0.0;
    __syncthreads();
    // One barrier per column: step j eliminates the unscaled column j (u_j / L[j][j] = x_j) from the later columns
    // while column j ∓ 1, finished in the previous step and read by nobody in this one, is divided by its pivot.
    if (transposed) {
        // X·Lᵀ = B: x_j = (b_j - sum_{c<j} x_c L[j][c]) / L[j][j], forward over columns
        for (int j = 0; j < k; ++j) {
            if (j > 0 && tx == j - 1) {
                const double p = Ls[j - 1][j - 1];
                for (int r = ty; r < SX_TRSM_ROWS; r += ny) Xs[r][j - 1] /= p;
            }
            if (tx > j && tx < k) {
                const double f = Ls[tx][j] / Ls[j][j];
                for (int r = ty; r < SX_TRSM_ROWS; r += ny) Xs[r][tx] -= Xs[r][j] * f;
            }
            __syncthreads();
        }
        if (tx == k - 1) {
            const double p = Ls[k - 1][k - 1];
            for (int r = ty; r < SX_TRSM_ROWS; r += ny) Xs[r][k - 1] /= p;
        }
    } else {
        // X·L = B: x_j = (b_j - sum_{c>j} x_c L[c][j]) / L[j][j], backward over columns
        for (int j = k - 1; j >= 0; --j) {
            if (j < k - 1 && tx == j + 1) {
                const double p = Ls[j + 1][j + 1];
                for (int r = ty; r < SX_TRSM_ROWS; r += ny) Xs[r][j + 1] /= p;
            }
            if (tx < j) {
                const double f = Ls[j][tx] / Ls[j][j];
                for (int r = ty; r < SX_TRSM_ROWS; r += ny) Xs[r][tx] -= Xs[r][j] * f;
            }
            __syncthreads();
        }
        if (tx == 0) {
            const double p = Ls[0][0];
            for (int r = ty; r < SX_TRSM_ROWS; r += ny) Xs[r][0] /= p;
        }
    }
    __syncthreads();
    for (int r = ty; r < SX_TRSM_ROWS; r += ny)
        if (r0 + r < m && tx < k) b[(long long)(r0 + r) * ldb + tx] = Xs[r][tx];
}

// ---------------------------------------------------------------------------------------------------------------
// Matrix product (the trailing update of the blocked algorithms)
// ---------------------------------------------------------------------------------------------------------------

#if (defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800) || defined(SX_EMU_MMA)
#define SX_USE_DMMA 1
#endif

#if defined(SX_USE_DMMA) && !defined(SX_HOST_EMULATION)
// D += A·B on the FP64 tensor cores (m8n8k4). Fragments: A 8×4 row-major, lane holds (lane/4, lane%4);
// B 4×8 column-major, lane holds (lane%4, lane/4); D 8×8, lane holds (lane/4, 2·(lane%4) + {0, 1}).
__device__ __forceinline__ void sx_dmma(double& d0, double& d1, double a, double b)
{
    asm volatile("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64 {%0,%1}, {%2}, {%3}, {%0,%1};\n"
                 : "+d"(d0), "+d"(d1) : "d"(a), "d"(b));
}
#endif

// C (m×p, ld ldc) = alpha·A·op(B) + beta·C. A m×k (ld lda). transB != 0: B is p×k and op(B) = Bᵀ; else B is k×p.
// beta == 0 does not read C. lowerOnly != 0: only elements with row >= column are written (C a diagonal block).
// Block 128 threads (4 warps, each a 32×32 sub-tile), grid (ceil(p/64), ceil(m/64)). Registers capped for 4 resident
// blocks per SM (128 per thread on sm_90 without spills).
extern "C" __global__ void __launch_bounds__(128, 4) sx_gemm(int m, int p, int k, double alpha,
                                                          const double* A, int lda, const double* B, int ldb,
                                                          int transB, double beta, double* C, int ldc, int lowerOnly)
{
    const int i0 = blockIdx.y * SX_GBM, j0 = blockIdx.x * SX_GBN;
    if (lowerOnly && j0 > i0 + SX_GBM - 1) return;   // tile strictly above the diagonal
    __shared__ double As[SX_GBM][SX_GPAD];
    __shared__ double Bs[SX_GBN][SX_GPAD];           // Bs[col][depth] = op(B)[depth][col]
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int wr = (warp >> 1) * 32, wc = (warp & 1) * 32;
    const int g = lane >> 2, t4 = lane & 3;
    double acc[4][4][2];
#pragma unroll
    for (int mi = 0; mi < 4; ++mi)
#pragma unroll
        for (int ni = 0; ni < 4; ++ni) { acc[mi][ni][0] = 0.0; acc[mi][ni][1] = 0.0; }

    // Global → registers for the next stage while the current one is multiplied (one stage in flight).
    // Thread tid loads A (and Bᵀ) rows ar + 8q at depth ac, and B (not transposed) column br at depths bc + 2q.
    constexpr int PER = SX_GBM * SX_GBK / 128;     // elements of each tile per thread (8)
    const int ar = tid >> 4, ac = tid & 15, br = tid & 63, bc = tid >> 6;
    double ra[PER], rb[PER];
    auto fetch = [&](int k0) {
        const bool kin = k0 + ac < k;
#pragma unroll
        for (int q = 0; q < PER; ++q) {
            const int gi = i0 + ar + 8 * q;
            ra[q] = (gi < m && kin) ? A[(long long)gi * lda + k0 + ac] : 0.0;
        }
        if (transB) {
#pragma unroll
            for (int q = 0; q < PER; ++q) {
                const int gj = j0 + ar + 8 * q;
                rb[q] = (gj < p && kin) ? B[(long long)gj * ldb + k0 + ac] : 0.0;
            }
        } else {
            const bool jin = j0 + br < p;
#pragma unroll
            for (int q = 0; q < PER; ++q) {
                const int gk = k0 + bc + 2 * q;
                rb[q] = (jin && gk < k) ? B[(long long)gk * ldb + j0 + br] : 0.0;
            }
        }
    };
    if (k > 0) fetch(0);
    for (int k0 = 0; k0 < k; k0 += SX_GBK) {
#pragma unroll
        for (int q = 0; q < PER; ++q) {
            As[ar + 8 * q][ac] = ra[q];
            if (transB) Bs[ar + 8 * q][ac] = rb[q];
            else Bs[br][bc + 2 * q] = rb[q];
        }
        __syncthreads();
        if (k0 + SX_GBK < k) fetch(k0 + SX_GBK);
#pragma unroll
        for (int kk = 0; kk < SX_GBK; kk += 4) {
#if defined(SX_USE_DMMA)
            double af[4], bf[4];
#pragma unroll
            for (int mi = 0; mi < 4; ++mi) af[mi] = As[wr + mi * 8 + g][kk + t4];
#pragma unroll
            for (int ni = 0; ni < 4; ++ni) bf[ni] = Bs[wc + ni * 8 + g][kk + t4];
#pragma unroll
            for (int mi = 0; mi < 4; ++mi)
#pragma unroll
                for (int ni = 0; ni < 4; ++ni) sx_dmma(acc[mi][ni][0], acc[mi][ni][1], af[mi], bf[ni]);
#else
            // plain FP64: the same output elements as the MMA fragments above
#pragma unroll
            for (int q = 0; q < 4; ++q)
#pragma unroll
                for (int mi = 0; mi < 4; ++mi) {
                    const double av = As[wr + mi * 8 + g][kk + q];
#pragma unroll
                    for (int ni = 0; ni < 4; ++ni) {
                        acc[mi][ni][0] = fma(av, Bs[wc + ni * 8 + 2 * t4][kk + q], acc[mi][ni][0]);
                        acc[mi][ni][1] = fma(av, Bs[wc + ni * 8 + 2 * t4 + 1][kk + q], acc[mi][ni][1]);
                    }
                }
#endif
        }
        __syncthreads();
    }
#pragma unroll
    for (int mi = 0; mi < 4; ++mi)
#pragma unroll
        for (int ni = 0; ni < 4; ++ni)
#pragma unroll
            for (int h = 0; h < 2; ++h) {
                const int i = i0 + wr + mi * 8 + g, j = j0 + wc + ni * 8 + 2 * t4 + h;
                if (i < m && j < p && (!lowerOnly || j <= i)) {
                    const long long idx = (long long)i * ldc + j;
                    double v = alpha * acc[mi][ni][h];
                    if (beta != 0.0) v += beta * C[idx];
                    C[idx] = v;
                }
            }
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

// Sets the strictly upper triangle of a (n×n, ld) to zero. Block 16×16, grid (ceil(n/16), ceil(n/16)).
extern "C" __global__ void sx_zero_upper(double* a, int n, int ld)
{
    const int i = blockIdx.y * blockDim.y + threadIdx.y, j = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && j < n && j > i) a[(long long)i * ld + j] = 0.0;
}

// a (n×n, ld) = identity. Block 16×16, grid (ceil(n/16), ceil(n/16)).
extern "C" __global__ void sx_set_identity(double* a, int n, int ld)
{
    const int i = blockIdx.y * blockDim.y + threadIdx.y, j = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && j < n) a[(long long)i * ld + j] = (i == j) ? 1.0 : 0.0;
}

// out (cols×rows) = inᵀ, in rows×cols; both dense. Block 32×8, grid (ceil(cols/32), ceil(rows/32)).
extern "C" __global__ void sx_transpose(const double* in, int rows, int cols, double* out)
{
    __shared__ double t[32][33];
    const int bx = blockIdx.x * 32, by = blockIdx.y * 32;
    for (int r = threadIdx.y; r < 32; r += blockDim.y) {
        const int i = by + r, j = bx + threadIdx.x;
        if (i < rows && j < cols) t[r][threadIdx.x] = in[(long long)i * cols + j];
    }
    __syncthreads();
    for (int r = threadIdx.y; r < 32; r += blockDim.y) {
        const int j = bx + r, i = by + threadIdx.x;       // out row j, column i
        if (i < rows && j < cols) out[(long long)j * rows + i] = t[threadIdx.x][r];
    }
}

// out[0] = 2·Σ log L_ii for L (n×n, ld). One block of 256 threads.
extern "C" __global__ void __launch_bounds__(256) sx_logdet(const double* l, int n, int ld, double* out)
{
    __shared__ double red[256];
    double s = 0.0;
    for (int i = threadIdx.x; i < n; i += blockDim.x) s += log(l[(long long)i * ld + i]);
    red[threadIdx.x] = s;
    __syncthreads();
    for (int w = 128; w > 0; w >>= 1) {
        if (threadIdx.x < w) red[threadIdx.x] += red[threadIdx.x + w];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[0] = 2.0 * red[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Stationary ARD kernels
// ---------------------------------------------------------------------------------------------------------------
// r² = Σ_c ((x_c - x'_c) / ℓ_c)²; k(r) = s·(1 + √5 r + 5r²/3)·exp(-√5 r)  (Matérn 5/2)
//                                        s·(1 + √3 r)·exp(-√3 r)          (Matérn 3/2)
//                                        s·exp(-r²/2)                      (RBF)
// kgrad is the factor G with ∂k/∂log ℓ_c = G·((x_c - x'_c) / ℓ_c)².

__device__ __forceinline__ double sx_kval(int kind, double r2, double s)
{
    if (kind == SX_MATERN52) {
        const double r = sqrt(r2), t = 2.23606797749978969641 * r;
        return s * (1.0 + t + (5.0 / 3.0) * r2) * exp(-t);
    } else if (kind == SX_MATERN32) {
        const double t = 1.73205080756887729353 * sqrt(r2);
        return s * (1.0 + t) * exp(-t);
    }
    return s * exp(-0.5 * r2);
}

__device__ __forceinline__ double sx_kgrad(int kind, double r2, double s)
{
    if (kind == SX_MATERN52) {
        const double t = 2.23606797749978969641 * sqrt(r2);
        return (5.0 / 3.0) * s * (1.0 + t) * exp(-t);
    } else if (kind == SX_MATERN32) {
        const double t = 1.73205080756887729353 * sqrt(r2);
        return 3.0 * s * exp(-t);
    }
    return s * exp(-0.5 * r2);
}

// out (n1×n2, ld ldo)[i][j] = k(x1_i, x2_j); x1 n1×d, x2 n2×d row-major; invLs[c] = 1/ℓ_c; s = outputscale.
// Block 16×16, grid (ceil(n2/16), ceil(n1/16)).
extern "C" __global__ void sx_kernel_matrix(const double* x1, int n1, const double* x2, int n2, int d,
                                            const double* invLs, double s, int kind, double* out, int ldo)
{
    const int i = blockIdx.y * blockDim.y + threadIdx.y, j = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n1 || j >= n2) return;
    const double* a = x1 + (long long)i * d;
    const double* b = x2 + (long long)j * d;
    double r2 = 0.0;
    for (int c = 0; c < d; ++c) {
        const double t = (a[c] - b[c]) * invLs[c];
        r2 += t * t;
    }
    out[(long long)i * ldo + j] = sx_kval(kind, r2, s);
}

// a[i][i] += scalar + (diag == NULL ? 0 : diag[i]) for i < n. 1-D grid.
extern "C" __global__ void sx_add_diag(double* a, int n, int ld, const double* diag, double scalar)
{
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) a[(long long)i * ld + i] += scalar + (diag != 0 ? diag[i] : 0.0);
}

// ---------------------------------------------------------------------------------------------------------------
// MLL gradient terms
// ---------------------------------------------------------------------------------------------------------------
// With α = K⁻¹y and W = ααᵀ - K⁻¹, ∂ log p(y) / ∂θ = ½ Σ_ij W_ij ∂K_ij/∂θ. This kernel accumulates, over all pairs
// (using symmetry: lower triangle, off-diagonal pairs counted twice),
//   out[dim0 + c] += Σ_ij W_ij G(r_ij) ((x_i,c - x_j,c)/ℓ_c)²   for c < dimCount (<= SX_GRAD_DIMS)
//   out[d]        += Σ_ij W_ij k(r_ij)      (outputscale: ∂K/∂log s = k)          when withScaleNoise
//   out[d + 1]    += Σ_i  W_ii                (noise: ∂K/∂log σ² = σ² I)           when withScaleNoise
// The caller zeroes out (d + 2 doubles) and halves the sums. kinv n×n (ld ldk), only its lower triangle is read.
// Block (16, 16); grid any size: blocks stride over the lower-triangular 16×16 pair tiles, numbered row by row
// (tile t = ti·(ti+1)/2 + tj, tj <= ti), see TileMath.lowerTriangleTile.
extern "C" __global__ void __launch_bounds__(256) sx_mll_grad(const double* x, int n, int d, const double* invLs,
                                                              double s, int kind, const double* kinv, int ldk,
                                                              const double* alpha, int dim0, int dimCount,
                                                              int withScaleNoise, double* out)
{
    __shared__ double red[8][SX_GRAD_DIMS + 2];
    double acc[SX_GRAD_DIMS + 2];
#pragma unroll
    for (int q = 0; q < SX_GRAD_DIMS + 2; ++q) acc[q] = 0.0;
    const long long nt = (n + SX_GRAD_TILE - 1) / SX_GRAD_TILE;
    const long long tiles = nt * (nt + 1) / 2;
    for (long long t = blockIdx.x; t < tiles; t += gridDim.x) {
        long long ti = (long long)((sqrt(8.0 * (double)t + 1.0) - 1.0) * 0.5);
        while ((ti + 1) * (ti + 2) / 2 <= t) ++ti;
        while (ti * (ti + 1) / 2 > t) --ti;
        const long long tj = t - ti * (ti + 1) / 2;
        const int i = (int)(ti * SX_GRAD_TILE) + threadIdx.y, j = (int)(tj * SX_GRAD_TILE) + threadIdx.x;
        if (i < n && j <= i) {
            const double wij = alpha[i] * alpha[j] - kinv[(long long)i * ldk + j];
            const double w = (i == j) ? wij : 2.0 * wij;
            const double* a = x + (long long)i * d;
            const double* b = x + (long long)j * d;
            double r2 = 0.0;
            for (int c = 0; c < d; ++c) {
                const double u = (a[c] - b[c]) * invLs[c];
                r2 += u * u;
            }
            const double gw = w * sx_kgrad(kind, r2, s);
#pragma unroll
            for (int c = 0; c < SX_GRAD_DIMS; ++c) {
                if (c < dimCount) {
                    const double u = (a[dim0 + c] - b[dim0 + c]) * invLs[dim0 + c];
                    acc[c] += gw * u * u;
                }
            }
            if (withScaleNoise) {
                acc[SX_GRAD_DIMS] += w * sx_kval(kind, r2, s);
                if (i == j) acc[SX_GRAD_DIMS + 1] += w;
            }
        }
    }
    const int tid = threadIdx.y * blockDim.x + threadIdx.x, lane = tid & 31, warp = tid >> 5;
#pragma unroll
    for (int q = 0; q < SX_GRAD_DIMS + 2; ++q) {
        double v = acc[q];
        for (int off = 16; off > 0; off >>= 1) v += __shfl_down_sync(0xffffffffu, v, off);
        if (lane == 0) red[warp][q] = v;
    }
    __syncthreads();
    if (tid < SX_GRAD_DIMS + 2) {
        double v = 0.0;
        for (int w = 0; w < 8; ++w) v += red[w][tid];
        if (tid < SX_GRAD_DIMS) {
            if (tid < dimCount) atomicAdd(out + dim0 + tid, v);
        } else if (withScaleNoise) {
            atomicAdd(out + d + (tid - SX_GRAD_DIMS), v);
        }
    }
}
