#include "jni_util.h"

#include <cmath>

namespace mh {
namespace jni {
namespace {

jclass g_float_array = nullptr;
jclass g_float_buffer = nullptr;

jclass global_class(JNIEnv* env, const char* name) {
    jclass local = env->FindClass(name);
    if (local == nullptr) {
        return nullptr;
    }
    jclass global = static_cast<jclass>(env->NewGlobalRef(local));
    env->DeleteLocalRef(local);
    return global;
}

}  // namespace

void bad_arg(const char* where, const std::string& message) {
    throw std::invalid_argument(std::string(where) + ": " + message);
}

bool on_load(JNIEnv* env) {
    g_float_array = global_class(env, "[F");
    if (g_float_array == nullptr) {
        return false;
    }
    g_float_buffer = global_class(env, "java/nio/FloatBuffer");
    return g_float_buffer != nullptr;
}

void throw_java(JNIEnv* env, const char* class_name, const std::string& message) {
    if (env->ExceptionCheck()) {
        return;
    }
    jclass cls = env->FindClass(class_name);
    if (cls != nullptr) {
        env->ThrowNew(cls, message.c_str());
        env->DeleteLocalRef(cls);
    }
}

int64_t checked_elements(const char* where, jint steps, jint neurons) {
    if (steps < 0 || neurons < 0) {
        bad_arg(where, "T and N must be >= 0, got T=" + std::to_string(steps) + ", N=" + std::to_string(neurons));
    }
    int64_t total = static_cast<int64_t>(steps) * neurons;
    if (total > INT32_MAX) {
        bad_arg(where, "T*N = " + std::to_string(total) + " is too large");
    }
    return total;
}

int Args::add_floats(jobject obj, int64_t offset, int64_t need, const char* name, bool output, bool optional) {
    Entry e{obj, false, output, offset, nullptr, nullptr};
    if (obj == nullptr) {
        if (!optional) {
            bad_arg(where_, std::string(name) + " must not be null");
        }
        entries_.push_back(e);
        return static_cast<int>(entries_.size() - 1);
    }
    if (offset < 0 || need < 0) {
        bad_arg(where_, std::string(name) + ": negative offset or size");
    }
    int64_t have;
    if (env_->IsInstanceOf(obj, g_float_array)) {
        e.array = true;
        have = env_->GetArrayLength(static_cast<jarray>(obj));
    } else if (env_->IsInstanceOf(obj, g_float_buffer)) {
        void* addr = env_->GetDirectBufferAddress(obj);
        if (addr == nullptr) {
            bad_arg(where_, std::string(name) + " must be a float[] or a direct FloatBuffer");
        }
        have = env_->GetDirectBufferCapacity(obj);
        e.data = static_cast<float*>(addr) + offset;
    } else {
        bad_arg(where_, std::string(name) + " must be a float[] or a direct FloatBuffer");
    }
    if (offset + need > have) {
        bad_arg(where_, std::string(name) + " must hold " + std::to_string(need) + " floats from offset " +
                            std::to_string(offset) + ", but holds " + std::to_string(have));
    }
    entries_.push_back(e);
    return static_cast<int>(entries_.size() - 1);
}

int Args::add_ints(jintArray obj, int64_t need, const char* name) {
    if (obj == nullptr) {
        bad_arg(where_, std::string(name) + " must not be null");
    }
    if (need < 0) {
        bad_arg(where_, std::string(name) + ": negative size");
    }
    const int64_t have = env_->GetArrayLength(obj);
    if (need > have) {
        bad_arg(where_, std::string(name) + " must hold " + std::to_string(need) + " ints, but holds " +
                            std::to_string(have));
    }
    entries_.push_back(Entry{obj, true, false, 0, nullptr, nullptr});
    return static_cast<int>(entries_.size() - 1);
}

void Args::pin() {
    for (Entry& e : entries_) {
        if (e.obj != nullptr && e.array) {
            e.base = env_->GetPrimitiveArrayCritical(static_cast<jarray>(e.obj), nullptr);
            if (e.base == nullptr) {
                throw std::bad_alloc();
            }
            e.data = static_cast<float*>(e.base) + e.offset;
        }
    }
}

Args::~Args() {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        if (it->base != nullptr) {
            env_->ReleasePrimitiveArrayCritical(static_cast<jarray>(it->obj), it->base, it->output ? 0 : JNI_ABORT);
        }
    }
}

SomaConfig soma_config(JNIEnv* env, const char* where, jint kind, jfloatArray params, jint surrogate, jdouble a,
                       jfloat u_threshold, jfloat u_rest, jboolean hard_reset) {
    if (kind < KIND_IF || kind > KIND_EIF) {
        bad_arg(where, "neuron kind must be 0 (IF), 1 (LIF), 2 (QIF) or 3 (EIF), got " + std::to_string(kind));
    }
    if (surrogate < SG_RECTANGULAR || surrogate > SG_GAUSSIAN) {
        bad_arg(where, "surrogate id must be 0..3, got " + std::to_string(surrogate));
    }
    if (!(a > 0) || std::isinf(a)) {
        bad_arg(where, "surrogate a must be positive and finite, got " + std::to_string(a));
    }
    if (!std::isfinite(u_threshold) || !std::isfinite(u_rest)) {
        bad_arg(where, "u_threshold and u_rest must be finite");
    }
    SomaConfig c{};
    c.kind = kind;
    c.surrogate = surrogate;
    c.a = a;
    c.u_threshold = u_threshold;
    c.u_rest = u_rest;
    c.hard_reset = hard_reset == JNI_TRUE;
    const int count = param_count(kind);
    jsize have = params == nullptr ? 0 : env->GetArrayLength(params);
    if (have != count) {
        bad_arg(where, "expected " + std::to_string(count) + " neuron parameters, got " + std::to_string(have));
    }
    if (count > 0) {
        env->GetFloatArrayRegion(params, 0, count, c.p);
        if (env->ExceptionCheck()) {
            throw JavaPending{};
        }
    }
    for (int k = 0; k < count; k++) {
        if (!std::isfinite(c.p[k])) {
            bad_arg(where, "neuron parameter " + std::to_string(k) + " must be finite");
        }
    }
    if (count > 0 && !(c.p[0] > 0)) {
        bad_arg(where, "tau_m must be positive, got " + std::to_string(c.p[0]));
    }
    if (kind == KIND_EIF && !(c.p[1] > 0)) {
        bad_arg(where, "delta_t must be positive, got " + std::to_string(c.p[1]));
    }
    return c;
}

void check_param_grads(JNIEnv* env, const char* where, jdoubleArray grads, int count) {
    if (grads == nullptr || env->GetArrayLength(grads) < count) {
        bad_arg(where, "paramGrads must hold " + std::to_string(count) + " doubles");
    }
}

}  // namespace jni
}  // namespace mh
