// The CPU kernels, compiled three times in this one file: for baseline x86-64 (SSE2), and under
// "#pragma GCC target" for AVX2 and AVX-512. Each copy lives in its own internal namespace, so no function
// compiled for a newer instruction set can be shared with (and crash) an older processor's path; library
// templates (std::vector, ...) are defined outside the pragma regions and stay baseline code. The first call
// picks the widest copy the processor and OS support (__builtin_cpu_supports); select_cpu_isa() overrides it.
// Element-wise float results are identical across the copies (no fused multiply-add anywhere); only the order
// of the double parameter-gradient sums differs.
#include "cpu_kernels.h"

#include "../common/kernel_backend.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <immintrin.h>  // AVX-512 intrinsics of poisson_kernels.inc (used only in the avx512 copy)

namespace mh {
namespace {

namespace isa_sse2 {
#define MH_VECTOR_BYTES 16
#include "../common/soma_math.inc"
#include "poisson_kernels.inc"
#include "soma_kernels.inc"
#include "stdp_kernels.inc"
#include "conv_kernels.inc"
#include "scan_kernels.inc"
#include "conv_soma_kernels.inc"
#include "spike_matmul_kernels.inc"
#include "sparse_rows_kernels.inc"
#undef MH_VECTOR_BYTES
}  // namespace isa_sse2

#pragma GCC push_options
#pragma GCC target("avx2")
namespace isa_avx2 {
#define MH_VECTOR_BYTES 32
#include "../common/soma_math.inc"
#include "poisson_kernels.inc"
#include "soma_kernels.inc"
#include "stdp_kernels.inc"
#include "conv_kernels.inc"
#include "scan_kernels.inc"
#include "conv_soma_kernels.inc"
#include "spike_matmul_kernels.inc"
#include "sparse_rows_kernels.inc"
#undef MH_VECTOR_BYTES
}  // namespace isa_avx2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512vl,avx512dq,avx512bw,prefer-vector-width=512")
namespace isa_avx512 {
#define MH_VECTOR_BYTES 64
#include "../common/soma_math.inc"
#include "poisson_kernels.inc"
#include "soma_kernels.inc"
#include "stdp_kernels.inc"
#include "conv_kernels.inc"
#include "scan_kernels.inc"
#include "conv_soma_kernels.inc"
#include "spike_matmul_kernels.inc"
#include "sparse_rows_kernels.inc"
#undef MH_VECTOR_BYTES
}  // namespace isa_avx512
#pragma GCC pop_options

// One instruction set's entry points.
struct Isa {
    const char* name;
    bool (*forward)(const SomaConfig&, const float*, const float*, int64_t, int64_t, float*, float*, float*,
                    SpikeLists*);
    void (*backward)(const SomaConfig&, const float*, const float*, const float*, const float*, const float*, int64_t,
                     int64_t, float*, float*, double*);
    void (*stdp)(const float*, const float*, int64_t, int64_t, int64_t, int64_t, double, double, double, double,
                 const double*, const double*, double*);
    void (*conv_scatter)(const float*, int, int, const float*, int, const int*, int, int, int, float*);
    void (*spike_forward)(const float*, int, int, const float*, const float*, int, const int*, int, int, int, float*);
    void (*spike_weight_gradient)(const float*, int, int, const float*, int, const int*, int, int, int, int, float*);
    int64_t (*count_non_zeros)(const float*, int64_t);
    bool (*all_finite)(const float*, int64_t);
    void (*channel_sums)(const float*, int, int, int, double*);
    // the event-driven product of spike inputs (spike_matmul_kernels.inc)
    void (*spike_matmul_forward)(const int*, const int*, int, const float*, int, float*);
    void (*spike_matmul_weight_gradient)(const int*, const int*, int, int, const float*, int, int, float*);
    // the event-driven convolution of an input given as its ones (conv_kernels.inc)
    void (*spike_forward_lists)(const int*, const int*, int, int, const float*, const float*, int, const int*, int,
                                int, int, float*);
    void (*spike_weight_gradient_lists)(const int*, const int*, int, int, const float*, int, const int*, int, int,
                                        int, int, float*);
};

const Isa ISAS[] = {
    {"sse2", isa_sse2::soma_forward, isa_sse2::soma_backward, isa_sse2::stdp_delta_weight,
     isa_sse2::conv_scatter_transpose, isa_sse2::conv_spike_forward, isa_sse2::conv_spike_weight_gradient,
     isa_sse2::count_non_zeros, isa_sse2::all_finite, isa_sse2::channel_sums,
     isa_sse2::spike_matmul_forward, isa_sse2::spike_matmul_weight_gradient,
     isa_sse2::conv_spike_forward_lists, isa_sse2::conv_spike_weight_gradient_lists},
    {"avx2", isa_avx2::soma_forward, isa_avx2::soma_backward, isa_avx2::stdp_delta_weight,
     isa_avx2::conv_scatter_transpose, isa_avx2::conv_spike_forward, isa_avx2::conv_spike_weight_gradient,
     isa_avx2::count_non_zeros, isa_avx2::all_finite, isa_avx2::channel_sums,
     isa_avx2::spike_matmul_forward, isa_avx2::spike_matmul_weight_gradient,
     isa_avx2::conv_spike_forward_lists, isa_avx2::conv_spike_weight_gradient_lists},
    {"avx512", isa_avx512::soma_forward, isa_avx512::soma_backward, isa_avx512::stdp_delta_weight,
     isa_avx512::conv_scatter_transpose, isa_avx512::conv_spike_forward, isa_avx512::conv_spike_weight_gradient,
     isa_avx512::count_non_zeros, isa_avx512::all_finite, isa_avx512::channel_sums,
     isa_avx512::spike_matmul_forward, isa_avx512::spike_matmul_weight_gradient,
     isa_avx512::conv_spike_forward_lists, isa_avx512::conv_spike_weight_gradient_lists},
};

// The Poisson-encoder step of each instruction set, indexed like ISAS (a table of its own).
using PoissonFill = int (*)(const int32_t*, const int32_t*, const int32_t*, int, uint64_t, int32_t*, int32_t*);
const PoissonFill POISSON_FILL[] = {isa_sse2::poisson_fill, isa_avx2::poisson_fill, isa_avx512::poisson_fill};

// The dense-to-sparse compression of each instruction set, indexed like ISAS.
struct SparseRowsPasses {
    bool (*count)(const float*, int, int, int32_t*);
    void (*fill)(const float*, int, int, const int32_t*, int32_t*, float*);
};
const SparseRowsPasses SPARSE_ROWS[] = {{isa_sse2::sparse_rows_count, isa_sse2::sparse_rows_fill},
                                        {isa_avx2::sparse_rows_count, isa_avx2::sparse_rows_fill},
                                        {isa_avx512::sparse_rows_count, isa_avx512::sparse_rows_fill}};

bool supported(int index) {
    __builtin_cpu_init();
    switch (index) {
        case 0:
            return true;
        case 1:
            return __builtin_cpu_supports("avx2");
        default:
            return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                   __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw");
    }
}

int best() {
    for (int i = 2; i > 0; i--) {
        if (supported(i)) {
            return i;
        }
    }
    return 0;
}

std::atomic<int> g_isa{-1};

int isa_index() {
    int i = g_isa.load();
    if (i < 0) {
        i = best();
        g_isa.store(i);
    }
    return i;
}

const Isa& isa() { return ISAS[isa_index()]; }

// The fused convolution and soma forward of each instruction set, indexed like ISAS (conv_soma_kernels.inc).
using ConvSomaForward = bool (*)(const SomaConfig&, const int*, const int*, int, const float*, const float*, int,
                                 const int*, int, int, int, int64_t, int64_t, const float*, float*, float*,
                                 SpikeLists*);
const ConvSomaForward CONV_SOMA_FORWARD[] = {isa_sse2::conv_soma_forward, isa_avx2::conv_soma_forward,
                                             isa_avx512::conv_soma_forward};
using ConvSomaBackward = void (*)(const SomaConfig&, const float*, const float*, const float*, const float*, int64_t,
                                  int64_t, const int*, const int*, int, int, const int*, int, int, int, float*, float*,
                                  double*);
const ConvSomaBackward CONV_SOMA_BACKWARD[] = {isa_sse2::conv_soma_backward, isa_avx2::conv_soma_backward,
                                               isa_avx512::conv_soma_backward};

// The listed spikes of a forward in ascending order into ones: the lists' entries of step t, list after list (each
// list holds ascending indices of its own neurons, and the lists cover ascending ranges). Returns false, with ones
// empty, when the input was not finite or more than max_ones spikes were found.
bool gather_lists(const SpikeLists& lists, bool non_finite, int64_t steps, int64_t max_ones,
                  std::vector<int32_t>& ones) {
    ones.clear();
    const int64_t found = lists.found.load();
    if (non_finite || found > max_ones) {
        return false;
    }
    ones.reserve(static_cast<size_t>(found));
    for (int64_t t = 0; t < steps; t++) {
        for (size_t b = 0; b < lists.blocks.size(); b++) {
            const std::vector<int32_t>& entries = lists.blocks[b];
            const int32_t from = t > 0 ? lists.step_ends[b][static_cast<size_t>(t) - 1] : 0;
            const int32_t to = lists.step_ends[b][static_cast<size_t>(t)];
            ones.insert(ones.end(), entries.begin() + from, entries.begin() + to);
        }
    }
    return true;
}

}  // namespace

bool soma_forward_cpu(const SomaConfig& c, const float* x, const float* h0, int64_t steps, int64_t neurons,
                      float* spikes, float* u, float* h_last) {
    return isa().forward(c, x, h0, steps, neurons, spikes, u, h_last, nullptr);
}

void spikes_from_potentials_cpu(const float* u, int64_t n, float u_threshold, float* spikes) {
#pragma omp parallel for schedule(static) if (n >= (1 << 16))
    for (int64_t i = 0; i < n; i++) {
        spikes[i] = u[i] >= u_threshold ? 1.0f : 0.0f;
    }
}

std::pair<bool, bool> soma_forward_listing_cpu(const SomaConfig& c, const float* x, const float* h0, int64_t steps,
                                               int64_t neurons, float* spikes, float* u, float* h_last,
                                               int64_t max_ones, std::vector<int32_t>& ones) {
    SpikeLists lists;
    lists.cap = max_ones;
    const bool non_finite = isa().forward(c, x, h0, steps, neurons, spikes, u, h_last, &lists);
    return {non_finite, gather_lists(lists, non_finite, steps, max_ones, ones)};
}

std::pair<bool, bool> conv_soma_forward_listing_cpu(const SomaConfig& c, const int* row_start, const int* columns,
                                                    int channels, const float* w, const float* bias, int c_out,
                                                    const int* taps, int k, int in_plane, int out_plane,
                                                    int64_t steps, int64_t batch, const float* h0, float* u,
                                                    float* h_last, int64_t max_ones, std::vector<int32_t>& ones) {
    SpikeLists lists;
    lists.cap = max_ones;
    const bool non_finite = CONV_SOMA_FORWARD[isa_index()](c, row_start, columns, channels, w, bias, c_out, taps, k,
                                                           in_plane, out_plane, steps, batch, h0, u, h_last, &lists);
    return {non_finite, gather_lists(lists, non_finite, steps, max_ones, ones)};
}

void conv_soma_backward_cpu(const SomaConfig& c, const float* h0, const float* u, const float* grad_spikes,
                            const float* grad_h_last, int64_t steps, int64_t batch, const int* row_start,
                            const int* columns, int channels, int c_out, const int* taps, int k, int in_plane,
                            int out_plane, float* grad_h0, float* dw, double* db) {
    CONV_SOMA_BACKWARD[isa_index()](c, h0, u, grad_spikes, grad_h_last, steps, batch, row_start, columns, channels,
                                    c_out, taps, k, in_plane, out_plane, grad_h0, dw, db);
}

void soma_backward_cpu(const SomaConfig& c, const float* x, const float* h0, const float* u,
                       const float* grad_spikes, const float* grad_h_last, int64_t steps, int64_t neurons,
                       float* grad_x, float* grad_h0, double* param_grads) {
    isa().backward(c, x, h0, u, grad_spikes, grad_h_last, steps, neurons, grad_x, grad_h0, param_grads);
}

void stdp_delta_weight_cpu(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in,
                           int64_t out, double a_pos, double tau_pos, double a_neg, double tau_neg,
                           const double* pre_carry, const double* post_carry, double* dw) {
    isa().stdp(input, output, steps, batch, in, out, a_pos, tau_pos, a_neg, tau_neg, pre_carry, post_carry, dw);
}

void conv_scatter_transpose_cpu(const float* dy, int n, int c_out, const float* w, int c_in, const int* taps, int k,
                                int in_plane, int out_plane, float* dx) {
    isa().conv_scatter(dy, n, c_out, w, c_in, taps, k, in_plane, out_plane, dx);
}

void conv_spike_forward_cpu(const float* x, int n, int channels, const float* w, const float* bias, int c_out,
                            const int* taps, int k, int in_plane, int out_plane, float* y) {
    isa().spike_forward(x, n, channels, w, bias, c_out, taps, k, in_plane, out_plane, y);
}

void conv_spike_weight_gradient_cpu(const float* x, int n, int channels, const float* dy, int c_out, const int* taps,
                                    int k, int in_plane, int out_plane, int tasks, float* dw) {
    isa().spike_weight_gradient(x, n, channels, dy, c_out, taps, k, in_plane, out_plane, tasks, dw);
}

void conv_spike_forward_lists_cpu(const int* row_start, const int* columns, int n, int channels, const float* w,
                                  const float* bias, int c_out, const int* taps, int k, int in_plane, int out_plane,
                                  float* y) {
    isa().spike_forward_lists(row_start, columns, n, channels, w, bias, c_out, taps, k, in_plane, out_plane, y);
}

void conv_spike_weight_gradient_lists_cpu(const int* row_start, const int* columns, int n, int channels,
                                          const float* dy, int c_out, const int* taps, int k, int in_plane,
                                          int out_plane, int tasks, float* dw) {
    isa().spike_weight_gradient_lists(row_start, columns, n, channels, dy, c_out, taps, k, in_plane, out_plane, tasks,
                                      dw);
}

int64_t count_non_zeros_cpu(const float* x, int64_t n) { return isa().count_non_zeros(x, n); }

bool all_finite_cpu(const float* x, int64_t n) { return isa().all_finite(x, n); }

void channel_sums_cpu(const float* g, int n, int channels, int plane, double* sums) {
    isa().channel_sums(g, n, channels, plane, sums);
}

int poisson_fill_cpu(const int32_t* column, const int32_t* threshold, const int32_t* row_end, int rows,
                     uint64_t state, int32_t* out, int32_t* ends) {
    return POISSON_FILL[&isa() - ISAS](column, threshold, row_end, rows, state, out, ends);
}

bool sparse_rows_count_cpu(const float* x, int rows, int cols, int32_t* row_start) {
    return SPARSE_ROWS[&isa() - ISAS].count(x, rows, cols, row_start);
}

void sparse_rows_fill_cpu(const float* x, int rows, int cols, const int32_t* row_start, int32_t* columns,
                          float* values) {
    SPARSE_ROWS[&isa() - ISAS].fill(x, rows, cols, row_start, columns, values);
}

void spike_matmul_forward_cpu(const int* row_start, const int* columns, int rows, const float* wt, int out,
                              float* y) {
    isa().spike_matmul_forward(row_start, columns, rows, wt, out, y);
}

void spike_matmul_weight_gradient_cpu(const int* row_start, const int* columns, int rows, int in, const float* g,
                                      int out, int blocks, float* dwt) {
    isa().spike_matmul_weight_gradient(row_start, columns, rows, in, g, out, blocks, dwt);
}

const char* cpu_isa() { return isa().name; }

bool select_cpu_isa(const std::string& name) {
    for (int i = 0; i < 3; i++) {
        if (name == ISAS[i].name) {
            if (!supported(i)) {
                return false;
            }
            g_isa.store(i);
            return true;
        }
    }
    return false;
}

int cpu_threads() { return omp_get_max_threads(); }

void parallel_copy(const float* src, float* dst, int64_t n) {
    const int64_t chunk = 1 << 20;
    const int64_t chunks = (n + chunk - 1) / chunk;
#pragma omp parallel for schedule(static)
    for (int64_t k = 0; k < chunks; k++) {
        int64_t from = k * chunk;
        int64_t len = std::min(chunk, n - from);
        std::memcpy(dst + from, src + from, sizeof(float) * len);
    }
}

namespace {

// The CPU table of the one JNI layer. C++ exceptions stay inside this library (the JNI guard catches them).
const char* cpu_soma_forward(const SomaConfig* c, const float* x, const float* h0, int64_t steps, int64_t neurons,
                             float* spikes, float* u, float* h_last, bool* non_finite) {
    *non_finite = soma_forward_cpu(*c, x, h0, steps, neurons, spikes, u, h_last);
    return nullptr;
}

const char* cpu_soma_backward(const SomaConfig* c, const float* x, const float* h0, const float* u,
                              const float* grad_spikes, const float* grad_h_last, int64_t steps, int64_t neurons,
                              float* grad_x, float* grad_h0, double* param_grads) {
    soma_backward_cpu(*c, x, h0, u, grad_spikes, grad_h_last, steps, neurons, grad_x, grad_h0, param_grads);
    return nullptr;
}

const char* cpu_stdp(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in, int64_t out,
                     double a_pos, double tau_pos, double a_neg, double tau_neg, const double* pre_carry,
                     const double* post_carry, double* dw) {
    stdp_delta_weight_cpu(input, output, steps, batch, in, out, a_pos, tau_pos, a_neg, tau_neg, pre_carry,
                          post_carry, dw);
    return nullptr;
}

const char* cpu_describe(char* buf, int len) {
    std::snprintf(buf, static_cast<size_t>(len), "%s, %d OpenMP threads", cpu_isa(), cpu_threads());
    return nullptr;
}

const Backend CPU_BACKEND = {BACKEND_ABI, cpu_soma_forward, cpu_soma_backward, cpu_stdp, cpu_describe};

}  // namespace

const Backend* cpu_backend() { return &CPU_BACKEND; }

}  // namespace mh
