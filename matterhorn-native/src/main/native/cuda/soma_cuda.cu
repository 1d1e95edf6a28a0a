// CUDA soma kernels: one thread per neuron, looping over time, with the same per-step math as the CPU and Java
// kernels (common/soma_math.inc; compiled with --fmad=false). The thread index covers every neuron
// (blockIdx.x * blockDim.x + threadIdx.x < N), unlike matterhorn 1.0.1's kernel.
#include <cfloat>
#include <vector>

#include "cuda_kernels.h"
#include "device_buffer.h"

namespace mh {
namespace cuda {
namespace {

#include "../common/soma_math.inc"

constexpr int THREADS = 256;

int64_t grid_for(int64_t neurons) { return (neurons + THREADS - 1) / THREADS; }

template <int K, bool HARD>
__global__ void forward_kernel(SomaConfig c, const float* __restrict__ x, const float* __restrict__ h0,
                               int64_t steps, int64_t neurons, float* __restrict__ spikes, float* __restrict__ u,
                               float* __restrict__ h_last, int* __restrict__ non_finite_flag) {
    const int64_t n = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (n >= neurons) {
        return;
    }
    float h = h0 != nullptr ? h0[n] : c.u_rest;
    bool non_finite = false;
    for (int64_t t = 0; t < steps; t++) {
        const int64_t i = t * neurons + n;
        float xv = x[i];
        non_finite |= !(fabsf(xv) <= FLT_MAX);  // NaN or an infinity
        float spike;
        u[i] = step_forward<K, HARD>(c, h, xv, spike);
        spikes[i] = spike;
    }
    h_last[n] = h;
    if (non_finite) {
        atomicOr(non_finite_flag, 1);  // a flag, not a sum: every writer stores the same bit
    }
}

template <int K, bool HARD, int S>
__global__ void backward_kernel(SomaConfig c, const float* __restrict__ x, const float* __restrict__ h0,
                                const float* __restrict__ u, const float* __restrict__ grad_spikes,
                                const float* __restrict__ grad_h_last, int64_t steps, int64_t neurons,
                                float* __restrict__ grad_x, float* __restrict__ grad_h0,
                                double* __restrict__ block_partials) {
    __shared__ double shared[3][THREADS];
    const int64_t n = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    double acc[3] = {0, 0, 0};
    if (n < neurons) {
        const float dudx = Response<K>::du_dx(c);
        float gh = grad_h_last != nullptr ? grad_h_last[n] : 0.0f;
        for (int64_t t = steps - 1; t >= 0; t--) {
            const int64_t i = t * neurons + n;
            const float h_prev = t > 0 ? reset_of<HARD>(c, u[i - neurons]) : (h0 != nullptr ? h0[n] : c.u_rest);
            const float gu = step_backward<K, HARD, S>(c, u[i], h_prev, x[i], grad_spikes[i], gh, acc[0], acc[1],
                                                       acc[2]);
            if (grad_x != nullptr) {
                grad_x[i] = gu * dudx;
            }
        }
        if (grad_h0 != nullptr) {
            grad_h0[n] = gh;
        }
    }
    // Per-block tree reduction of the parameter gradients in shared memory (no atomics, no races).
    for (int k = 0; k < 3; k++) {
        shared[k][threadIdx.x] = acc[k];
    }
    __syncthreads();
    for (int stride = THREADS / 2; stride > 0; stride >>= 1) {
        if (threadIdx.x < stride) {
            for (int k = 0; k < 3; k++) {
                shared[k][threadIdx.x] += shared[k][threadIdx.x + stride];
            }
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        for (int k = 0; k < 3; k++) {
            block_partials[blockIdx.x * 3 + k] = shared[k][0];
        }
    }
}

template <int K, bool HARD>
void launch_forward(const SomaConfig& c, int64_t blocks, const float* x, const float* h0, int64_t steps,
                    int64_t neurons, float* spikes, float* u, float* h_last, int* non_finite_flag) {
    forward_kernel<K, HARD><<<static_cast<unsigned>(blocks), THREADS>>>(c, x, h0, steps, neurons, spikes, u, h_last,
                                                                        non_finite_flag);
}

template <int K>
void launch_forward_reset(const SomaConfig& c, int64_t blocks, const float* x, const float* h0, int64_t steps,
                          int64_t neurons, float* spikes, float* u, float* h_last, int* non_finite_flag) {
    if (c.hard_reset) {
        launch_forward<K, true>(c, blocks, x, h0, steps, neurons, spikes, u, h_last, non_finite_flag);
    } else {
        launch_forward<K, false>(c, blocks, x, h0, steps, neurons, spikes, u, h_last, non_finite_flag);
    }
}

template <int K, bool HARD, int S>
void launch_backward(const SomaConfig& c, int64_t blocks, const float* x, const float* h0, const float* u,
                     const float* gs, const float* ghl, int64_t steps, int64_t neurons, float* gx, float* gh0,
                     double* partials) {
    backward_kernel<K, HARD, S><<<static_cast<unsigned>(blocks), THREADS>>>(c, x, h0, u, gs, ghl, steps, neurons, gx,
                                                                            gh0, partials);
}

template <int K, bool HARD>
void launch_backward_surrogate(const SomaConfig& c, int64_t blocks, const float* x, const float* h0,
                               const float* u, const float* gs, const float* ghl, int64_t steps, int64_t neurons,
                               float* gx, float* gh0, double* partials) {
    switch (c.surrogate) {
        case SG_RECTANGULAR:
            return launch_backward<K, HARD, SG_RECTANGULAR>(c, blocks, x, h0, u, gs, ghl, steps, neurons, gx, gh0,
                                                            partials);
        case SG_POLYNOMIAL:
            return launch_backward<K, HARD, SG_POLYNOMIAL>(c, blocks, x, h0, u, gs, ghl, steps, neurons, gx, gh0,
                                                           partials);
        case SG_SIGMOID:
            return launch_backward<K, HARD, SG_SIGMOID>(c, blocks, x, h0, u, gs, ghl, steps, neurons, gx, gh0,
                                                        partials);
        default:
            return launch_backward<K, HARD, SG_GAUSSIAN>(c, blocks, x, h0, u, gs, ghl, steps, neurons, gx, gh0,
                                                         partials);
    }
}

template <int K>
void launch_backward_reset(const SomaConfig& c, int64_t blocks, const float* x, const float* h0, const float* u,
                           const float* gs, const float* ghl, int64_t steps, int64_t neurons, float* gx, float* gh0,
                           double* partials) {
    if (c.hard_reset) {
        launch_backward_surrogate<K, true>(c, blocks, x, h0, u, gs, ghl, steps, neurons, gx, gh0, partials);
    } else {
        launch_backward_surrogate<K, false>(c, blocks, x, h0, u, gs, ghl, steps, neurons, gx, gh0, partials);
    }
}

}  // namespace

int device_count() {
    int n = 0;
    check(cudaGetDeviceCount(&n), "cudaGetDeviceCount");
    return n;
}

std::string device_name() {
    cudaDeviceProp prop{};
    check(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
    return std::string(prop.name) + " (sm_" + std::to_string(prop.major) + std::to_string(prop.minor) + ")";
}

bool soma_forward(const SomaConfig& c, const float* x, const float* h0, int64_t steps, int64_t neurons,
                  float* spikes, float* u, float* h_last) {
    if (neurons == 0) {
        return false;
    }
    const size_t total = static_cast<size_t>(steps * neurons);
    DeviceBuffer<float> dx(total), dh0(h0 ? neurons : 0), ds(total), du(total), dh(neurons);
    DeviceBuffer<int> dnon_finite(1);
    dx.upload(x);
    dh0.upload(h0);
    check(cudaMemset(dnon_finite.get(), 0, sizeof(int)), "cudaMemset");
    const int64_t blocks = grid_for(neurons);
    switch (c.kind) {
        case KIND_IF:
            launch_forward_reset<KIND_IF>(c, blocks, dx.get(), dh0.get(), steps, neurons, ds.get(), du.get(),
                                          dh.get(), dnon_finite.get());
            break;
        case KIND_LIF:
            launch_forward_reset<KIND_LIF>(c, blocks, dx.get(), dh0.get(), steps, neurons, ds.get(), du.get(),
                                           dh.get(), dnon_finite.get());
            break;
        case KIND_QIF:
            launch_forward_reset<KIND_QIF>(c, blocks, dx.get(), dh0.get(), steps, neurons, ds.get(), du.get(),
                                           dh.get(), dnon_finite.get());
            break;
        default:
            launch_forward_reset<KIND_EIF>(c, blocks, dx.get(), dh0.get(), steps, neurons, ds.get(), du.get(),
                                           dh.get(), dnon_finite.get());
            break;
    }
    check(cudaGetLastError(), "soma forward kernel launch");
    check(cudaDeviceSynchronize(), "soma forward kernel");
    int non_finite = 0;
    dnon_finite.download(&non_finite);
    ds.download(spikes);
    du.download(u);
    dh.download(h_last);
    return non_finite != 0;
}

void soma_backward(const SomaConfig& c, const float* x, const float* h0, const float* u, const float* grad_spikes,
                   const float* grad_h_last, int64_t steps, int64_t neurons, float* grad_x, float* grad_h0,
                   double* param_grads) {
    const int pc = param_count(c.kind);
    for (int k = 0; k < pc; k++) {
        param_grads[k] = 0.0;
    }
    if (neurons == 0) {
        return;
    }
    const size_t total = static_cast<size_t>(steps * neurons);
    const int64_t blocks = grid_for(neurons);
    DeviceBuffer<float> dx(total), dh0(h0 ? neurons : 0), du(total), dgs(total), dghl(grad_h_last ? neurons : 0);
    DeviceBuffer<float> dgx(grad_x ? total : 0), dgh0(grad_h0 ? neurons : 0);
    DeviceBuffer<double> dpart(static_cast<size_t>(blocks) * 3);
    dx.upload(x);
    dh0.upload(h0);
    du.upload(u);
    dgs.upload(grad_spikes);
    dghl.upload(grad_h_last);
    switch (c.kind) {
        case KIND_IF:
            launch_backward_reset<KIND_IF>(c, blocks, dx.get(), dh0.get(), du.get(), dgs.get(), dghl.get(), steps,
                                           neurons, dgx.get(), dgh0.get(), dpart.get());
            break;
        case KIND_LIF:
            launch_backward_reset<KIND_LIF>(c, blocks, dx.get(), dh0.get(), du.get(), dgs.get(), dghl.get(), steps,
                                            neurons, dgx.get(), dgh0.get(), dpart.get());
            break;
        case KIND_QIF:
            launch_backward_reset<KIND_QIF>(c, blocks, dx.get(), dh0.get(), du.get(), dgs.get(), dghl.get(), steps,
                                            neurons, dgx.get(), dgh0.get(), dpart.get());
            break;
        default:
            launch_backward_reset<KIND_EIF>(c, blocks, dx.get(), dh0.get(), du.get(), dgs.get(), dghl.get(), steps,
                                            neurons, dgx.get(), dgh0.get(), dpart.get());
            break;
    }
    check(cudaGetLastError(), "soma backward kernel launch");
    check(cudaDeviceSynchronize(), "soma backward kernel");
    dgx.download(grad_x);
    dgh0.download(grad_h0);
    std::vector<double> partials(static_cast<size_t>(blocks) * 3);
    dpart.download(partials.data());
    for (int k = 0; k < pc; k++) {
        double s = 0;
        for (int64_t b = 0; b < blocks; b++) {
            s += partials[b * 3 + k];
        }
        param_grads[k] = s;
    }
    switch (c.kind) {
        case KIND_LIF:
            Response<KIND_LIF>::finish_param_grads(c, param_grads);
            break;
        case KIND_QIF:
            Response<KIND_QIF>::finish_param_grads(c, param_grads);
            break;
        case KIND_EIF:
            Response<KIND_EIF>::finish_param_grads(c, param_grads);
            break;
        default:
            break;
    }
}

}  // namespace cuda
}  // namespace mh
