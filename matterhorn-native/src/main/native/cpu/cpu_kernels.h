// CPU kernels (OpenMP across neurons), compiled once per instruction set (sse2, avx2, avx512) in
// cpu_kernels.cpp; these functions dispatch to the best copy the processor supports. Arrays are row-major [T, N] (soma) or [T, B, n] (STDP).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../common/soma_types.h"

namespace mh {

// Forward: u_t = f(h_{t-1}, x_t), o_t = [u_t >= u_th], h_t = reset(u_t, o_t), h_{-1} = h0 (or u_rest when h0 is
// null). Writes spikes [T, N], u [T, N] and h_last [N]. Returns true if x holds a NaN or an infinity (outputs then
// undefined): the callers' check of the input, folded into the pass that reads it.
bool soma_forward_cpu(const SomaConfig& c, const float* x, const float* h0, int64_t steps, int64_t neurons,
                      float* spikes, float* u, float* h_last);

// The spikes of one soma forward, listed per block of neurons as the blocks finish (soma_kernels.inc).
struct SpikeLists {
    int64_t cap = 0;                              // the listing stops once more than this many spikes are found
    std::atomic<int64_t> found{0};                // spikes listed so far
    std::vector<std::vector<int32_t>> blocks;     // per block: the indices t*N + n of its spikes, by step, ascending
    std::vector<std::vector<int32_t>> step_ends;  // per block: where each step's entries end in blocks[b]
};

// soma_forward_cpu that also lists the spikes: on return ones holds the indices t*N + n of every spike in
// ascending order and the result's second member is true, or, when there are more than max_ones spikes, ones is
// empty and it is false. spikes may be null: the spikes are then only listed (spikes_from_potentials_cpu gives the
// dense spikes from u when the lists are not made). First member: x holds a NaN or an infinity.
std::pair<bool, bool> soma_forward_listing_cpu(const SomaConfig& c, const float* x, const float* h0, int64_t steps,
                                               int64_t neurons, float* spikes, float* u, float* h_last,
                                               int64_t max_ones, std::vector<int32_t>& ones);

// An event-driven convolution and the spiking soma after it in one pass (conv_soma_kernels.inc): the convolution of
// the input given by its ones (row_start [T*B + 1], columns: compressed sparse rows of [T*B, C*inPlane]) with
// w [C_out, C, K], bias [C_out] or null and taps [outPlane * K], viewed as x [T, B*C_out*outPlane], through the soma;
// u [T, N] and h_last [N] written (N = B*C_out*outPlane), h0 [N] or null, the spikes listed as by
// soma_forward_listing_cpu (never written: spikes_from_potentials_cpu gives them from u). The same u, h_last and
// lists, bit for bit, as conv_spike_forward_lists_cpu followed by soma_forward_listing_cpu. First member: the
// convolution's output held a NaN or an infinity.
std::pair<bool, bool> conv_soma_forward_listing_cpu(const SomaConfig& c, const int* row_start, const int* columns,
                                                    int channels, const float* w, const float* bias, int c_out,
                                                    const int* taps, int k, int in_plane, int out_plane,
                                                    int64_t steps, int64_t batch, const float* h0, float* u,
                                                    float* h_last, int64_t max_ones, std::vector<int32_t>& ones);

// The backward of the soma of conv_soma_forward_listing_cpu when the convolution's input needs no gradient, folded
// into the convolution's gradients (conv_soma_kernels.inc): from u and grad_spikes [T, N] (N = B*C_out*outPlane),
// grad_h_last [N] or null, writes dw [C_out, C*K] (the weight gradient, the same sums as
// conv_spike_weight_gradient_lists_cpu of the soma's dL/dx up to float rounding), db [C_out] (channel_sums_cpu of
// dL/dx, to the bit; null: not wanted) and grad_h0 [N] (or null); dL/dx itself is never written. No parameter
// gradients of the soma.
void conv_soma_backward_cpu(const SomaConfig& c, const float* h0, const float* u, const float* grad_spikes,
                            const float* grad_h_last, int64_t steps, int64_t batch, const int* row_start,
                            const int* columns, int channels, int c_out, const int* taps, int k, int in_plane,
                            int out_plane, float* grad_h0, float* dw, double* db);

// spikes[i] = 1 where u[i] >= u_threshold, else 0, for i < n: the spikes of a forward from its potentials u (the
// forward fires exactly where u_t >= u_th).
void spikes_from_potentials_cpu(const float* u, int64_t n, float u_threshold, float* spikes);

// Backward recurrence (see SomaKernels javadoc). grad_h_last, grad_x and grad_h0 may be null. Writes
// param_grads[param_count(kind)] (per-block partial sums added in block order); param_grads null skips them.
void soma_backward_cpu(const SomaConfig& c, const float* x, const float* h0, const float* u,
                       const float* grad_spikes, const float* grad_h_last, int64_t steps, int64_t neurons,
                       float* grad_x, float* grad_h0, double* param_grads);

// The STDP weight change of io.matterhorn.kernel.StdpKernels in double precision, with carried traces
// (pre_carry [B, in], post_carry [B, out], either may be null); input [T, B, in], output [T, B, out], dw [out, in].
void stdp_delta_weight_cpu(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in,
                           int64_t out, double a_pos, double tau_pos, double a_neg, double tau_neg,
                           const double* pre_carry, const double* post_carry, double* dw);

// Data gradient of a convolution by scatter over the non-zeros of dy (see conv_kernels.inc): dy [N, C_out,
// outPlane], w [C_out, C_in, K], taps [outPlane * K] (input position or -1), dx [N, C_in, inPlane] overwritten.
void conv_scatter_transpose_cpu(const float* dy, int n, int c_out, const float* w, int c_in, const int* taps, int k,
                                int in_plane, int out_plane, float* dx);

// Event-driven convolution of a binary input x [N, C, inPlane] (see conv_kernels.inc): y [N, C_out, outPlane]
// overwritten; bias [C_out] or null.
void conv_spike_forward_cpu(const float* x, int n, int channels, const float* w, const float* bias, int c_out,
                            const int* taps, int k, int in_plane, int out_plane, float* y);

// Its weight gradient dW [C_out, C*K] (overwritten), samples split into `tasks` ranges summed in task order.
void conv_spike_weight_gradient_cpu(const float* x, int n, int channels, const float* dy, int c_out, const int* taps,
                                    int k, int in_plane, int out_plane, int tasks, float* dw);

// The same two for an input given as its ones: row s of (row_start [N + 1] from 0, non-decreasing; columns in
// [0, C*inPlane); both checked by the caller) lists sample s's flat indices c*inPlane + p, ascending. The same
// results as from the dense x whose non-zeros these are.
void conv_spike_forward_lists_cpu(const int* row_start, const int* columns, int n, int channels, const float* w,
                                  const float* bias, int c_out, const int* taps, int k, int in_plane, int out_plane,
                                  float* y);
void conv_spike_weight_gradient_lists_cpu(const int* row_start, const int* columns, int n, int channels,
                                          const float* dy, int c_out, const int* taps, int k, int in_plane,
                                          int out_plane, int tasks, float* dw);

// The number of elements of x [n] that are not +0 or -0 (NaN counts as non-zero).
int64_t count_non_zeros_cpu(const float* x, int64_t n);

// Whether no element of x [n] is NaN or infinite.
bool all_finite_cpu(const float* x, int64_t n);

// Per-channel sums of g [N, C, plane] in double (see scan_kernels.inc for the order): sums [C] overwritten.
void channel_sums_cpu(const float* g, int n, int channels, int plane, double* sums);

// One step of Poisson-encoder draws (see poisson_kernels.inc and io.matterhorn.numeric.PoissonDraws): candidates
// [0, row_end[rows - 1]) with column and threshold, row_end non-decreasing; out [>= candidates] receives the columns
// of the candidates that fire, ends [rows] the count after each row. Returns the count. Single-threaded.
int poisson_fill_cpu(const int32_t* column, const int32_t* threshold, const int32_t* row_end, int rows,
                     uint64_t state, int32_t* out, int32_t* ends);

// Compression of a dense row-major x [rows, cols] (rows * cols <= INT32_MAX) into compressed sparse rows, the
// twin of io.matterhorn.numeric.SparseRows.compressInJava (see sparse_rows_kernels.inc). Count: writes row_start
// [rows + 1] (0 first, running totals of the entries that are not +0 or -0) and returns true if every such entry
// is exactly 1. Fill: writes their column indices into columns and, unless values is null, their raw bits into
// values, row r from row_start[r] and at most row_start[r + 1] - row_start[r] of them (row_start non-decreasing,
// checked by the caller).
bool sparse_rows_count_cpu(const float* x, int rows, int cols, int32_t* row_start);
void sparse_rows_fill_cpu(const float* x, int rows, int cols, const int32_t* row_start, int32_t* columns,
                          float* values);

// The event-driven product of a spike input x [rows, in] in compressed sparse rows (row_start [rows + 1] from 0,
// non-decreasing; columns in [0, in); both checked by the caller), see spike_matmul_kernels.inc:
// y [rows, out] = x wt with wt [in, out] (overwritten).
void spike_matmul_forward_cpu(const int* row_start, const int* columns, int rows, const float* wt, int out,
                              float* y);

// Its weight gradient dW^T [in, out] = x^T g (overwritten), g [rows, out], rows cut into `blocks` (>= 1) ranges.
void spike_matmul_weight_gradient_cpu(const int* row_start, const int* columns, int rows, int in, const float* g,
                                      int out, int blocks, float* dwt);

// The instruction set in use: "sse2", "avx2" or "avx512".
const char* cpu_isa();

// Selects an instruction set ("sse2", "avx2", "avx512"); returns false if unknown or unsupported here.
bool select_cpu_isa(const std::string& name);

// Number of OpenMP threads the kernels use.
int cpu_threads();

// Parallel copy of n floats (memory-bandwidth probe).
void parallel_copy(const float* src, float* dst, int64_t n);

}  // namespace mh
