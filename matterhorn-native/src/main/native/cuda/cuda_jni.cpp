// JNI entry points of libmatterhorn_cuda (class io.matterhorn.jni.CudaBridge): validate, pin the host arrays,
// and run the CUDA host functions (which copy host <-> device). CUDA errors become RuntimeException.
#include <jni.h>

#include <atomic>
#include <cmath>
#include <string>

#include "../common/jni_util.h"
#include "cuda_kernels.h"
#include "io_matterhorn_jni_CudaBridge.h"

namespace {

constexpr jint ABI_VERSION = 1;
std::atomic<jlong> g_calls{0};

}  // namespace

using mh::jni::Args;

extern "C" {

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void*) {
    JNIEnv* env = nullptr;
    if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_8) != JNI_OK || !mh::jni::on_load(env)) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}

JNIEXPORT jint JNICALL Java_io_matterhorn_jni_CudaBridge_abiVersion(JNIEnv*, jclass) { return ABI_VERSION; }

JNIEXPORT jlong JNICALL Java_io_matterhorn_jni_CudaBridge_callCount(JNIEnv*, jclass) { return g_calls.load(); }

JNIEXPORT jint JNICALL Java_io_matterhorn_jni_CudaBridge_deviceCount(JNIEnv* env, jclass) {
    jint result = 0;
    try {
        result = mh::cuda::device_count();
        if (result <= 0) {
            mh::jni::throw_java(env, "java/lang/IllegalStateException", "cudaGetDeviceCount found no device");
        }
    } catch (const std::exception& e) {
        mh::jni::throw_java(env, "java/lang/IllegalStateException", e.what());
    }
    return result;
}

JNIEXPORT jstring JNICALL Java_io_matterhorn_jni_CudaBridge_deviceName(JNIEnv* env, jclass) {
    jstring result = nullptr;
    mh::jni::guard(env, "CUDA device name", [&] { result = env->NewStringUTF(mh::cuda::device_name().c_str()); });
    return result;
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_CudaBridge_somaForward(
    JNIEnv* env, jclass, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th, jfloat u_rest,
    jboolean hard, jobject x, jint x_off, jfloatArray h0, jint steps, jint neurons, jobject spikes, jfloatArray u,
    jfloatArray h_last) {
    const char* where = "CUDA soma forward";
    mh::jni::guard(env, where, [&] {
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const int64_t total = mh::jni::checked_elements(where, steps, neurons);
        bool nan;
        {
            Args args(env, where);
            int ix = args.add_floats(x, x_off, total, "x [T, N]", false, false);
            int ih0 = args.add_floats(h0, 0, neurons, "h0 [N]", false, true);
            int is = args.add_floats(spikes, 0, total, "spikes [T, N]", true, false);
            int iu = args.add_floats(u, 0, total, "u [T, N]", true, false);
            int ih = args.add_floats(h_last, 0, neurons, "hLast [N]", true, false);
            args.pin();
            nan = mh::cuda::soma_forward(c, args.ptr(ix), args.ptr(ih0), steps, neurons, args.ptr(is), args.ptr(iu),
                                         args.ptr(ih));
        }
        g_calls++;
        if (nan) {
            mh::jni::bad_arg(where, "soma input contains NaN");
        }
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_CudaBridge_somaBackward(
    JNIEnv* env, jclass, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th, jfloat u_rest,
    jboolean hard, jobject x, jint x_off, jfloatArray h0, jfloatArray u, jobject grad_spikes, jint g_off,
    jfloatArray grad_h_last, jint steps, jint neurons, jobject grad_x, jfloatArray grad_h0, jdoubleArray grads) {
    const char* where = "CUDA soma backward";
    mh::jni::guard(env, where, [&] {
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const int64_t total = mh::jni::checked_elements(where, steps, neurons);
        const int count = mh::param_count(kind);
        mh::jni::check_param_grads(env, where, grads, count);
        double dp[3] = {0, 0, 0};
        {
            Args args(env, where);
            int ix = args.add_floats(x, x_off, total, "x [T, N]", false, false);
            int ih0 = args.add_floats(h0, 0, neurons, "h0 [N]", false, true);
            int iu = args.add_floats(u, 0, total, "u [T, N]", false, false);
            int ig = args.add_floats(grad_spikes, g_off, total, "gradSpikes [T, N]", false, false);
            int igh = args.add_floats(grad_h_last, 0, neurons, "gradHLast [N]", false, true);
            int igx = args.add_floats(grad_x, 0, total, "gradX [T, N]", true, true);
            int igh0 = args.add_floats(grad_h0, 0, neurons, "gradH0 [N]", true, true);
            args.pin();
            mh::cuda::soma_backward(c, args.ptr(ix), args.ptr(ih0), args.ptr(iu), args.ptr(ig), args.ptr(igh),
                                    steps, neurons, args.ptr(igx), args.ptr(igh0), dp);
        }
        g_calls++;
        if (count > 0) {
            env->SetDoubleArrayRegion(grads, 0, count, dp);
        }
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_CudaBridge_stdpDeltaWeight(JNIEnv* env, jclass, jfloatArray input,
                                                                         jfloatArray output, jint steps, jint batch,
                                                                         jint in, jint out, jdouble a_pos,
                                                                         jdouble tau_pos, jdouble a_neg,
                                                                         jdouble tau_neg, jfloatArray dw) {
    const char* where = "CUDA STDP";
    mh::jni::guard(env, where, [&] {
        if (steps < 0 || batch < 0 || in < 0 || out < 0) {
            mh::jni::bad_arg(where, "T, B, in and out must be >= 0");
        }
        if (!std::isfinite(a_pos) || !std::isfinite(a_neg) || !(tau_pos > 0) || !(tau_neg > 0) ||
            std::isinf(tau_pos) || std::isinf(tau_neg)) {
            mh::jni::bad_arg(where, "A+ and A- must be finite and tau+ and tau- positive and finite");
        }
        const int64_t rows = static_cast<int64_t>(steps) * batch;
        {
            Args args(env, where);
            int ii = args.add_floats(input, 0, rows * in, "input spikes [T, B, in]", false, false);
            int io = args.add_floats(output, 0, rows * out, "output spikes [T, B, out]", false, false);
            int iw = args.add_floats(dw, 0, static_cast<int64_t>(out) * in, "dw [out, in]", true, false);
            args.pin();
            mh::cuda::stdp_delta_weight(args.ptr(ii), args.ptr(io), steps, batch, in, out, a_pos, tau_pos, a_neg,
                                        tau_neg, args.ptr(iw));
        }
        g_calls++;
    });
}

}  // extern "C"
