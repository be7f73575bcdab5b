// A small CPU emulation of the CUDA execution model, enough to run sextant_linalg.cu's kernels on a machine
// without a GPU: blocks run one after another, the threads of a block run as std::threads, __syncthreads is a
// std::barrier over the block, warp shuffles and the FP64 MMA (m8n8k4) are exchanges through per-warp scratch with a
// per-warp barrier. __shared__ variables become function statics (one block at a time, so that is per-block state).
// Semantics follow the CUDA programming guide and the PTX ISA fragment layouts; timing is not modelled at all.
#pragma once
#include <barrier>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx;
inline thread_local dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(...)

namespace sxemu {
inline std::unique_ptr<std::barrier<>> block_barrier;
inline std::vector<std::unique_ptr<std::barrier<>>> warp_barriers;
inline std::vector<double> dynamic_shared;
inline std::vector<double> xa, xb;   // per-warp exchange, 32 slots per warp
inline std::mutex atomic_mutex;

inline int tid() { return (int)(threadIdx.y * blockDim.x + threadIdx.x); }
inline void warp_sync() { warp_barriers[tid() >> 5]->arrive_and_wait(); }
}  // namespace sxemu

template <class T> T* sx_emu_dynamic_shared() { return reinterpret_cast<T*>(sxemu::dynamic_shared.data()); }

inline void __syncthreads() { sxemu::block_barrier->arrive_and_wait(); }

inline double __shfl_down_sync(unsigned, double v, int off) {
    int t = sxemu::tid(), lane = t & 31, base = t & ~31;
    sxemu::xa[t] = v;
    sxemu::warp_sync();
    double r = lane + off < 32 ? sxemu::xa[base + lane + off] : v;
    sxemu::warp_sync();
    return r;
}

inline double atomicAdd(double* p, double v) {
    std::lock_guard<std::mutex> g(sxemu::atomic_mutex);
    double old = *p;
    *p = old + v;
    return old;
}

// mma.sync.aligned.m8n8k4.row.col.f64: A 8×4 lane (lane/4, lane%4); B 4×8 lane (lane%4, lane/4);
// D 8×8 lane (lane/4, 2·(lane%4) + {0, 1}).
inline void sx_dmma(double& d0, double& d1, double a, double b) {
    int t = sxemu::tid(), lane = t & 31, base = t & ~31;
    sxemu::xa[t] = a;
    sxemu::xb[t] = b;
    sxemu::warp_sync();
    int g = lane >> 2, t4 = lane & 3;
    for (int h = 0; h < 2; ++h) {
        int col = 2 * t4 + h;
        double s = 0;
        for (int k = 0; k < 4; ++k) s += sxemu::xa[base + g * 4 + k] * sxemu::xb[base + col * 4 + k];
        (h == 0 ? d0 : d1) += s;
    }
    sxemu::warp_sync();
}

// Launches kernel(args...) over grid × block with `shared_bytes` of dynamic shared memory; returns when done.
template <class... P, class... A>
void sx_emu_launch(void (*kernel)(P...), dim3 grid, dim3 block, size_t shared_bytes, A... args) {
    int nthreads = (int)(block.x * block.y * block.z);
    if (nthreads % 32 != 0) { std::fprintf(stderr, "emulator needs whole warps\n"); std::abort(); }
    gridDim = grid;
    blockDim = block;
    sxemu::dynamic_shared.assign(shared_bytes / sizeof(double) + 1, 0.0);
    sxemu::xa.assign(nthreads, 0.0);
    sxemu::xb.assign(nthreads, 0.0);
    for (unsigned by = 0; by < grid.y; ++by)
        for (unsigned bx = 0; bx < grid.x; ++bx) {
            sxemu::block_barrier = std::make_unique<std::barrier<>>(nthreads);
            sxemu::warp_barriers.clear();
            for (int w = 0; w < nthreads / 32; ++w) sxemu::warp_barriers.push_back(std::make_unique<std::barrier<>>(32));
            std::vector<std::thread> threads;
            threads.reserve(nthreads);
            for (unsigned ty = 0; ty < block.y; ++ty)
                for (unsigned tx = 0; tx < block.x; ++tx)
                    threads.emplace_back([=] {
                        threadIdx = dim3{tx, ty, 0};
                        blockIdx = dim3{bx, by, 0};
                        kernel(args...);
                    });
            for (auto& th : threads) th.join();
        }
}
