package io.matterhorn.neuron;

/**
 * The reset of a one-variable soma after it fired, in the float32 order every path uses (the fused kernels, the
 * per-step graph, the streaming runtime and the C++ mirror {@code soma_math.inc}):
 *
 * <pre>
 *   hard: h = u (1 - o) + o u_rest        dh/du = 1 - o,  dh/do = u_rest - u
 *   soft: h = u - o (u_th - u_rest)       dh/du = 1,      dh/do = -(u_th - u_rest)
 * </pre>
 *
 * For a 0/1 spike {@code o} these are {@code h = o ? u_rest : u} and {@code h = u - o (u_th - u_rest)}; for an
 * analog {@code o} (KLIF) they are exact as written. Stateless.
 */
public final class Reset {
    private Reset() {
    }

    /**
     * @param u charged potential
     * @param o firing value (0/1 spike, or analog)
     * @param uRest resting potential (hard-reset value)
     * @param softDrop {@code u_th - u_rest} (soft-reset drop)
     * @param hard hard or soft reset
     * @return the potential after the reset
     */
    public static float apply(float u, float o, float uRest, float softDrop, boolean hard) {
        return hard ? u * (1f - o) + o * uRest : u - o * softDrop;
    }

    /**
     * @param o firing value
     * @param hard hard or soft reset
     * @return dh/du
     */
    public static float dDu(float o, boolean hard) {
        return hard ? 1f - o : 1f;
    }

    /**
     * @param u charged potential
     * @param uRest resting potential
     * @param softDrop {@code u_th - u_rest}
     * @param hard hard or soft reset
     * @return dh/do
     */
    public static float dDo(float u, float uRest, float softDrop, boolean hard) {
        return hard ? uRest - u : -softDrop;
    }
}
