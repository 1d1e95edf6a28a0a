// JNI helpers shared by the CPU and CUDA libraries: argument validation, zero-copy access to float[] and
// direct FloatBuffers, and conversion of C++ exceptions into Java exceptions (no JVM crash on bad input).
#pragma once

#include <jni.h>

#include <cstdint>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "soma_types.h"

namespace mh {
namespace jni {

// Thrown when a Java exception is already pending (the JNI call that raised it returns to Java as is).
struct JavaPending {};

// Throws std::invalid_argument (becomes IllegalArgumentException) with "<where>: <message>".
[[noreturn]] void bad_arg(const char* where, const std::string& message);

// Runs body; converts std::invalid_argument to IllegalArgumentException, std::bad_alloc to OutOfMemoryError,
// any other exception to RuntimeException, and leaves an already pending Java exception alone.
template <class F>
void guard(JNIEnv* env, const char* where, F&& body) noexcept;

// Caches the classes the helpers need; call from JNI_OnLoad. Returns false on failure.
bool on_load(JNIEnv* env);

// Arrays and buffers used by one call. Phase 1 (add_*): validate kinds and lengths and resolve direct-buffer
// addresses; phase 2 (pin): take every float[] with GetPrimitiveArrayCritical, so that no other JNI call
// happens while arrays are pinned; the destructor releases them (outputs committed, inputs aborted).
class Args {
   public:
    explicit Args(JNIEnv* env, const char* where) : env_(env), where_(where) {}
    ~Args();
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;

    // A float[] or a direct FloatBuffer holding at least `need` floats from `offset`; null allowed when
    // `optional`. Returns a handle for ptr().
    int add_floats(jobject obj, int64_t offset, int64_t need, const char* name, bool output, bool optional);

    // An int[] (not null) holding at least `need` ints, read only; pinned with the others by pin(), not copied.
    // Returns a handle for ints().
    int add_ints(jintArray obj, int64_t need, const char* name);

    // Pins the arrays. After this only ptr() and ints() may be used until destruction.
    void pin();

    // The element at `offset` of argument `handle`, or null for an absent optional argument.
    float* ptr(int handle) const { return entries_[handle].data; }

    // The first element of the int[] argument `handle` (add_ints), once pinned.
    const jint* ints(int handle) const { return static_cast<const jint*>(entries_[handle].base); }

   private:
    struct Entry {
        jobject obj;
        bool array;
        bool output;
        int64_t offset;
        float* data;
        void* base;
    };
    JNIEnv* env_;
    const char* where_;
    std::vector<Entry> entries_;
};

// Checked count: T and N >= 0 and T * N <= INT32_MAX (the Java arrays' limit). Returns T * N.
int64_t checked_elements(const char* where, jint steps, jint neurons);

// Soma settings from the Java arguments, validated as io.matterhorn.kernel.SomaSpec does.
SomaConfig soma_config(JNIEnv* env, const char* where, jint kind, jfloatArray params, jint surrogate, jdouble a,
                       jfloat u_threshold, jfloat u_rest, jboolean hard_reset);

// Checks the double[] for parameter gradients holds param_count(kind) values.
void check_param_grads(JNIEnv* env, const char* where, jdoubleArray grads, int count);

// Throws a Java exception of the given class name with the message.
void throw_java(JNIEnv* env, const char* class_name, const std::string& message);

template <class F>
void guard(JNIEnv* env, const char* where, F&& body) noexcept {
    try {
        body();
    } catch (const JavaPending&) {
        // already pending in the JVM
    } catch (const std::invalid_argument& e) {
        throw_java(env, "java/lang/IllegalArgumentException", e.what());
    } catch (const std::bad_alloc&) {
        throw_java(env, "java/lang/OutOfMemoryError", std::string(where) + ": native allocation failed");
    } catch (const std::exception& e) {
        throw_java(env, "java/lang/RuntimeException", std::string(where) + ": " + e.what());
    } catch (...) {
        throw_java(env, "java/lang/RuntimeException", std::string(where) + ": unknown native error");
    }
}

}  // namespace jni
}  // namespace mh
