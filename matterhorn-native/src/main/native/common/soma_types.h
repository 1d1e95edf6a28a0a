// Types shared by the CPU (g++) and CUDA (nvcc) soma kernels and the JNI glue; the per-step math itself is in
// soma_math.inc.
#pragma once

#include <cmath>
#include <cstdint>

#if defined(__CUDACC__)
#define MH_HD __host__ __device__ __forceinline__
#else
#define MH_HD inline
#endif

namespace mh {

// Neuron kinds, numbered as NeuronKind.nativeId().
enum Kind : int { KIND_IF = 0, KIND_LIF = 1, KIND_QIF = 2, KIND_EIF = 3 };

// Surrogates, numbered as Surrogate.kernelId().
enum SurrogateId : int { SG_RECTANGULAR = 0, SG_POLYNOMIAL = 1, SG_SIGMOID = 2, SG_GAUSSIAN = 3 };

// Everything one soma call needs besides the arrays. p[] holds the kind's parameters in NeuronKind order:
// LIF [tau_m], QIF [tau_m, a_0, u_c], EIF [tau_m, delta_t, u_t].
struct SomaConfig {
    int kind;
    float p[3];
    int surrogate;
    double a;
    float u_threshold;
    float u_rest;
    bool hard_reset;
};

// Number of trainable scalars of a kind (length of the parameter gradients).
MH_HD int param_count(int kind) {
    return kind == KIND_IF ? 0 : (kind == KIND_LIF ? 1 : 3);
}

}  // namespace mh
