#!/usr/bin/env bash
# Builds the native kernels from Maven (process-classes phase):
#   build.sh <source dir> <build dir> <output dir> <javac -h header dir> <JDK home> <skip native> <skip cuda>
#            <required>
# Missing tools (not Linux x86-64, no cmake, no C++ compiler, no JNI headers) or skip=true: prints a warning and
# exits 0, and the jar ships without the library (the pure-Java kernels are used). With the tools present, a
# failing build fails Maven; pass -Dmatterhorn.native.skip=true (or -Dmatterhorn.cuda.skip=true) to skip.
# With required=true (-Dmatterhorn.native.required=true, for CI machines that have cmake and g++) every case
# that would build without the library fails the build instead, and the native tests fail instead of skipping.
set -u
src=$1 build=$2 out=$3 headers=$4 jdk=$5 skip_native=${6:-false} skip_cuda=${7:-false} required=${8:-false}

warn() {
  if [ "$required" = "true" ]; then
    echo "[matterhorn-native] ERROR: $* -- and -Dmatterhorn.native.required=true demands the native library"
    exit 1
  fi
  echo "[matterhorn-native] WARNING: $* -- building without the native library (pure-Java kernels only)"
}

if [ "$skip_native" = "true" ]; then warn "skipped by -Dmatterhorn.native.skip=true"; exit 0; fi
if [ "$(uname -s)" != "Linux" ] || [ "$(uname -m)" != "x86_64" ]; then
  warn "native kernels are built on Linux x86-64 only (this is $(uname -s) $(uname -m))"; exit 0
fi
if ! command -v cmake >/dev/null 2>&1; then warn "cmake not found on the PATH"; exit 0; fi
if ! command -v "${CXX:-g++}" >/dev/null 2>&1 && ! command -v c++ >/dev/null 2>&1; then
  warn "no C++ compiler (g++ or c++) on the PATH"; exit 0
fi
jdk_dir=$jdk
[ -f "$jdk_dir/include/jni.h" ] || jdk_dir=$(dirname "$jdk")   # java.home may point at a jre/ subfolder
if [ ! -f "$jdk_dir/include/jni.h" ]; then warn "no JNI headers (include/jni.h) under $jdk"; exit 0; fi
cuda=ON
if [ "$skip_cuda" = "true" ]; then cuda=OFF; echo "[matterhorn-native] CUDA skipped by -Dmatterhorn.cuda.skip=true"
elif ! command -v nvcc >/dev/null 2>&1; then
  cuda=OFF; echo "[matterhorn-native] nvcc not on the PATH: building without libmatterhorn_cuda.so"
fi

mkdir -p "$build" "$out"
log=$build/build.log
if ! cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJAVA_HOME="$jdk_dir" -DJNI_HEADERS_DIR="$headers" \
     -DOUTPUT_DIR="$out" -DMATTERHORN_CUDA=$cuda >"$log" 2>&1; then
  cat "$log"; echo "[matterhorn-native] ERROR: CMake configuration failed (see above); -Dmatterhorn.native.skip=true skips it"
  exit 1
fi
if ! cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >>"$log" 2>&1; then
  cat "$log"; echo "[matterhorn-native] ERROR: native build failed (see above); -Dmatterhorn.native.skip=true skips it"
  exit 1
fi
grep -i "warning" "$log" | grep -v "^--" || true
echo "[matterhorn-native] built: $(cd "$out" && ls lib*.so | tr '\n' ' ')"
