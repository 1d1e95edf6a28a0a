// The CUDA library's table for the one JNI layer (common/kernel_jni.cpp, which opens this library with dlopen).
// Every CUDA or allocation failure is caught here and returned as a message: no C++ exception crosses the
// library boundary.
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "../common/kernel_backend.h"
#include "cuda_kernels.h"

namespace {

thread_local std::string g_error;

template <class F>
const char* guarded(const char* where, F&& body) noexcept {
    try {
        body();
        return nullptr;
    } catch (const std::exception& e) {
        g_error = std::string(where) + ": " + e.what();
    } catch (...) {
        g_error = std::string(where) + ": unknown CUDA error";
    }
    return g_error.c_str();
}

const char* soma_forward(const mh::SomaConfig* c, const float* x, const float* h0, int64_t steps, int64_t neurons,
                         float* spikes, float* u, float* h_last, bool* non_finite) {
    return guarded("CUDA soma forward",
                   [&] { *non_finite = mh::cuda::soma_forward(*c, x, h0, steps, neurons, spikes, u, h_last); });
}

const char* soma_backward(const mh::SomaConfig* c, const float* x, const float* h0, const float* u,
                          const float* grad_spikes, const float* grad_h_last, int64_t steps, int64_t neurons,
                          float* grad_x, float* grad_h0, double* param_grads) {
    return guarded("CUDA soma backward", [&] {
        mh::cuda::soma_backward(*c, x, h0, u, grad_spikes, grad_h_last, steps, neurons, grad_x, grad_h0,
                                param_grads);
    });
}

const char* stdp(const float* input, const float* output, int64_t steps, int64_t batch, int64_t in, int64_t out,
                 double a_pos, double tau_pos, double a_neg, double tau_neg, const double* pre_carry,
                 const double* post_carry, double* dw) {
    return guarded("CUDA STDP", [&] {
        mh::cuda::stdp_delta_weight(input, output, steps, batch, in, out, a_pos, tau_pos, a_neg, tau_neg, pre_carry,
                                    post_carry, dw);
    });
}

const char* describe(char* buf, int len) {
    return guarded("CUDA device", [&] {
        int n = mh::cuda::device_count();
        if (n <= 0) {
            throw std::runtime_error("cudaGetDeviceCount found no device");
        }
        std::snprintf(buf, static_cast<size_t>(len), "%d device(s), using %s", n, mh::cuda::device_name().c_str());
    });
}

const mh::Backend CUDA_BACKEND = {mh::BACKEND_ABI, soma_forward, soma_backward, stdp, describe};

}  // namespace

extern "C" __attribute__((visibility("default"))) const mh::Backend* mh_cuda_backend() { return &CUDA_BACKEND; }
