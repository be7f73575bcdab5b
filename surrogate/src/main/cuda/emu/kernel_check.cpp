// Checks every kernel of sextant_linalg.cu against plain reference loops, on the CPU, through cuda_emu.h.
// Build and run (as build-ptx.sh --check does), once with the plain-FP64 GEMM path and once with the MMA path:
//   g++ -std=c++20 -O1 -pthread -DSX_HOST_EMULATION [-DSX_EMU_MMA] -I.. kernel_check.cpp -o kernel_check && ./kernel_check
// This validates indexing, tiling, fragment layouts, bounds and failure reporting; it says nothing about speed.
#define SX_HOST_EMULATION 1
#include "../sextant_linalg.cu"

#include <algorithm>
#include <cstring>
#include <random>

static int failures = 0;
static const char* only = nullptr;   // argv[1]: run only the groups whose name contains it
static bool group(const char* name) { return only == nullptr || std::strstr(name, only) != nullptr; }
static std::mt19937_64 rng(12345);

static double gauss() { static std::normal_distribution<double> d; return d(rng); }

static void expect(bool ok, const char* what, double err) {
    std::printf("%s %-60s err %.3e\n", ok ? "ok  " : "FAIL", what, err);
    if (!ok) ++failures;
}

static std::vector<double> spd(int n) {
    std::vector<double> g(n * n), a(n * n);
    for (auto& v : g) v = gauss();
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double s = 0;
            for (int q = 0; q < n; ++q) s += g[i * n + q] * g[j * n + q];
            a[i * n + j] = s / n + (i == j ? 0.5 : 0.0);
        }
    return a;
}

static std::vector<double> refChol(const std::vector<double>& a, int n) {
    std::vector<double> l(n * n, 0.0);
    for (int j = 0; j < n; ++j) {
        double d = a[j * n + j];
        for (int c = 0; c < j; ++c) d -= l[j * n + c] * l[j * n + c];
        l[j * n + j] = std::sqrt(d);
        for (int i = j + 1; i < n; ++i) {
            double v = a[i * n + j];
            for (int c = 0; c < j; ++c) v -= l[i * n + c] * l[j * n + c];
            l[i * n + j] = v / l[j * n + j];
        }
    }
    return l;
}

static double maxDiff(const double* x, const double* y, size_t len) {
    double m = 0;
    for (size_t i = 0; i < len; ++i) m = std::max(m, std::fabs(x[i] - y[i]));
    return m;
}

// mirror of BlockedAlgorithms (Java) over the kernels, for an end-to-end check
static const int NB = SX_NB;
static int split(int n) { return std::max(NB, ((n / 2) / NB) * NB); }
static void gemm(int m, int p, int k, double alpha, const double* A, int lda, const double* B, int ldb, int tb,
                 double beta, double* C, int ldc, int lower) {
    sx_emu_launch(sx_gemm, dim3{(unsigned)((p + 63) / 64), (unsigned)((m + 63) / 64), 1}, dim3{128, 1, 1}, 0,
                  m, p, k, alpha, A, lda, B, ldb, tb, beta, C, ldc, lower);
}
static void trsm(double* b, int m, int k, int ldb, const double* l, int ldl, int trans) {
    if (k <= NB) {
        sx_emu_launch(sx_trsm_tile, dim3{(unsigned)((m + 15) / 16), 1, 1}, dim3{64, 4, 1}, 0, b, m, k, ldb, l, ldl, trans);
        return;
    }
    int k1 = split(k), k2 = k - k1;
    if (trans) {
        trsm(b, m, k1, ldb, l, ldl, 1);
        gemm(m, k2, k1, -1.0, b, ldb, l + (long long)k1 * ldl, ldl, 1, 1.0, b + k1, ldb, 0);
        trsm(b + k1, m, k2, ldb, l + (long long)k1 * ldl + k1, ldl, 1);
    } else {
        trsm(b + k1, m, k2, ldb, l + (long long)k1 * ldl + k1, ldl, 0);
        gemm(m, k1, k2, -1.0, b + k1, ldb, l + (long long)k1 * ldl, ldl, 0, 1.0, b, ldb, 0);
        trsm(b, m, k1, ldb, l, ldl, 0);
    }
}
static void chol(double* a, int n, int ld, int* info, int off) {
    if (n <= NB) {
        sx_emu_launch(sx_potrf_tile, dim3{1, 1, 1}, dim3{256, 1, 1}, (size_t)n * (n + 2) * 8, a, n, ld, 0LL, info, off);
        return;
    }
    int n1 = split(n), n2 = n - n1;
    chol(a, n1, ld, info, off);
    trsm(a + (long long)n1 * ld, n2, n1, ld, a, ld, 1);
    gemm(n2, n2, n1, -1.0, a + (long long)n1 * ld, ld, a + (long long)n1 * ld, ld, 1, 1.0, a + (long long)n1 * ld + n1, ld, 1);
    chol(a + (long long)n1 * ld + n1, n2, ld, info, off + n1);
}

int main(int argc, char** argv) {
    if (argc > 1) only = argv[1];
    // 1. batched tile Cholesky with a non-PD member (64 threads per block for small n, as the Java side launches)
    if (group("potrf")) for (int n : {1, 5, 16, 37, 64, 77}) {
        int batch = 4;
        std::vector<double> a(batch * n * n), ref;
        for (int b = 0; b < batch; ++b) { auto s = spd(n); std::copy(s.begin(), s.end(), a.begin() + b * n * n); }
        if (n > 1) a[2 * n * n + (n - 1) * n + (n - 1)] = -1.0;    // matrix 2: last pivot negative
        std::vector<double> orig = a;
        std::vector<int> info(batch, 0);
        sx_emu_launch(sx_potrf_tile, dim3{(unsigned)batch, 1, 1}, dim3{n <= 16 ? 64u : 256u, 1, 1}, (size_t)n * (n + 2) * 8,
                      a.data(), n, n, (long long)n * n, info.data(), 0);
        double err = 0;
        bool flags = true;
        for (int b = 0; b < batch; ++b) {
            std::vector<double> m(orig.begin() + b * n * n, orig.begin() + (b + 1) * n * n);
            if (b == 2 && n > 1) { flags &= info[b] == n; continue; }
            flags &= info[b] == 0;
            auto l = refChol(m, n);
            err = std::max(err, maxDiff(l.data(), a.data() + b * n * n, n * n));
        }
        char what[80];
        std::snprintf(what, sizeof what, "sx_potrf_tile batch n=%d (flags, values, zero upper)", n);
        expect(flags && err < 1e-12, what, err);
    }
    // 2. tile triangular solves, both forms, with ld > k
    if (group("trsm")) for (int trans : {1, 0}) {
        int m = 37, k = 50, ldb = 61, ldl = 55;
        auto l0 = refChol(spd(k), k);
        std::vector<double> l(k * ldl, NAN), x(m * ldb, 7.0), b(m * ldb, 7.0);
        for (int i = 0; i < k; ++i) for (int j = 0; j <= i; ++j) l[i * ldl + j] = l0[i * k + j];
        for (int r = 0; r < m; ++r) for (int j = 0; j < k; ++j) x[r * ldb + j] = gauss();
        for (int r = 0; r < m; ++r)
            for (int j = 0; j < k; ++j) {
                double s = 0;
                for (int c = 0; c < k; ++c) s += x[r * ldb + c] * (trans ? l0[j * k + c] : l0[c * k + j]);
                b[r * ldb + j] = s;
            }
        sx_emu_launch(sx_trsm_tile, dim3{(unsigned)((m + 15) / 16), 1, 1}, dim3{64, 4, 1}, 0, b.data(), m, k, ldb,
                      (const double*)l.data(), ldl, trans);
        double err = maxDiff(b.data(), x.data(), b.size());
        expect(err < 1e-10, trans ? "sx_trsm_tile X·Lᵀ=B (upper triangle NaN, ld > k)" : "sx_trsm_tile X·L=B", err);
    }
    // 3. GEMM: both B layouts, beta 0 (C NaN) and 1, lowerOnly
    if (group("gemm")) for (int tb : {1, 0})
        for (double beta : {0.0, 1.0}) {
            int m = 70, p = 45, k = 37, lda = 40, ldb = tb ? 39 : 47, ldc = 50;
            std::vector<double> A(m * lda), B((tb ? p : k) * ldb), C(m * ldc), R;
            for (auto& v : A) v = gauss();
            for (auto& v : B) v = gauss();
            for (auto& v : C) v = beta == 0 ? NAN : gauss();
            R = C;
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < p; ++j) {
                    double s = 0;
                    for (int q = 0; q < k; ++q) s += A[i * lda + q] * (tb ? B[j * ldb + q] : B[q * ldb + j]);
                    R[i * ldc + j] = -1.5 * s + (beta != 0 ? beta * C[i * ldc + j] : 0.0);
                }
            gemm(m, p, k, -1.5, A.data(), lda, B.data(), ldb, tb, beta, C.data(), ldc, 0);
            double err = 0;
            bool untouched = true;
            for (int i = 0; i < m; ++i) {
                err = std::max(err, maxDiff(&C[i * ldc], &R[i * ldc], p));
                for (int j = p; j < ldc; ++j) untouched &= (std::isnan(C[i * ldc + j]) && std::isnan(R[i * ldc + j])) || C[i * ldc + j] == R[i * ldc + j];
            }
            char what[80];
            std::snprintf(what, sizeof what, "sx_gemm transB=%d beta=%g (odd sizes, padding untouched)", tb, beta);
            expect(err < 1e-12 && untouched, what, err);
        }
    if (group("gemm")) {
        int n = 130, k = 20;
        std::vector<double> A(n * k), C(n * n), R;
        for (auto& v : A) v = gauss();
        for (auto& v : C) v = gauss();
        R = C;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j <= i; ++j) {
                double s = 0;
                for (int q = 0; q < k; ++q) s += A[i * k + q] * A[j * k + q];
                R[i * n + j] -= s;
            }
        gemm(n, n, k, -1.0, A.data(), k, A.data(), k, 1, 1.0, C.data(), n, 1);
        expect(maxDiff(C.data(), R.data(), C.size()) < 1e-12, "sx_gemm lowerOnly (SYRK), upper triangle untouched",
               maxDiff(C.data(), R.data(), C.size()));
    }
    // 4. blocked Cholesky end to end (C++ mirror of BlockedAlgorithms) and non-PD column
    if (group("blocked")) for (int n : {150, 200, 300}) {   // 300: splits at 128, so the solves recurse too
        int ld = n + 3;
        auto a0 = spd(n);
        std::vector<double> a(n * ld, 0.0);
        for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) a[i * ld + j] = a0[i * n + j];
        int info = 0;
        chol(a.data(), n, ld, &info, 0);
        auto l = refChol(a0, n);
        double err = 0;
        for (int i = 0; i < n; ++i) err = std::max(err, maxDiff(&a[i * ld], &l[i * n], i + 1));
        char what[80];
        std::snprintf(what, sizeof what, "blocked Cholesky n=%d ld=%d", n, ld);
        expect(info == 0 && err < 1e-11, what, err);
        a0[(n - 10) * n + (n - 10)] = -3.0;
        for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) a[i * ld + j] = a0[i * n + j];
        info = 0;
        chol(a.data(), n, ld, &info, 0);
        std::snprintf(what, sizeof what, "blocked Cholesky n=%d non-PD: info %d (want %d)", n, info, n - 10 + 1);
        expect(info == n - 10 + 1, what, 0.0);
    }
    // 5. kernel matrix, diagonal, logdet, identity, transpose, zero upper
    if (group("misc")) {
        int n1 = 33, n2 = 21, d = 5;
        std::vector<double> x1(n1 * d), x2(n2 * d), inv(d), out(n1 * n2);
        for (auto& v : x1) v = gauss();
        for (auto& v : x2) v = gauss();
        for (int c = 0; c < d; ++c) inv[c] = 1.0 / (0.5 + 0.3 * c);
        for (int kind = 0; kind < 3; ++kind) {
            sx_emu_launch(sx_kernel_matrix, dim3{2, 3, 1}, dim3{16, 16, 1}, 0, (const double*)x1.data(), n1,
                          (const double*)x2.data(), n2, d, (const double*)inv.data(), 1.7, kind, out.data(), n2);
            double err = 0;
            for (int i = 0; i < n1; ++i)
                for (int j = 0; j < n2; ++j) {
                    double r2 = 0;
                    for (int c = 0; c < d; ++c) { double t = (x1[i * d + c] - x2[j * d + c]) * inv[c]; r2 += t * t; }
                    double r = std::sqrt(r2), e;
                    if (kind == 0) e = 1.7 * (1 + std::sqrt(5.0) * r + 5.0 / 3.0 * r2) * std::exp(-std::sqrt(5.0) * r);
                    else if (kind == 1) e = 1.7 * (1 + std::sqrt(3.0) * r) * std::exp(-std::sqrt(3.0) * r);
                    else e = 1.7 * std::exp(-0.5 * r2);
                    err = std::max(err, std::fabs(e - out[i * n2 + j]));
                }
            char what[80];
            std::snprintf(what, sizeof what, "sx_kernel_matrix kind=%d", kind);
            expect(err < 1e-14, what, err);
        }
        int n = 70;
        auto l = refChol(spd(n), n);
        double ref = 0, got = 0;
        for (int i = 0; i < n; ++i) ref += 2 * std::log(l[i * n + i]);
        sx_emu_launch(sx_logdet, dim3{1, 1, 1}, dim3{256, 1, 1}, 0, (const double*)l.data(), n, n, &got);
        expect(std::fabs(ref - got) < 1e-12, "sx_logdet", std::fabs(ref - got));
        std::vector<double> m(n * n, 5.0), diag(n);
        for (int i = 0; i < n; ++i) diag[i] = i;
        sx_emu_launch(sx_add_diag, dim3{1, 1, 1}, dim3{256, 1, 1}, 0, m.data(), n, n, (const double*)diag.data(), 0.25);
        bool okDiag = true;
        for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) okDiag &= m[i * n + j] == (i == j ? 5.25 + i : 5.0);
        sx_emu_launch(sx_add_diag, dim3{1, 1, 1}, dim3{256, 1, 1}, 0, m.data(), n, n, (const double*)nullptr, 1.0);
        okDiag &= m[3 * n + 3] == 9.25;
        expect(okDiag, "sx_add_diag (vector + scalar, NULL vector)", 0);
        sx_emu_launch(sx_set_identity, dim3{5, 5, 1}, dim3{16, 16, 1}, 0, m.data(), n, n);
        bool okId = true;
        for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) okId &= m[i * n + j] == (i == j ? 1.0 : 0.0);
        expect(okId, "sx_set_identity", 0);
        int rows = 40, cols = 70;
        std::vector<double> in(rows * cols), t(rows * cols);
        for (auto& v : in) v = gauss();
        sx_emu_launch(sx_transpose, dim3{3, 2, 1}, dim3{32, 8, 1}, 0, (const double*)in.data(), rows, cols, t.data());
        bool okT = true;
        for (int i = 0; i < rows; ++i) for (int j = 0; j < cols; ++j) okT &= t[j * rows + i] == in[i * cols + j];
        expect(okT, "sx_transpose 40×70", 0);
        std::vector<double> u(n * n, 1.0);
        sx_emu_launch(sx_zero_upper, dim3{5, 5, 1}, dim3{16, 16, 1}, 0, u.data(), n, n);
        bool okU = true;
        for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) okU &= u[i * n + j] == (j > i ? 0.0 : 1.0);
        expect(okU, "sx_zero_upper", 0);
    }
    // 6. MLL gradient sums, d = 11 (two launches of 8 + 3 dims)
    if (group("grad")) for (int kind = 0; kind < 3; ++kind) {
        int n = 37, d = 11;
        double s = 0.8;
        std::vector<double> x(n * d), inv(d), kinv(n * n), alpha(n), out(d + 2, 0.0);
        for (auto& v : x) v = gauss();
        for (int c = 0; c < d; ++c) inv[c] = 1.0 / (0.7 + 0.1 * c);
        for (auto& v : alpha) v = gauss();
        for (int i = 0; i < n; ++i) for (int j = 0; j <= i; ++j) kinv[i * n + j] = kinv[j * n + i] = gauss();
        for (int dim0 = 0; dim0 < d; dim0 += 8)
            sx_emu_launch(sx_mll_grad, dim3{2, 1, 1}, dim3{16, 16, 1}, 0, (const double*)x.data(), n, d,
                          (const double*)inv.data(), s, kind, (const double*)kinv.data(), n, (const double*)alpha.data(),
                          dim0, std::min(8, d - dim0), dim0 == 0 ? 1 : 0, out.data());
        std::vector<double> ref(d + 2, 0.0);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                double w = alpha[i] * alpha[j] - kinv[i * n + j];
                double r2 = 0;
                for (int c = 0; c < d; ++c) { double t = (x[i * d + c] - x[j * d + c]) * inv[c]; r2 += t * t; }
                double r = std::sqrt(r2), kv, g;
                if (kind == 0) { kv = s * (1 + std::sqrt(5.0) * r + 5.0 / 3.0 * r2) * std::exp(-std::sqrt(5.0) * r);
                                 g = 5.0 / 3.0 * s * (1 + std::sqrt(5.0) * r) * std::exp(-std::sqrt(5.0) * r); }
                else if (kind == 1) { kv = s * (1 + std::sqrt(3.0) * r) * std::exp(-std::sqrt(3.0) * r);
                                      g = 3.0 * s * std::exp(-std::sqrt(3.0) * r); }
                else { kv = s * std::exp(-0.5 * r2); g = kv; }
                for (int c = 0; c < d; ++c) { double t = (x[i * d + c] - x[j * d + c]) * inv[c]; ref[c] += w * g * t * t; }
                ref[d] += w * kv;
                if (i == j) ref[d + 1] += w;
            }
        double err = maxDiff(out.data(), ref.data(), d + 2);
        char what[80];
        std::snprintf(what, sizeof what, "sx_mll_grad kind=%d d=11 (lengthscales, outputscale, diag)", kind);
        expect(err < 1e-10, what, err);
    }
    std::printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
