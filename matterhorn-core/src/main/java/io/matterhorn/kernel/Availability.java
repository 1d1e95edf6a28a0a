package io.matterhorn.kernel;

/**
 * Whether a {@link KernelProvider} can run here, and why (or why not).
 *
 * @param available true if its kernels can be used
 * @param reason what was found ("loaded /tmp/libmatterhorn_native.so, 2 threads") or why it cannot run
 *     ("no CUDA device: ...")
 * @param cause the exception behind an unavailable provider, or null
 */
public record Availability(boolean available, String reason, Throwable cause) {

    /**
     * @param detail what was found
     * @return an available result
     */
    public static Availability yes(String detail) {
        return new Availability(true, detail, null);
    }

    /**
     * @param reason why the provider cannot run
     * @param cause the underlying exception, or null
     * @return an unavailable result
     */
    public static Availability no(String reason, Throwable cause) {
        return new Availability(false, reason, cause);
    }
}
