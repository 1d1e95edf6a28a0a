package io.matterhorn.neuron;

/**
 * The one definition of the per-neuron-parameter families of {@link EulerKind} (NIR's LI, LIF, IF, I, CubaLI,
 * CubaLIF): forward Euler with step {@code dt}, float32, evaluated in this order for neuron q:
 *
 * <pre>
 *   current kinds (CubaLI, CubaLIF): i' = i + ((-i) + w_in x) (dt/tau_syn)        i at rest = 0
 *   other kinds:                     i' = x
 *   leaky kinds (LI, LIF, Cuba*):    u = v + ((v_leak - v) + r i') (dt/tau)        (tau = tau_mem for Cuba*)
 *   IF, I:                           u = v + r i'
 *   spiking kinds (LIF, IF, CubaLIF): z = H(u - v_threshold) (H(0) = 1),  v' = z ? v_reset : u,  y = z
 *   analog kinds (LI, I, CubaLI):     v' = u,  y = u
 *   v at rest = v_leak (leaky kinds), v_reset (IF), 0 (I)
 * </pre>
 *
 * with {@code dt/tau} computed as {@code (float) dt / tau}. A 1.0.1-style LIF ({@code tau_m}, {@code u_rest}) is
 * this LIF with {@code tau = tau_m dt}, {@code v_leak = u_rest}, {@code r = 1} ({@link #fromTauM}); the two differ
 * only in float32 rounding of the division. The training kernel ({@code io.matterhorn.kernel.ArrayNeuronKernel})
 * and the streaming runtime both use the static stage functions here. Immutable (the parameter arrays are copied)
 * and thread-safe.
 */
public final class EulerNeuron {
    private final EulerKind kind;
    private final double dt;
    private final int neurons;
    private final float[] tauSyn;
    private final float[] tau;
    private final float[] r;
    private final float[] wIn;
    private final float[] vLeak;
    private final float[] vThreshold;
    private final float[] vReset;

    /**
     * @param kind the family
     * @param dt Euler step in seconds, positive and finite
     * @param params per-neuron values [P][N] in {@link EulerKind#paramNames()} order, all of one length N
     * @throws IllegalArgumentException for a missing, wrongly sized or non-finite parameter, a non-positive time
     *     constant or dt
     */
    public EulerNeuron(EulerKind kind, double dt, float[][] params) {
        if (kind == null || params == null || params.length != kind.paramNames().size()) {
            throw new IllegalArgumentException("EulerNeuron: " + kind + " needs parameters "
                    + (kind == null ? "?" : kind.paramNames()));
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("EulerNeuron: dt must be positive and finite, got " + dt);
        }
        for (int p = 0; p < params.length; p++) {
            String name = kind.paramNames().get(p);
            if (params[p] == null || params[p].length != params[0].length || params[0].length == 0) {
                throw new IllegalArgumentException("EulerNeuron: parameter " + name + " must hold one value per "
                        + "neuron");
            }
            for (float v : params[p]) {
                if (!Float.isFinite(v) || name.startsWith("tau") && !(v > 0)) {
                    throw new IllegalArgumentException("EulerNeuron: " + kind + " parameter " + name + " must be "
                            + (name.startsWith("tau") ? "positive and finite" : "finite") + ", got " + v);
                }
            }
        }
        this.kind = kind;
        this.dt = dt;
        this.neurons = params[0].length;
        this.tauSyn = copy(params, kind.index("tau_syn"));
        this.tau = copy(params, kind.index(kind.current() ? "tau_mem" : "tau"));
        this.r = copy(params, kind.index("r"));
        this.wIn = copy(params, kind.index("w_in"));
        this.vLeak = copy(params, kind.index("v_leak"));
        this.vThreshold = copy(params, kind.index("v_threshold"));
        this.vReset = copy(params, kind.index("v_reset"));
    }

    private static float[] copy(float[][] params, int index) {
        return index < 0 ? null : params[index].clone();
    }

    /**
     * The 1.0.1-style LIF ({@code u = h + (x - (h - u_rest)) / tau_m}, hard reset to u_rest) as this family with
     * {@code dt = 1}: {@code tau = tau_m}, {@code r = 1}, {@code v_leak = v_reset = u_rest}. The conversion between
     * the two parameterisations, written once.
     *
     * @param tauM 1.0.1 membrane constant in steps, per neuron [N]
     * @param uThreshold threshold per neuron [N]
     * @param uRest resting potential per neuron [N]
     * @return the LIF
     */
    public static EulerNeuron fromTauM(float[] tauM, float[] uThreshold, float[] uRest) {
        float[] ones = new float[tauM.length];
        java.util.Arrays.fill(ones, 1f);
        return new EulerNeuron(EulerKind.LIF, 1.0, new float[][] {tauM, ones, uRest, uThreshold, uRest});
    }

    /** @return the family */
    public EulerKind kind() {
        return kind;
    }

    /** @return the Euler step in seconds */
    public double dt() {
        return dt;
    }

    /** @return the number of neurons N */
    public int neurons() {
        return neurons;
    }

    /**
     * The synaptic current stage of the current kinds.
     *
     * @param i current before the step
     * @param x input
     * @param wIn input weight
     * @param ks {@code (float) dt / tau_syn}
     * @return {@code i + ((-i) + w_in x) ks}
     */
    public static float current(float i, float x, float wIn, float ks) {
        return i + ((-i) + wIn * x) * ks;
    }

    /**
     * The charge of a leaky kind.
     *
     * @param v potential before the step
     * @param i current of this step
     * @param vLeak leak potential
     * @param r resistance
     * @param k {@code (float) dt / tau}
     * @return {@code v + ((v_leak - v) + r i) k}
     */
    public static float chargeLeaky(float v, float i, float vLeak, float r, float k) {
        return v + ((vLeak - v) + r * i) * k;
    }

    /**
     * The charge of IF and I.
     *
     * @param v potential before the step
     * @param i current of this step
     * @param r resistance
     * @return {@code v + r i}
     */
    public static float chargeIntegrator(float v, float i, float r) {
        return v + r * i;
    }

    /**
     * @param u charged potential
     * @param vThreshold threshold
     * @return the spike {@code H(u - v_threshold)}, 1 at equality
     */
    public static float fire(float u, float vThreshold) {
        return u - vThreshold >= 0 ? 1f : 0f;
    }

    /**
     * @param kind the family
     * @param vLeak leak potential (leaky kinds)
     * @param vReset reset potential (spiking kinds)
     * @return the potential at rest: v_leak (leaky kinds), v_reset (IF), 0 (I)
     */
    public static float restPotential(EulerKind kind, float vLeak, float vReset) {
        return kind.leaky() ? vLeak : kind.spiking() ? vReset : 0f;
    }

    /**
     * Sets the state of {@code m} elements to rest (neuron {@code j % N} for element j).
     *
     * @param i synaptic currents, element j at {@code i[iOff + j]} (written for every kind)
     * @param iOff offset of i
     * @param v potentials, element j at {@code v[vOff + j]}
     * @param vOff offset of v
     * @param m number of elements, a multiple of N
     */
    public void rest(float[] i, int iOff, float[] v, int vOff, int m) {
        for (int j = 0; j < m; j++) {
            int q = j % neurons;
            v[vOff + j] = restPotential(kind, kind.leaky() ? vLeak[q] : 0f, kind.spiking() ? vReset[q] : 0f);
            i[iOff + j] = 0f;
        }
    }

    /**
     * One step of elements {@code [from, to)} (neuron {@code j % N} for element j).
     *
     * @param x input, element j at {@code x[xOff + j]}
     * @param xOff offset of x
     * @param i synaptic currents, element j at {@code i[iOff + j]}, updated (current kinds; ignored otherwise)
     * @param iOff offset of i
     * @param v potentials, element j at {@code v[vOff + j]}, updated
     * @param vOff offset of v
     * @param y output, element j at {@code y[yOff + j]}
     * @param yOff offset of y
     * @param from first element
     * @param to end of the elements
     */
    public void step(float[] x, int xOff, float[] i, int iOff, float[] v, int vOff, float[] y, int yOff, int from,
            int to) {
        EulerKind k = kind;
        float dtf = (float) dt;
        int n = neurons;
        for (int j = from; j < to; j++) {
            int q = j % n;
            float xv = x[xOff + j];
            float iv;
            if (k.current()) {
                iv = current(i[iOff + j], xv, wIn[q], dtf / tauSyn[q]);
                i[iOff + j] = iv;
            } else {
                iv = xv;
            }
            float vv = v[vOff + j];
            float uv = k.leaky() ? chargeLeaky(vv, iv, vLeak[q], r[q], dtf / tau[q]) : chargeIntegrator(vv, iv, r[q]);
            if (k.spiking()) {
                float z = fire(uv, vThreshold[q]);
                y[yOff + j] = z;
                v[vOff + j] = z != 0f ? vReset[q] : uv;
            } else {
                y[yOff + j] = uv;
                v[vOff + j] = uv;
            }
        }
    }
}
