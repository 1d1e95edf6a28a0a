// The C table of one kernel library, through which the one JNI layer (common/kernel_jni.cpp, in
// libmatterhorn_native) drives either the CPU kernels (linked in) or the CUDA kernels (libmatterhorn_cuda, opened
// with dlopen). Plain function pointers and error strings, no C++ exceptions, cross the library boundary.
#pragma once

#include <cstdint>

#include "soma_types.h"

namespace mh {

// Bumped whenever this table or a function's contract changes; both libraries must agree.
constexpr int BACKEND_ABI = 2;

// Each function returns nullptr on success, else an error message that stays valid until the next call of the
// same thread. Arrays are host memory: soma [T, N] row-major, STDP trains [T, B, n], dw [out, in].
struct Backend {
    int abi;
    // Fused soma forward; *non_finite = whether x holds a NaN or an infinity (outputs then undefined).
    const char* (*soma_forward)(const SomaConfig* c, const float* x, const float* h0, int64_t steps,
                                int64_t neurons, float* spikes, float* u, float* h_last, bool* non_finite);
    // Fused soma backward; grad_h_last, grad_x and grad_h0 may be null; writes param_grads[param_count(kind)]
    // (the CPU backend also takes param_grads null: then the parameter terms are skipped).
    const char* (*soma_backward)(const SomaConfig* c, const float* x, const float* h0, const float* u,
                                 const float* grad_spikes, const float* grad_h_last, int64_t steps, int64_t neurons,
                                 float* grad_x, float* grad_h0, double* param_grads);
    // STDP weight change in double with carried traces (pre_carry [B, in], post_carry [B, out], both may be
    // null), the algorithm of io.matterhorn.kernel.StdpKernels.
    const char* (*stdp)(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in,
                        int64_t out, double a_pos, double tau_pos, double a_neg, double tau_neg,
                        const double* pre_carry, const double* post_carry, double* dw);
    // Writes a description (library, instruction set or device) into buf; fails when no device is usable.
    const char* (*describe)(char* buf, int len);
};

// The CPU table (cpu/cpu_kernels.cpp).
const Backend* cpu_backend();

}  // namespace mh

// Exported by libmatterhorn_cuda.
extern "C" const mh::Backend* mh_cuda_backend();
