// CUDA STDP: the algorithm of io.matterhorn.kernel.StdpKernels in double precision with carried traces, one
// thread per weight (o, i). Each thread walks every sample b: forward in time with the input trace pre (from
// pre_carry) adding A+ pre at o's spikes, backward with the future trace fut adding -A- fut, and the carried
// output trace's pairs -A- post_carry[b, o] sum_t e-^t I[t, b, i]. The trains are contiguous [T, B, n] arrays
// (matterhorn 1.0.1's kernel read non-contiguous slices). The sums run in another order than the
// CPU's, so the two agree to StdpKernels.AGREEMENT, not bit for bit.
#include <cmath>

#include "cuda_kernels.h"
#include "device_buffer.h"

namespace mh {
namespace cuda {
namespace {

constexpr int THREADS = 256;

__global__ void weight_kernel(const float* __restrict__ input, const float* __restrict__ output, int64_t steps,
                              int64_t batch, int64_t in, int64_t out, double a_pos, double e_pos, double a_neg,
                              double e_neg, const double* __restrict__ pre_carry,
                              const double* __restrict__ post_carry, double* __restrict__ dw) {
    const int64_t idx = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= in * out) {
        return;
    }
    const int64_t o = idx / in;
    const int64_t i = idx % in;
    double acc = 0.0;
    for (int64_t b = 0; b < batch; b++) {
        double pre = pre_carry != nullptr ? pre_carry[b * in + i] : 0.0;
        for (int64_t t = 0; t < steps; t++) {
            const int64_t r = t * batch + b;
            if (output[r * out + o] != 0.0f) {
                acc += a_pos * pre;
            }
            pre = e_pos * (pre + (input[r * in + i] != 0.0f ? 1.0 : 0.0));
        }
        double fut = 0.0;
        for (int64_t t = steps - 1; t >= 0; t--) {
            const int64_t r = t * batch + b;
            if (output[r * out + o] != 0.0f) {
                acc += -a_neg * fut;
            }
            fut = e_neg * (fut + (input[r * in + i] != 0.0f ? 1.0 : 0.0));
        }
        const double c = post_carry != nullptr ? post_carry[b * out + o] : 0.0;
        if (c != 0.0) {
            double g = 0.0;
            double f = 1.0;
            for (int64_t t = 0; t < steps; t++) {
                if (input[(t * batch + b) * in + i] != 0.0f) {
                    g += f;
                }
                f *= e_neg;
            }
            acc -= a_neg * c * g;
        }
    }
    dw[idx] = acc;
}

}  // namespace

void stdp_delta_weight(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in,
                       int64_t out, double a_pos, double tau_pos, double a_neg, double tau_neg,
                       const double* pre_carry, const double* post_carry, double* dw) {
    const int64_t weights = in * out;
    if (weights == 0) {
        return;
    }
    const size_t rows = static_cast<size_t>(steps * batch);
    DeviceBuffer<float> di(rows * in), dout(rows * out);
    DeviceBuffer<double> dpre(pre_carry ? static_cast<size_t>(batch * in) : 0);
    DeviceBuffer<double> dpost(post_carry ? static_cast<size_t>(batch * out) : 0);
    DeviceBuffer<double> dw_dev(static_cast<size_t>(weights));
    di.upload(input);
    dout.upload(output);
    dpre.upload(pre_carry);
    dpost.upload(post_carry);
    const unsigned blocks = static_cast<unsigned>((weights + THREADS - 1) / THREADS);
    weight_kernel<<<blocks, THREADS>>>(di.get(), dout.get(), steps, batch, in, out, a_pos, std::exp(-1.0 / tau_pos),
                                       a_neg, std::exp(-1.0 / tau_neg), dpre.get(), dpost.get(), dw_dev.get());
    check(cudaGetLastError(), "STDP kernel launch");
    check(cudaDeviceSynchronize(), "STDP kernel");
    dw_dev.download(dw);
}

}  // namespace cuda
}  // namespace mh
