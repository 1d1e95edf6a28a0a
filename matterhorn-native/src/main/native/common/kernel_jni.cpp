// The one JNI layer (class io.matterhorn.jni.NativeBridge), in libmatterhorn_native. Every kernel entry point
// takes a backend number (0 = CPU, linked in; 1 = CUDA, libmatterhorn_cuda opened by attachCuda), validates every
// size and value it relies on, pins the Java arrays and calls that backend's table (kernel_backend.h). C++
// exceptions and backend errors become Java exceptions.
#include <dlfcn.h>
#include <jni.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <string>
#include <vector>

#include "../cpu/cpu_kernels.h"
#include "io_matterhorn_jni_NativeBridge.h"
#include "jni_util.h"
#include "kernel_backend.h"

namespace {

// The Java side's NativeBridge.ABI_VERSION: bumped with every signature or contract change.
constexpr jint ABI_VERSION = 10;
constexpr jint CPU = 0;
constexpr jint CUDA = 1;
std::atomic<jlong> g_calls[2];
std::atomic<const mh::Backend*> g_cuda{nullptr};

using mh::jni::Args;

const mh::Backend& backend(const char* where, jint id) {
    if (id == CPU) {
        return *mh::cpu_backend();
    }
    const mh::Backend* cuda = id == CUDA ? g_cuda.load() : nullptr;
    if (cuda == nullptr) {
        mh::jni::bad_arg(where, id == CUDA ? "the CUDA library is not attached" : "unknown backend");
    }
    return *cuda;
}

void check(const char* error) {
    if (error != nullptr) {
        throw std::runtime_error(error);
    }
}

std::string java_string(JNIEnv* env, jstring s) {
    const char* chars = env->GetStringUTFChars(s, nullptr);
    if (chars == nullptr) {
        throw mh::jni::JavaPending{};
    }
    std::string value(chars);
    env->ReleaseStringUTFChars(s, chars);
    return value;
}

// A double[] of exactly `need` values copied in (null allowed when optional: empty vector).
std::vector<double> doubles_in(JNIEnv* env, const char* where, jdoubleArray a, int64_t need, const char* name) {
    std::vector<double> v;
    if (a == nullptr) {
        return v;
    }
    if (env->GetArrayLength(a) != need) {
        mh::jni::bad_arg(where, std::string(name) + " must hold " + std::to_string(need) + " doubles");
    }
    v.resize(static_cast<size_t>(need));
    env->GetDoubleArrayRegion(a, 0, static_cast<jsize>(need), v.data());
    return v;
}

// The tap table of a convolution, validated: [outPlane * K] input positions in [-1, inPlane).
std::vector<jint> tap_table(JNIEnv* env, const char* where, jintArray taps, jint k, jint in_plane, jint out_plane) {
    if (k < 0 || in_plane < 0 || out_plane < 0) {
        mh::jni::bad_arg(where, "K, inPlane and outPlane must be >= 0");
    }
    const int64_t count = static_cast<int64_t>(out_plane) * k;
    if (taps == nullptr || env->GetArrayLength(taps) != count) {
        mh::jni::bad_arg(where, "taps [outPlane * K] must hold " + std::to_string(count) + " ints");
    }
    std::vector<jint> tap(static_cast<size_t>(count));
    env->GetIntArrayRegion(taps, 0, static_cast<jsize>(count), tap.data());
    for (jint p : tap) {
        if (p < -1 || p >= in_plane) {
            mh::jni::bad_arg(where, "tap " + std::to_string(p) + " outside [-1, " + std::to_string(in_plane) + ")");
        }
    }
    return tap;
}

// Runs scan(x, len) on the floats x[x_off .. x_off + len) of a float[] or direct buffer; returns fallback when
// the arguments are refused (a Java exception is then pending).
template <typename R, typename Scan>
R scan_floats(JNIEnv* env, const char* where, jobject x, jint x_off, jint len, R fallback, Scan scan) {
    R result = fallback;
    mh::jni::guard(env, where, [&] {
        if (x_off < 0 || len < 0) {
            mh::jni::bad_arg(where, "offset and length must be >= 0");
        }
        Args args(env, where);
        int ix = args.add_floats(x, x_off, len, "x", false, false);
        args.pin();
        result = scan(args.ptr(ix), static_cast<int64_t>(len));
        g_calls[CPU]++;
    });
    return result;
}

// The compressed sparse rows of a spike product, after pinning: rowStart[0] == 0, non-decreasing, rowStart[rows]
// at most the length of columns, and every column used in [0, in). Returns the number of entries used.
int64_t check_sparse_rows(const char* where, const jint* row_start, jint rows, const jint* columns,
                          int64_t columns_length, jint in) {
    if (row_start[0] != 0) {
        mh::jni::bad_arg(where, "rowStart[0] must be 0, got " + std::to_string(row_start[0]));
    }
    for (jint r = 0; r < rows; r++) {
        if (row_start[r + 1] < row_start[r]) {
            mh::jni::bad_arg(where, "rowStart must be non-decreasing, but rowStart[" + std::to_string(r + 1) +
                                        "] = " + std::to_string(row_start[r + 1]) + " < rowStart[" +
                                        std::to_string(r) + "] = " + std::to_string(row_start[r]));
        }
    }
    const int64_t entries = row_start[rows];
    if (entries > columns_length) {
        mh::jni::bad_arg(where, "rowStart[rows] = " + std::to_string(entries) + " exceeds the " +
                                    std::to_string(columns_length) + " columns");
    }
    // one branch-free pass, vectorised (a 32-bit OR of 32-bit compares: a bool accumulator or a 64-bit counter
    // kept GCC from vectorising it, and the check then cost as much as a third of the product it guards) and split
    // between the threads for long lists; the offending entry is looked up only on failure
    const uint32_t limit = static_cast<uint32_t>(in);
    uint32_t bad = 0;
#pragma omp parallel for simd reduction(| : bad) if (entries >= (int64_t{1} << 18))
    for (int64_t k = 0; k < entries; k++) {
        bad |= static_cast<uint32_t>(static_cast<uint32_t>(columns[k]) >= limit);
    }
    if (bad != 0) {
        for (int64_t k = 0; k < entries; k++) {
            if (columns[k] < 0 || columns[k] >= in) {
                mh::jni::bad_arg(where, "columns[" + std::to_string(k) + "] = " + std::to_string(columns[k]) +
                                            " outside [0, " + std::to_string(in) + ")");
            }
        }
    }
    return entries;
}

// Pins args, whose entries irs and ic hold rowStart and the Java array `columns`, and checks the lists
// (check_sparse_rows) against `limit` columns: the common start of every entry point that takes spike lists.
void pin_sparse_rows(JNIEnv* env, Args& args, const char* where, jintArray columns, int irs, int ic, jint rows,
                     jint limit) {
    const int64_t columns_length = env->GetArrayLength(columns);
    args.pin();
    check_sparse_rows(where, args.ints(irs), rows, args.ints(ic), columns_length, limit);
}

// The sizes of a spike convolution whose input comes as lists: N, C and C_out >= 0, inPlane >= 0 and
// C * inPlane <= INT32_MAX. Returns C * inPlane, the column count of the lists.
jint spike_sample_length(const char* where, jint n, jint channels, jint c_out, jint in_plane) {
    if (n < 0 || channels < 0 || c_out < 0 || in_plane < 0) {
        mh::jni::bad_arg(where, "N, C, C_out and inPlane must be >= 0");
    }
    const int64_t len = static_cast<int64_t>(channels) * in_plane;
    if (len > INT32_MAX) {
        mh::jni::bad_arg(where, "C * inPlane = " + std::to_string(len) + " exceeds 2^31 - 1");
    }
    return static_cast<jint>(len);
}

// The sizes of a compression: off, rows and cols >= 0, rows * cols <= INT32_MAX. Returns rows * cols.
int64_t sparse_rows_size(const char* where, jint x_off, jint rows, jint cols) {
    if (x_off < 0 || rows < 0 || cols < 0) {
        mh::jni::bad_arg(where, "xOff, rows and cols must be >= 0, got xOff " + std::to_string(x_off) + ", rows " +
                                    std::to_string(rows) + ", cols " + std::to_string(cols));
    }
    const int64_t total = static_cast<int64_t>(rows) * cols;
    if (total > INT32_MAX) {
        mh::jni::bad_arg(where, "rows * cols = " + std::to_string(total) + " exceeds 2^31 - 1");
    }
    return total;
}

// The arrays of a soma forward, added to args (checked, not yet pinned): their indices.
struct SomaForwardArrays {
    int x, h0, spikes, u, h_last;

    SomaForwardArrays(Args& args, jobject xb, jint x_off, jfloatArray h0a, jobject spikesb, jfloatArray ua,
                      jfloatArray h_lasta, int64_t total, jint neurons)
        : x(args.add_floats(xb, x_off, total, "x [T, N]", false, false)),
          h0(args.add_floats(h0a, 0, neurons, "h0 [N]", false, true)),
          spikes(args.add_floats(spikesb, 0, total, "spikes [T, N]", true, false)),
          u(args.add_floats(ua, 0, total, "u [T, N]", true, false)),
          h_last(args.add_floats(h_lasta, 0, neurons, "hLast [N]", true, false)) {}
};


// The sizes of a convolution fused with the soma after it, validated: T*B samples (rows of the input's ones), the
// C*inPlane columns of the ones, S = C_out*outPlane neurons per sample, N = B*S per step and T*N in all.
struct ConvSomaSizes {
    int64_t samples, cols, neurons, total;
    jint n, sample_len;

    ConvSomaSizes(const char* where, jint steps, jint batch, jint channels, jint c_out, jint in_plane,
                  jint out_plane) {
        if (steps < 0 || batch < 0 || out_plane < 0) {
            mh::jni::bad_arg(where, "T, B and outPlane must be >= 0");
        }
        samples = static_cast<int64_t>(steps) * batch;
        if (samples > INT32_MAX) {
            mh::jni::bad_arg(where, "T * B = " + std::to_string(samples) + " exceeds 2^31 - 1");
        }
        n = static_cast<jint>(samples);
        sample_len = spike_sample_length(where, n, channels, c_out, in_plane);
        cols = static_cast<int64_t>(c_out) * out_plane;
        neurons = static_cast<int64_t>(batch) * cols;
        if (neurons > INT32_MAX) {
            mh::jni::bad_arg(where, "B * C_out * outPlane = " + std::to_string(neurons) + " exceeds 2^31 - 1");
        }
        total = mh::jni::checked_elements(where, steps, static_cast<jint>(neurons));
    }
};

// The ascending indices `ones` of a [rows, cols] matrix as compressed sparse rows: the row starts written into
// row_start [rows + 1], the columns returned (null with an OutOfMemoryError pending). The indices ascend, so rows
// are walked in order (no division per entry).
jintArray listed_rows(JNIEnv* env, const std::vector<int32_t>& ones, int64_t rows, int64_t cols, jintArray row_start) {
    std::vector<jint> starts(static_cast<size_t>(rows) + 1, 0);
    std::vector<jint> cols_of(ones.size());
    int64_t row = 0;
    int64_t row_base = 0;
    for (size_t i = 0; i < ones.size(); i++) {
        while (ones[i] >= row_base + cols) {
            starts[static_cast<size_t>(++row)] = static_cast<jint>(i);
            row_base += cols;
        }
        cols_of[i] = static_cast<jint>(ones[i] - row_base);
    }
    while (row < rows) {
        starts[static_cast<size_t>(++row)] = static_cast<jint>(ones.size());
    }
    jintArray columns = env->NewIntArray(static_cast<jsize>(cols_of.size()));
    if (columns == nullptr) {
        return nullptr;  // OutOfMemoryError pending
    }
    env->SetIntArrayRegion(columns, 0, static_cast<jsize>(cols_of.size()), cols_of.data());
    env->SetIntArrayRegion(row_start, 0, static_cast<jsize>(rows + 1), starts.data());
    return columns;
}

}  // namespace

extern "C" {

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void*) {
    JNIEnv* env = nullptr;
    if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_8) != JNI_OK || !mh::jni::on_load(env)) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}

JNIEXPORT jint JNICALL Java_io_matterhorn_jni_NativeBridge_abiVersion(JNIEnv*, jclass) { return ABI_VERSION; }

JNIEXPORT jlong JNICALL Java_io_matterhorn_jni_NativeBridge_callCount(JNIEnv*, jclass, jint id) {
    return id == CPU || id == CUDA ? g_calls[id].load() : -1;
}

JNIEXPORT jint JNICALL Java_io_matterhorn_jni_NativeBridge_threads(JNIEnv*, jclass) { return mh::cpu_threads(); }

JNIEXPORT jstring JNICALL Java_io_matterhorn_jni_NativeBridge_isa(JNIEnv* env, jclass) {
    return env->NewStringUTF(mh::cpu_isa());
}

JNIEXPORT jboolean JNICALL Java_io_matterhorn_jni_NativeBridge_selectIsa(JNIEnv* env, jclass, jstring name) {
    jboolean ok = JNI_FALSE;
    mh::jni::guard(env, "native selectIsa", [&] {
        if (name == nullptr) {
            mh::jni::bad_arg("native selectIsa", "name must not be null");
        }
        ok = mh::select_cpu_isa(java_string(env, name)) ? JNI_TRUE : JNI_FALSE;
    });
    return ok;
}

JNIEXPORT jstring JNICALL Java_io_matterhorn_jni_NativeBridge_describe(JNIEnv* env, jclass, jint id) {
    jstring result = nullptr;
    mh::jni::guard(env, "native describe", [&] {
        char buf[256] = {0};
        check(backend("native describe", id).describe(buf, sizeof buf));
        result = env->NewStringUTF(buf);
    });
    return result;
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_attachCuda(JNIEnv* env, jclass, jstring path) {
    const char* where = "CUDA attach";
    mh::jni::guard(env, where, [&] {
        if (path == nullptr) {
            mh::jni::bad_arg(where, "path must not be null");
        }
        std::string file = java_string(env, path);
        void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            throw std::runtime_error(std::string("dlopen failed: ") + dlerror());
        }
        auto entry = reinterpret_cast<const mh::Backend* (*)()>(dlsym(handle, "mh_cuda_backend"));
        if (entry == nullptr) {
            throw std::runtime_error(file + " has no mh_cuda_backend table");
        }
        const mh::Backend* table = entry();
        if (table->abi != mh::BACKEND_ABI) {
            throw std::runtime_error(file + " has backend ABI " + std::to_string(table->abi) + ", expected " +
                                     std::to_string(mh::BACKEND_ABI) + " (stale build)");
        }
        g_cuda.store(table);
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_somaForward(
    JNIEnv* env, jclass, jint id, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th,
    jfloat u_rest, jboolean hard, jobject x, jint x_off, jfloatArray h0, jint steps, jint neurons, jobject spikes,
    jfloatArray u, jfloatArray h_last) {
    const char* where = "native soma forward";
    mh::jni::guard(env, where, [&] {
        const mh::Backend& b = backend(where, id);
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const int64_t total = mh::jni::checked_elements(where, steps, neurons);
        bool non_finite = false;
        const char* error;
        {
            Args args(env, where);
            const SomaForwardArrays f(args, x, x_off, h0, spikes, u, h_last, total, neurons);
            args.pin();
            error = b.soma_forward(&c, args.ptr(f.x), args.ptr(f.h0), steps, neurons, args.ptr(f.spikes),
                                   args.ptr(f.u), args.ptr(f.h_last), &non_finite);
        }
        check(error);
        g_calls[id]++;
        if (non_finite) {
            mh::jni::bad_arg(where, "soma input contains NaN or an infinity");
        }
    });
}

JNIEXPORT jintArray JNICALL Java_io_matterhorn_jni_NativeBridge_somaForwardListing(
    JNIEnv* env, jclass, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th, jfloat u_rest,
    jboolean hard, jobject x, jint x_off, jfloatArray h0, jint steps, jint neurons, jobject spikes, jfloatArray u,
    jfloatArray h_last, jint cols, jlong max_ones, jintArray row_start, jboolean write_spikes) {
    const char* where = "native soma forward";
    jintArray columns = nullptr;
    mh::jni::guard(env, where, [&] {
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const int64_t total = mh::jni::checked_elements(where, steps, neurons);
        if (cols < 1 || total % cols != 0) {
            mh::jni::bad_arg(where, "cols must be >= 1 and divide T * N = " + std::to_string(total) + ", got " +
                                        std::to_string(cols));
        }
        const int64_t rows = total / cols;
        if (row_start == nullptr || env->GetArrayLength(row_start) != rows + 1) {
            mh::jni::bad_arg(where, "rowStart must hold T * N / cols + 1 = " + std::to_string(rows + 1) + " ints");
        }
        std::vector<int32_t> ones;
        std::pair<bool, bool> result;
        {
            Args args(env, where);
            const SomaForwardArrays f(args, x, x_off, h0, spikes, u, h_last, total, neurons);
            args.pin();
            // without write_spikes the spikes are only listed, and written from u when the lists are not made
            result = mh::soma_forward_listing_cpu(c, args.ptr(f.x), args.ptr(f.h0), steps, neurons,
                                                  write_spikes ? args.ptr(f.spikes) : nullptr, args.ptr(f.u),
                                                  args.ptr(f.h_last), max_ones, ones);
            if (!write_spikes && !result.first && !result.second) {
                mh::spikes_from_potentials_cpu(args.ptr(f.u), total, c.u_threshold, args.ptr(f.spikes));
            }
        }
        g_calls[CPU]++;
        if (result.first) {
            mh::jni::bad_arg(where, "soma input contains NaN or an infinity");
        }
        if (!result.second) {
            return;
        }
        // the Java arrays are written after the pinned ones are released
        columns = listed_rows(env, ones, rows, cols, row_start);
    });
    return columns;
}

JNIEXPORT jintArray JNICALL Java_io_matterhorn_jni_NativeBridge_convSomaForwardListing(
    JNIEnv* env, jclass, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th, jfloat u_rest,
    jboolean hard, jintArray ones_start, jintArray ones, jint channels, jobject w, jint w_off, jobject bias,
    jint bias_off, jint c_out, jintArray taps, jint k, jint in_plane, jint out_plane, jint steps, jint batch,
    jfloatArray h0, jobject spikes, jfloatArray u, jfloatArray h_last, jlong max_ones, jintArray row_start) {
    const char* where = "native convolution and soma forward";
    jintArray columns = nullptr;
    mh::jni::guard(env, where, [&] {
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const ConvSomaSizes z(where, steps, batch, channels, c_out, in_plane, out_plane);
        const int64_t samples = z.samples;
        const jint n = z.n;
        const jint sample_len = z.sample_len;
        const int64_t cols = z.cols;
        const int64_t neurons = z.neurons;
        const int64_t total = z.total;
        if (row_start == nullptr || env->GetArrayLength(row_start) != samples + 1) {
            mh::jni::bad_arg(where, "rowStart must hold T * B + 1 = " + std::to_string(samples + 1) + " ints");
        }
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        std::vector<int32_t> listed;
        std::pair<bool, bool> result;
        {
            Args args(env, where);
            int irs = args.add_ints(ones_start, samples + 1, "onesStart [T*B + 1]", false);
            int ic = args.add_ints(ones, 0, "ones", false);
            int iw = args.add_floats(w, w_off, static_cast<int64_t>(c_out) * channels * k, "w [C_out, C, K]", false,
                                     false);
            int ib = args.add_floats(bias, bias_off, c_out, "bias [C_out]", false, true);
            int ih0 = args.add_floats(h0, 0, neurons, "h0 [N]", false, true);
            int is = args.add_floats(spikes, 0, total, "spikes [T, N]", true, false);
            int iu = args.add_floats(u, 0, total, "u [T, N]", true, false);
            int ih = args.add_floats(h_last, 0, neurons, "hLast [N]", true, false);
            pin_sparse_rows(env, args, where, ones, irs, ic, n, sample_len);
            result = mh::conv_soma_forward_listing_cpu(c, args.ints(irs), args.ints(ic), channels, args.ptr(iw),
                                                       args.ptr(ib), c_out, tap.data(), k, in_plane, out_plane,
                                                       steps, batch, args.ptr(ih0), args.ptr(iu), args.ptr(ih),
                                                       max_ones, listed);
            // the spikes are written only when they are not listed, from the potentials
            if (!result.first && !result.second) {
                mh::spikes_from_potentials_cpu(args.ptr(iu), total, c.u_threshold, args.ptr(is));
            }
        }
        g_calls[CPU]++;
        if (result.first) {
            mh::jni::bad_arg(where, "soma input (the convolution's output) contains NaN or an infinity");
        }
        if (result.second) {
            // the Java arrays are written after the pinned ones are released
            columns = listed_rows(env, listed, samples, cols, row_start);
        }
    });
    return columns;
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_convSomaBackward(
    JNIEnv* env, jclass, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th, jfloat u_rest,
    jboolean hard, jfloatArray h0, jfloatArray u, jobject grad_spikes, jint g_off, jfloatArray grad_h_last, jint steps,
    jint batch, jintArray ones_start, jintArray ones, jint channels, jint c_out, jintArray taps, jint k, jint in_plane,
    jint out_plane, jfloatArray grad_h0, jfloatArray dw, jdoubleArray db) {
    const char* where = "native convolution and soma backward";
    mh::jni::guard(env, where, [&] {
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const ConvSomaSizes z(where, steps, batch, channels, c_out, in_plane, out_plane);
        const int64_t samples = z.samples;
        const jint n = z.n;
        const jint sample_len = z.sample_len;
        const int64_t neurons = z.neurons;
        const int64_t total = z.total;
        if (db != nullptr && env->GetArrayLength(db) != c_out) {
            mh::jni::bad_arg(where, "db must hold C_out = " + std::to_string(c_out) + " doubles");
        }
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        std::vector<double> bias(db != nullptr ? static_cast<size_t>(c_out) : 0);
        {
            Args args(env, where);
            int ih0 = args.add_floats(h0, 0, neurons, "h0 [N]", false, true);
            int iu = args.add_floats(u, 0, total, "u [T, N]", false, false);
            int ig = args.add_floats(grad_spikes, g_off, total, "gradSpikes [T, N]", false, false);
            int igh = args.add_floats(grad_h_last, 0, neurons, "gradHLast [N]", false, true);
            int irs = args.add_ints(ones_start, samples + 1, "onesStart [T*B + 1]", false);
            int ic = args.add_ints(ones, 0, "ones", false);
            int igh0 = args.add_floats(grad_h0, 0, neurons, "gradH0 [N]", true, true);
            int idw = args.add_floats(dw, 0, static_cast<int64_t>(c_out) * channels * k, "dW [C_out, C*K]", true,
                                      false);
            pin_sparse_rows(env, args, where, ones, irs, ic, n, sample_len);
            mh::conv_soma_backward_cpu(c, args.ptr(ih0), args.ptr(iu), args.ptr(ig), args.ptr(igh), steps, batch,
                                       args.ints(irs), args.ints(ic), channels, c_out, tap.data(), k, in_plane,
                                       out_plane, args.ptr(igh0), args.ptr(idw), db != nullptr ? bias.data() : nullptr);
        }
        g_calls[CPU]++;
        if (db != nullptr) {
            env->SetDoubleArrayRegion(db, 0, c_out, bias.data());
        }
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_somaBackward(
    JNIEnv* env, jclass, jint id, jint kind, jfloatArray params, jint surrogate, jdouble a, jfloat u_th,
    jfloat u_rest, jboolean hard, jobject x, jint x_off, jfloatArray h0, jfloatArray u, jobject grad_spikes,
    jint g_off, jfloatArray grad_h_last, jint steps, jint neurons, jobject grad_x, jfloatArray grad_h0,
    jdoubleArray grads) {
    const char* where = "native soma backward";
    mh::jni::guard(env, where, [&] {
        const mh::Backend& b = backend(where, id);
        mh::SomaConfig c = mh::jni::soma_config(env, where, kind, params, surrogate, a, u_th, u_rest, hard);
        const int64_t total = mh::jni::checked_elements(where, steps, neurons);
        const int count = mh::param_count(kind);
        // grads null: no parameter gradients wanted; the CPU kernels then skip their terms
        if (grads != nullptr) {
            mh::jni::check_param_grads(env, where, grads, count);
        }
        double dp[3] = {0, 0, 0};
        const char* error;
        {
            Args args(env, where);
            // x feeds only the parameter terms: the CPU kernels do not read it when they are not wanted
            int ix = args.add_floats(x, x_off, total, "x [T, N]", false, grads == nullptr && id == CPU);
            int ih0 = args.add_floats(h0, 0, neurons, "h0 [N]", false, true);
            int iu = args.add_floats(u, 0, total, "u [T, N]", false, false);
            int ig = args.add_floats(grad_spikes, g_off, total, "gradSpikes [T, N]", false, false);
            int igh = args.add_floats(grad_h_last, 0, neurons, "gradHLast [N]", false, true);
            int igx = args.add_floats(grad_x, 0, total, "gradX [T, N]", true, true);
            int igh0 = args.add_floats(grad_h0, 0, neurons, "gradH0 [N]", true, true);
            args.pin();
            error = b.soma_backward(&c, args.ptr(ix), args.ptr(ih0), args.ptr(iu), args.ptr(ig), args.ptr(igh), steps,
                                    neurons, args.ptr(igx), args.ptr(igh0),
                                    grads == nullptr && id == CPU ? nullptr : dp);
        }
        check(error);
        g_calls[id]++;
        if (grads != nullptr && count > 0) {
            env->SetDoubleArrayRegion(grads, 0, count, dp);
        }
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_stdpDeltaWeight(
    JNIEnv* env, jclass, jint id, jfloatArray input, jfloatArray output, jint steps, jint batch, jint in, jint out,
    jdouble a_pos, jdouble tau_pos, jdouble a_neg, jdouble tau_neg, jdoubleArray pre_carry, jdoubleArray post_carry,
    jdoubleArray dw) {
    const char* where = "native STDP";
    mh::jni::guard(env, where, [&] {
        const mh::Backend& b = backend(where, id);
        if (steps < 0 || batch < 0 || in < 0 || out < 0) {
            mh::jni::bad_arg(where, "T, B, in and out must be >= 0");
        }
        if (!std::isfinite(a_pos) || !std::isfinite(a_neg) || !(tau_pos > 0) || !(tau_neg > 0) ||
            std::isinf(tau_pos) || std::isinf(tau_neg)) {
            mh::jni::bad_arg(where, "A+ and A- must be finite and tau+ and tau- positive and finite");
        }
        const int64_t rows = static_cast<int64_t>(steps) * batch;
        const int64_t weights = static_cast<int64_t>(out) * in;
        if (dw == nullptr || env->GetArrayLength(dw) != weights) {
            mh::jni::bad_arg(where, "dw [out, in] must hold " + std::to_string(weights) + " doubles");
        }
        std::vector<double> pre = doubles_in(env, where, pre_carry, static_cast<int64_t>(batch) * in, "preCarry");
        std::vector<double> post = doubles_in(env, where, post_carry, static_cast<int64_t>(batch) * out, "postCarry");
        std::vector<double> result(static_cast<size_t>(weights));
        const char* error;
        {
            Args args(env, where);
            int ii = args.add_floats(input, 0, rows * in, "input spikes [T, B, in]", false, false);
            int io = args.add_floats(output, 0, rows * out, "output spikes [T, B, out]", false, false);
            args.pin();
            error = b.stdp(args.ptr(ii), args.ptr(io), steps, batch, in, out, a_pos, tau_pos, a_neg, tau_neg,
                           pre_carry ? pre.data() : nullptr, post_carry ? post.data() : nullptr, result.data());
        }
        check(error);
        env->SetDoubleArrayRegion(dw, 0, static_cast<jsize>(weights), result.data());
        g_calls[id]++;
    });
}

JNIEXPORT jlong JNICALL Java_io_matterhorn_jni_NativeBridge_countNonZeros(JNIEnv* env, jclass, jobject x, jint x_off,
                                                                         jint len) {
    return scan_floats<jlong>(env, "native non-zero count", x, x_off, len, 0,
                              [](const float* p, int64_t n) { return static_cast<jlong>(mh::count_non_zeros_cpu(p, n)); });
}

JNIEXPORT jboolean JNICALL Java_io_matterhorn_jni_NativeBridge_allFinite(JNIEnv* env, jclass, jobject x, jint x_off,
                                                                      jint len) {
    return scan_floats<jboolean>(env, "native finite-value screen", x, x_off, len, JNI_FALSE,
                                 [](const float* p, int64_t n) -> jboolean {
                                     return mh::all_finite_cpu(p, n) ? JNI_TRUE : JNI_FALSE;
                                 });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_channelSums(JNIEnv* env, jclass, jobject g, jint g_off,
                                                                     jint n, jint channels, jint plane,
                                                                     jdoubleArray sums) {
    const char* where = "native channel sums";
    mh::jni::guard(env, where, [&] {
        if (g_off < 0 || n < 0 || channels < 0 || plane < 0) {
            mh::jni::bad_arg(where, "offset and sizes must be >= 0");
        }
        if (sums == nullptr || env->GetArrayLength(sums) < channels) {
            mh::jni::bad_arg(where, "sums must hold " + std::to_string(channels) + " doubles");
        }
        std::vector<double> result(static_cast<size_t>(channels));
        {
            Args args(env, where);
            int ig = args.add_floats(g, g_off, static_cast<int64_t>(n) * channels * plane, "g [N, C, plane]", false,
                                     false);
            args.pin();
            mh::channel_sums_cpu(args.ptr(ig), n, channels, plane, result.data());
        }
        env->SetDoubleArrayRegion(sums, 0, channels, result.data());
        g_calls[CPU]++;
    });
}

// --- Poisson-encoder draws (io.matterhorn.numeric.PoissonDraws) ---
JNIEXPORT jint JNICALL Java_io_matterhorn_jni_NativeBridge_poissonFill(JNIEnv* env, jclass, jintArray column,
                                                                     jintArray threshold, jintArray row_end,
                                                                     jint rows, jlong state, jintArray out,
                                                                     jintArray ends) {
    const char* where = "native Poisson draws";
    jint count = -1;
    mh::jni::guard(env, where, [&] {
        if (rows < 0) {
            mh::jni::bad_arg(where, "rows must be >= 0, got " + std::to_string(rows));
        }
        if (row_end == nullptr || env->GetArrayLength(row_end) < rows) {
            mh::jni::bad_arg(where, "rowEnd must hold " + std::to_string(rows) + " ints");
        }
        std::vector<jint> end(static_cast<size_t>(rows));
        env->GetIntArrayRegion(row_end, 0, rows, end.data());
        jint previous = 0;
        for (jint r = 0; r < rows; r++) {
            if (end[r] < previous) {
                mh::jni::bad_arg(where, "rowEnd must be non-decreasing from 0, but rowEnd[" + std::to_string(r) +
                                            "] = " + std::to_string(end[r]));
            }
            previous = end[r];
        }
        const int64_t candidates = previous;
        Args args(env, where);
        int ic = args.add_ints(column, candidates, "column", false);
        int it = args.add_ints(threshold, candidates, "threshold", false);
        int io = args.add_ints(out, candidates, "out", true);
        int ie = args.add_ints(ends, rows, "ends", true);
        args.pin();
        count = mh::poisson_fill_cpu(args.ints(ic), args.ints(it), end.data(), rows, static_cast<uint64_t>(state),
                                     args.ints(io), args.ints(ie));
        g_calls[CPU]++;
    });
    return count;
}

// --- Dense-to-sparse compression (io.matterhorn.numeric.SparseRows) ---

JNIEXPORT jboolean JNICALL Java_io_matterhorn_jni_NativeBridge_sparseRowsCount(JNIEnv* env, jclass, jobject x,
                                                                             jint x_off, jint rows, jint cols,
                                                                             jintArray row_start) {
    const char* where = "native sparse rows";
    jboolean binary = JNI_FALSE;
    mh::jni::guard(env, where, [&] {
        const int64_t total = sparse_rows_size(where, x_off, rows, cols);
        Args args(env, where);
        int ix = args.add_floats(x, x_off, total, "x [rows, cols]", false, false);
        int irs = args.add_ints(row_start, static_cast<int64_t>(rows) + 1, "rowStart [rows + 1]", true);
        args.pin();
        binary = mh::sparse_rows_count_cpu(args.ptr(ix), rows, cols, args.ints(irs)) ? JNI_TRUE : JNI_FALSE;
        g_calls[CPU]++;
    });
    return binary;
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_sparseRowsFill(JNIEnv* env, jclass, jobject x, jint x_off,
                                                                        jint rows, jint cols, jintArray row_start,
                                                                        jintArray columns, jfloatArray values) {
    const char* where = "native sparse rows";
    mh::jni::guard(env, where, [&] {
        const int64_t total = sparse_rows_size(where, x_off, rows, cols);
        if (row_start == nullptr || env->GetArrayLength(row_start) <= rows) {
            mh::jni::bad_arg(where, "rowStart must hold rows + 1 = " + std::to_string(static_cast<int64_t>(rows) + 1) +
                                        " ints");
        }
        jint entries = 0;
        env->GetIntArrayRegion(row_start, rows, 1, &entries);
        Args args(env, where);
        int ix = args.add_floats(x, x_off, total, "x [rows, cols]", false, false);
        int irs = args.add_ints(row_start, static_cast<int64_t>(rows) + 1, "rowStart [rows + 1]", false);
        int ic = args.add_ints(columns, std::max<jint>(entries, 0), "columns [rowStart[rows]]", true);
        int iv = args.add_floats(values, 0, std::max<jint>(entries, 0), "values [rowStart[rows]]", true, true);
        args.pin();
        const jint* start = args.ints(irs);
        if (start[0] != 0) {
            mh::jni::bad_arg(where, "rowStart[0] must be 0, got " + std::to_string(start[0]));
        }
        for (jint r = 0; r < rows; r++) {
            if (start[r + 1] < start[r]) {
                mh::jni::bad_arg(where, "rowStart must be non-decreasing, but rowStart[" + std::to_string(r + 1) +
                                            "] = " + std::to_string(start[r + 1]) + " < rowStart[" +
                                            std::to_string(r) + "] = " + std::to_string(start[r]));
            }
        }
        mh::sparse_rows_fill_cpu(args.ptr(ix), rows, cols, start, args.ints(ic), args.ptr(iv));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_convScatterTranspose(
    JNIEnv* env, jclass, jobject dy, jint dy_off, jint n, jint c_out, jobject w, jint w_off, jint c_in,
    jintArray taps, jint k, jint in_plane, jint out_plane, jobject dx, jint dx_off) {
    const char* where = "native conv scatter";
    mh::jni::guard(env, where, [&] {
        if (n < 0 || c_out < 0 || c_in < 0 || k < 0 || in_plane < 0 || out_plane < 0 || dy_off < 0 || w_off < 0 ||
            dx_off < 0) {
            mh::jni::bad_arg(where, "sizes and offsets must be >= 0");
        }
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        Args args(env, where);
        int idy = args.add_floats(dy, dy_off, static_cast<int64_t>(n) * c_out * out_plane, "dy [N, C_out, out]",
                                  false, false);
        int iw = args.add_floats(w, w_off, static_cast<int64_t>(c_out) * c_in * k, "w [C_out, C_in, K]", false, false);
        int idx = args.add_floats(dx, dx_off, static_cast<int64_t>(n) * c_in * in_plane, "dx [N, C_in, in]", true,
                                  false);
        args.pin();
        mh::conv_scatter_transpose_cpu(args.ptr(idy), n, c_out, args.ptr(iw), c_in, tap.data(), k, in_plane,
                                       out_plane, args.ptr(idx));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_convSpikeForward(
    JNIEnv* env, jclass, jobject x, jint x_off, jint n, jint channels, jobject w, jint w_off, jobject bias,
    jint bias_off, jint c_out, jintArray taps, jint k, jint in_plane, jint out_plane, jobject y, jint y_off) {
    const char* where = "native spike conv forward";
    mh::jni::guard(env, where, [&] {
        if (n < 0 || channels < 0 || c_out < 0) {
            mh::jni::bad_arg(where, "N, C and C_out must be >= 0");
        }
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        Args args(env, where);
        int ix = args.add_floats(x, x_off, static_cast<int64_t>(n) * channels * in_plane, "x [N, C, in]", false,
                                 false);
        int iw = args.add_floats(w, w_off, static_cast<int64_t>(c_out) * channels * k, "w [C_out, C, K]", false,
                                 false);
        int ib = args.add_floats(bias, bias_off, c_out, "bias [C_out]", false, true);
        int iy = args.add_floats(y, y_off, static_cast<int64_t>(n) * c_out * out_plane, "y [N, C_out, out]", true,
                                 false);
        args.pin();
        mh::conv_spike_forward_cpu(args.ptr(ix), n, channels, args.ptr(iw), args.ptr(ib), c_out, tap.data(), k,
                                   in_plane, out_plane, args.ptr(iy));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_convSpikeWeightGradient(
    JNIEnv* env, jclass, jobject x, jint x_off, jint n, jint channels, jobject dy, jint dy_off, jint c_out,
    jintArray taps, jint k, jint in_plane, jint out_plane, jint tasks, jfloatArray dw) {
    const char* where = "native spike conv weight gradient";
    mh::jni::guard(env, where, [&] {
        if (n < 0 || channels < 0 || c_out < 0 || tasks < 1) {
            mh::jni::bad_arg(where, "N, C and C_out must be >= 0 and tasks >= 1");
        }
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        Args args(env, where);
        int ix = args.add_floats(x, x_off, static_cast<int64_t>(n) * channels * in_plane, "x [N, C, in]", false,
                                 false);
        int idy = args.add_floats(dy, dy_off, static_cast<int64_t>(n) * c_out * out_plane, "dy [N, C_out, out]",
                                  false, false);
        int idw = args.add_floats(dw, 0, static_cast<int64_t>(c_out) * channels * k, "dW [C_out, C*K]", true, false);
        args.pin();
        mh::conv_spike_weight_gradient_cpu(args.ptr(ix), n, channels, args.ptr(idy), c_out, tap.data(), k, in_plane,
                                           out_plane, tasks, args.ptr(idw));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_convSpikeForwardLists(
    JNIEnv* env, jclass, jintArray row_start, jintArray columns, jint n, jint channels, jobject w, jint w_off,
    jobject bias, jint bias_off, jint c_out, jintArray taps, jint k, jint in_plane, jint out_plane, jobject y,
    jint y_off) {
    const char* where = "native spike conv forward";
    mh::jni::guard(env, where, [&] {
        const jint sample_len = spike_sample_length(where, n, channels, c_out, in_plane);
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        Args args(env, where);
        int irs = args.add_ints(row_start, static_cast<int64_t>(n) + 1, "rowStart [N + 1]", false);
        int ic = args.add_ints(columns, 0, "columns", false);
        int iw = args.add_floats(w, w_off, static_cast<int64_t>(c_out) * channels * k, "w [C_out, C, K]", false,
                                 false);
        int ib = args.add_floats(bias, bias_off, c_out, "bias [C_out]", false, true);
        int iy = args.add_floats(y, y_off, static_cast<int64_t>(n) * c_out * out_plane, "y [N, C_out, out]", true,
                                 false);
        pin_sparse_rows(env, args, where, columns, irs, ic, n, sample_len);
        mh::conv_spike_forward_lists_cpu(args.ints(irs), args.ints(ic), n, channels, args.ptr(iw), args.ptr(ib),
                                         c_out, tap.data(), k, in_plane, out_plane, args.ptr(iy));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_convSpikeWeightGradientLists(
    JNIEnv* env, jclass, jintArray row_start, jintArray columns, jint n, jint channels, jobject dy, jint dy_off,
    jint c_out, jintArray taps, jint k, jint in_plane, jint out_plane, jint tasks, jfloatArray dw) {
    const char* where = "native spike conv weight gradient";
    mh::jni::guard(env, where, [&] {
        const jint sample_len = spike_sample_length(where, n, channels, c_out, in_plane);
        if (tasks < 1) {
            mh::jni::bad_arg(where, "tasks must be >= 1, got " + std::to_string(tasks));
        }
        std::vector<jint> tap = tap_table(env, where, taps, k, in_plane, out_plane);
        Args args(env, where);
        int irs = args.add_ints(row_start, static_cast<int64_t>(n) + 1, "rowStart [N + 1]", false);
        int ic = args.add_ints(columns, 0, "columns", false);
        int idy = args.add_floats(dy, dy_off, static_cast<int64_t>(n) * c_out * out_plane, "dy [N, C_out, out]",
                                  false, false);
        int idw = args.add_floats(dw, 0, static_cast<int64_t>(c_out) * channels * k, "dW [C_out, C*K]", true, false);
        pin_sparse_rows(env, args, where, columns, irs, ic, n, sample_len);
        mh::conv_spike_weight_gradient_lists_cpu(args.ints(irs), args.ints(ic), n, channels, args.ptr(idy), c_out,
                                                 tap.data(), k, in_plane, out_plane, tasks, args.ptr(idw));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_spikeMatmulForward(
    JNIEnv* env, jclass, jintArray row_start, jintArray columns, jint rows, jint in, jobject wt, jint wt_off, jint out,
    jobject y, jint y_off) {
    const char* where = "native spike matmul forward";
    mh::jni::guard(env, where, [&] {
        if (rows < 0 || in < 0 || out < 0) {
            mh::jni::bad_arg(where, "rows, in and out must be >= 0");
        }
        Args args(env, where);
        int irs = args.add_ints(row_start, static_cast<int64_t>(rows) + 1, "rowStart [rows + 1]", false);
        int ic = args.add_ints(columns, 0, "columns", false);
        int iw = args.add_floats(wt, wt_off, static_cast<int64_t>(in) * out, "wt [in, out]", false, false);
        int iy = args.add_floats(y, y_off, static_cast<int64_t>(rows) * out, "y [rows, out]", true, false);
        pin_sparse_rows(env, args, where, columns, irs, ic, rows, in);
        mh::spike_matmul_forward_cpu(args.ints(irs), args.ints(ic), rows, args.ptr(iw), out, args.ptr(iy));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_spikeMatmulWeightGradient(
    JNIEnv* env, jclass, jintArray row_start, jintArray columns, jint rows, jint in, jobject g, jint g_off, jint out,
    jint blocks, jfloatArray dwt) {
    const char* where = "native spike matmul weight gradient";
    mh::jni::guard(env, where, [&] {
        if (rows < 0 || in < 0 || out < 0 || blocks < 1) {
            mh::jni::bad_arg(where, "rows, in and out must be >= 0 and blocks >= 1");
        }
        Args args(env, where);
        int irs = args.add_ints(row_start, static_cast<int64_t>(rows) + 1, "rowStart [rows + 1]", false);
        int ic = args.add_ints(columns, 0, "columns", false);
        int ig = args.add_floats(g, g_off, static_cast<int64_t>(rows) * out, "g [rows, out]", false, false);
        int idw = args.add_floats(dwt, 0, static_cast<int64_t>(in) * out, "dW^T [in, out]", true, false);
        pin_sparse_rows(env, args, where, columns, irs, ic, rows, in);
        mh::spike_matmul_weight_gradient_cpu(args.ints(irs), args.ints(ic), rows, in, args.ptr(ig), out, blocks,
                                             args.ptr(idw));
        g_calls[CPU]++;
    });
}

JNIEXPORT void JNICALL Java_io_matterhorn_jni_NativeBridge_copy(JNIEnv* env, jclass, jfloatArray src,
                                                                jfloatArray dst, jint n) {
    const char* where = "native copy";
    mh::jni::guard(env, where, [&] {
        if (n < 0) {
            mh::jni::bad_arg(where, "n must be >= 0");
        }
        Args args(env, where);
        int is = args.add_floats(src, 0, n, "src", false, false);
        int id = args.add_floats(dst, 0, n, "dst", true, false);
        args.pin();
        mh::parallel_copy(args.ptr(is), args.ptr(id), n);
    });
}

}  // extern "C"
