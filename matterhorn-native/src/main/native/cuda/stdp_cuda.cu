// CUDA STDP in trace form: traces with one thread per (batch, neuron) column looping over time, then one thread
// per weight (o, i) summing over rows r = (t, b) in ascending order, so the float sums equal the CPU's. The
// trains are contiguous [T, B, n] arrays (matterhorn 1.0.1's kernel read non-contiguous slices; spec 12.2).
#include <cmath>

#include "cuda_kernels.h"
#include "device_buffer.h"

namespace mh {
namespace cuda {
namespace {

constexpr int THREADS = 256;

__global__ void trace_kernel(const float* __restrict__ s, int64_t steps, int64_t batch, int64_t n, float decay,
                             float* __restrict__ tr) {
    const int64_t col = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;  // b * n + k
    const int64_t row = batch * n;
    if (col >= row) {
        return;
    }
    float v = 0.0f;
    if (steps > 0) {
        tr[col] = 0.0f;
    }
    for (int64_t t = 1; t < steps; t++) {
        v = decay * (v + (s[(t - 1) * row + col] != 0.0f ? 1.0f : 0.0f));
        tr[t * row + col] = v;
    }
}

__global__ void weight_kernel(const float* __restrict__ input, const float* __restrict__ output,
                              const float* __restrict__ pre, const float* __restrict__ post, int64_t rows,
                              int64_t in, int64_t out, int64_t o_base, float ap, float an,
                              float* __restrict__ dw) {
    const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    const int64_t o = o_base + blockIdx.y;
    if (i >= in) {
        return;
    }
    float s1 = 0.0f;
    float s2 = 0.0f;
    for (int64_t r = 0; r < rows; r++) {
        if (output[r * out + o] != 0.0f) {
            s1 += pre[r * in + i];
        }
        if (input[r * in + i] != 0.0f) {
            s2 += post[r * out + o];
        }
    }
    dw[o * in + i] = ap * s1 - an * s2;
}

}  // namespace

void stdp_delta_weight(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in,
                       int64_t out, double a_pos, double tau_pos, double a_neg, double tau_neg, float* dw) {
    if (in == 0 || out == 0) {
        return;
    }
    const int64_t rows = steps * batch;
    DeviceBuffer<float> din(static_cast<size_t>(rows * in)), dout(static_cast<size_t>(rows * out));
    DeviceBuffer<float> dpre(static_cast<size_t>(rows * in)), dpost(static_cast<size_t>(rows * out));
    DeviceBuffer<float> ddw(static_cast<size_t>(out * in));
    din.upload(input);
    dout.upload(output);
    if (rows > 0) {
        const int64_t cin = batch * in;
        const int64_t cout = batch * out;
        trace_kernel<<<static_cast<unsigned>((cin + THREADS - 1) / THREADS), THREADS>>>(
            din.get(), steps, batch, in, (float)std::exp(-1.0 / tau_pos), dpre.get());
        trace_kernel<<<static_cast<unsigned>((cout + THREADS - 1) / THREADS), THREADS>>>(
            dout.get(), steps, batch, out, (float)std::exp(-1.0 / tau_neg), dpost.get());
        check(cudaGetLastError(), "STDP trace kernel launch");
    }
    const int64_t max_y = 65535;  // grid y limit: launch output rows in slices
    for (int64_t o_base = 0; o_base < out; o_base += max_y) {
        const int64_t count = out - o_base < max_y ? out - o_base : max_y;
        dim3 grid(static_cast<unsigned>((in + THREADS - 1) / THREADS), static_cast<unsigned>(count));
        weight_kernel<<<grid, THREADS>>>(din.get(), dout.get(), dpre.get(), dpost.get(), rows, in, out, o_base,
                                         (float)a_pos, (float)a_neg, ddw.get());
    }
    check(cudaGetLastError(), "STDP weight kernel launch");
    check(cudaDeviceSynchronize(), "STDP kernels");
    ddw.download(dw);
}

}  // namespace cuda
}  // namespace mh
