// Host-side API of the CUDA kernels. All pointers are host memory; each call copies its inputs to the device,
// runs the kernels and copies the results back. CUDA failures throw std::runtime_error.
#pragma once

#include <cstdint>
#include <string>

#include "../common/soma_types.h"

namespace mh {
namespace cuda {

// Number of CUDA devices; throws std::runtime_error with the CUDA error when the query fails.
int device_count();

// Name and compute capability of device 0.
std::string device_name();

// Same contract as soma_forward_cpu: one thread per neuron loops over time. Returns true if x holds a NaN or an
// infinity.
bool soma_forward(const SomaConfig& c, const float* x, const float* h0, int64_t steps, int64_t neurons,
                  float* spikes, float* u, float* h_last);

// Same contract as soma_backward_cpu. Parameter gradients: each thread accumulates its neuron's terms, each
// block reduces them in shared memory into one partial per block, and the host adds the partials in block
// order (deterministic, no atomics).
void soma_backward(const SomaConfig& c, const float* x, const float* h0, const float* u, const float* grad_spikes,
                   const float* grad_h_last, int64_t steps, int64_t neurons, float* grad_x, float* grad_h0,
                   double* param_grads);

// Same contract as stdp_delta_weight_cpu (double precision, carried traces): one thread per weight (o, i)
// walks the batch and time with its own traces.
void stdp_delta_weight(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in,
                       int64_t out, double a_pos, double tau_pos, double a_neg, double tau_neg,
                       const double* pre_carry, const double* post_carry, double* dw);

}  // namespace cuda
}  // namespace mh
