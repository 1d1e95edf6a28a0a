/**
 * JNI glue for the optional native kernels: one bridge parameterised by backend (C++/OpenMP or CUDA), one
 * provider base class registered through ServiceLoader, and the loader that unpacks the shared libraries and
 * checks their ABI version.
 */
package io.matterhorn.jni;
