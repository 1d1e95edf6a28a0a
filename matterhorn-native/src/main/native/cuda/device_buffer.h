// Minimal RAII device memory and error checking for the CUDA host code.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mh {
namespace cuda {

// Throws std::runtime_error naming the failed call when err is not cudaSuccess.
inline void check(cudaError_t err, const char* what) {
    if (err != cudaSuccess) {
        throw std::runtime_error(std::string(what) + " failed: " + cudaGetErrorName(err) + ": " +
                                 cudaGetErrorString(err));
    }
}

// Device array of T; empty (null) for count 0.
template <class T>
class DeviceBuffer {
   public:
    explicit DeviceBuffer(size_t count) : count_(count) {
        if (count > 0) {
            check(cudaMalloc(reinterpret_cast<void**>(&ptr_), count * sizeof(T)), "cudaMalloc");
        }
    }
    ~DeviceBuffer() {
        if (ptr_ != nullptr) {
            cudaFree(ptr_);
        }
    }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;

    T* get() const { return ptr_; }

    // Copies count() elements from host memory (no-op when src is null or empty).
    void upload(const T* src) {
        if (src != nullptr && count_ > 0) {
            check(cudaMemcpy(ptr_, src, count_ * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy to device");
        }
    }

    // Copies count() elements to host memory (no-op when dst is null or empty).
    void download(T* dst) const {
        if (dst != nullptr && count_ > 0) {
            check(cudaMemcpy(dst, ptr_, count_ * sizeof(T), cudaMemcpyDeviceToHost), "cudaMemcpy to host");
        }
    }

   private:
    T* ptr_ = nullptr;
    size_t count_;
};

}  // namespace cuda
}  // namespace mh
