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
 * only in float32 rounding of the division. The partial derivatives of the backward pass are {@link #backward} (one
 * element, one step) and {@link #restBackward}. Training (the one loop {@link NeuronSequences} over
 * {@link #sequence}, for whole sequences and single steps) and the streaming runtime ({@link #step}) all step through
 * the per-element functions here ({@link #input}, {@link #charge}, {@link #output}, {@link #next}). Immutable (the
 * parameter arrays are copied) and thread-safe.
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
    /** {@code (float) dt / tau_syn} per neuron (current kinds), or null. */
    private final float[] ks;
    /** {@code (float) dt / tau} per neuron (leaky kinds), or null. */
    private final float[] k;
    private final int iTauSyn;
    private final int iTau;
    private final int iR;
    private final int iWIn;
    private final int iVLeak;
    private final int iVThreshold;
    private final int iVReset;

    /**
     * @param kind the family
     * @param dt Euler step in seconds, positive and finite
     * @param params per-neuron values [P][N] in {@link EulerKind#paramNames()} order, all of one length N
     * @throws IllegalArgumentException for a missing, wrongly sized or non-finite parameter, a time constant whose
     *     ratio to dt is outside {@link ParameterBounds}, or a bad dt
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
                if (name.startsWith("tau")) {
                    if (!(v > 0) || !Float.isFinite(v)) {
                        throw new IllegalArgumentException("EulerNeuron: " + kind + " parameter " + name + " must be "
                                + "positive and finite, got " + v);
                    }
                    ParameterBounds.requireTimeConstant("EulerNeuron: " + kind + " " + name + "/dt (" + name + " = "
                            + v + ", dt = " + dt + ")", v / dt);
                } else if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("EulerNeuron: " + kind + " parameter " + name + " must be "
                            + "finite, got " + v);
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
        this.iTauSyn = kind.index("tau_syn");
        this.iTau = kind.index(kind.current() ? "tau_mem" : "tau");
        this.iR = kind.index("r");
        this.iWIn = kind.index("w_in");
        this.iVLeak = kind.index("v_leak");
        this.iVThreshold = kind.index("v_threshold");
        this.iVReset = kind.index("v_reset");
        float dtf = (float) dt;
        this.ks = tauSyn == null ? null : ratios(dtf, tauSyn);
        this.k = tau == null ? null : ratios(dtf, tau);
    }

    private static float[] ratios(float dtf, float[] tau) {
        float[] out = new float[tau.length];
        for (int q = 0; q < tau.length; q++) {
            out[q] = dtf / tau[q];
        }
        return out;
    }

    private static float[] copy(float[][] params, int index) {
        return index < 0 ? null : params[index].clone();
    }

    /**
     * The conversion between the two parameterisations of the LIF, written once: the 1.0.1-style LIF
     * ({@code u = h + (x - (h - u_rest)) / tau_m} per step, hard reset to u_rest) is NIR's LIF with
     * {@code tau = tau_m dt}, {@code r = 1}, {@code v_leak = v_reset = u_rest} and {@code v_threshold = u_th}.
     *
     * @param tauM 1.0.1 membrane constant in steps
     * @param uThreshold threshold u_th
     * @param uRest resting potential u_rest
     * @param dt the step in seconds that NIR's time constants are measured against
     * @return NIR's LIF parameters in {@link EulerKind#LIF}'s {@link EulerKind#paramNames()} order
     *     ({@code tau, r, v_leak, v_threshold, v_reset})
     */
    public static double[] lifFromTauM(double tauM, double uThreshold, double uRest, double dt) {
        return new double[] {tauM * dt, 1.0, uRest, uThreshold, uRest};
    }

    /**
     * The 1.0.1-style LIF as this family with {@code dt = 1} ({@link #lifFromTauM} per neuron).
     *
     * @param tauM 1.0.1 membrane constant in steps, per neuron [N]
     * @param uThreshold threshold per neuron [N]
     * @param uRest resting potential per neuron [N]
     * @return the LIF
     */
    public static EulerNeuron fromTauM(float[] tauM, float[] uThreshold, float[] uRest) {
        int n = tauM.length;
        float[][] params = new float[EulerKind.LIF.paramNames().size()][n];
        for (int q = 0; q < n; q++) {
            double[] p = lifFromTauM(tauM[q], uThreshold[q], uRest[q], 1.0);
            for (int k = 0; k < p.length; k++) {
                params[k][q] = (float) p[k];
            }
        }
        return new EulerNeuron(EulerKind.LIF, 1.0, params);
    }

    /**
     * This family as the generic loop steps it, with the surrogate derivative of its spike.
     *
     * @param surrogate g of {@code dz/du ~ g(u - v_threshold)} (required for spiking kinds; may be null for analog
     *     kinds)
     * @return the neuron for {@link NeuronSequences}; its parameter gradients are flat [P * N]
     * @throws IllegalArgumentException when a spiking kind has no surrogate
     */
    public SequenceNeuron sequence(SurrogateDerivative surrogate) {
        if (kind.spiking() && surrogate == null) {
            throw new IllegalArgumentException("EulerNeuron: " + kind + " needs a surrogate");
        }
        return new EulerSequence(this, surrogate);
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
        return ThresholdNeuron.fire(u, vThreshold);
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
            v[vOff + j] = rest(j % neurons);
            i[iOff + j] = 0f;
        }
    }

    // ------------------------------------------------------------------ one element: forward

    /**
     * The input stage of neuron q: the synaptic current of this step (current kinds), or the input itself.
     *
     * @param q neuron index in [0, N)
     * @param iPrev current before the step (current kinds; ignored otherwise)
     * @param x input of this step
     * @return {@code i_t}: {@link #current} with {@code dt / tau_syn} for the current kinds, else {@code x}
     */
    public float input(int q, float iPrev, float x) {
        return kind.current() ? current(iPrev, x, wIn[q], ks[q]) : x;
    }

    /**
     * The charge of neuron q.
     *
     * @param q neuron index
     * @param v potential before the step
     * @param i current of this step ({@link #input})
     * @return {@code u_t}: {@link #chargeLeaky} with {@code dt / tau} for the leaky kinds, else
     *     {@link #chargeIntegrator}
     */
    public float charge(int q, float v, float i) {
        return kind.leaky() ? chargeLeaky(v, i, vLeak[q], r[q], k[q]) : chargeIntegrator(v, i, r[q]);
    }

    /**
     * @param q neuron index
     * @param u charged potential
     * @return the output {@code y_t}: the spike {@link #fire} for the spiking kinds, else u
     */
    public float output(int q, float u) {
        return output(q, u, fire(q, u));
    }

    /**
     * @param q neuron index
     * @param u charged potential
     * @return the spike {@code H(u - v_threshold)} of a spiking kind, 0 for an analog kind
     */
    public float fire(int q, float u) {
        return kind.spiking() ? fire(u, vThreshold[q]) : 0f;
    }

    /**
     * @param q neuron index
     * @param u charged potential
     * @param o the spike {@link #fire(int, float)}
     * @return the output: o for a spiking kind, else u
     */
    public float output(int q, float u, float o) {
        return kind.spiking() ? o : u;
    }

    /**
     * @param q neuron index
     * @param u charged potential
     * @param o the spike {@link #fire(int, float)}
     * @return the potential after the step: {@code v_reset} where a spiking kind fired, else u
     */
    public float reset(int q, float u, float o) {
        return kind.spiking() && o != 0f ? vReset[q] : u;
    }

    /**
     * @param q neuron index
     * @param u charged potential
     * @return the potential after the step: {@code v_reset} if a spiking kind fired, else u
     */
    public float next(int q, float u) {
        return reset(q, u, fire(q, u));
    }

    /**
     * @param q neuron index
     * @return the potential of neuron q at rest ({@link #restPotential})
     */
    public float rest(int q) {
        return restPotential(kind, kind.leaky() ? vLeak[q] : 0f, kind.spiking() ? vReset[q] : 0f);
    }

    // ------------------------------------------------------------------ one element: backward

    /**
     * The backward of one step of one element: the exact derivative of the forward except that {@code dz/du} is
     * the surrogate derivative {@code g(u_t - v_threshold)}; the reset is differentiated as
     * {@code v = u (1 - z) + v_reset z} (the spike is not detached). With {@code gv = dL/dv_t}, {@code gi = dL/di_t}
     * arriving from step t+1 and {@code gy = dL/dy_t}:
     *
     * <pre>
     *   spiking: gz = gy + gv (v_reset - u_t),  gu = gv (1 - z_t) + gz g,  dv_threshold -= gz g,  dv_reset += gv z_t
     *   analog:  gu = gy + gv
     *   leaky:   gv' = gu (1 - k),  gi += gu k r,  dtau += -gu ((v_leak - v_{t-1}) + r i_t) k / tau,  dv_leak += gu k,
     *            dr += gu k i_t                                                        (k = dt/tau)
     *   IF, I:   gv' = gu,  gi += gu r,  dr += gu i_t
     *   current: gi' = gi (1 - ks),  dx = gi ks w_in,  dtau_syn += -gi ((-i_{t-1}) + w_in x_t) ks / tau_syn,
     *            dw_in += gi ks x_t                                                    (ks = dt/tau_syn)
     *   other:   dx = gi,  gi' = 0
     * </pre>
     *
     * float32 in this order; the parameter terms in double.
     *
     * @param q neuron index
     * @param x input {@code x_t}
     * @param iPrev current {@code i_{t-1}} (current kinds; ignored otherwise)
     * @param i current {@code i_t} (current kinds; for the others the input x_t)
     * @param vPrev potential {@code v_{t-1}}
     * @param u charged potential {@code u_t}
     * @param surrogate the surrogate derivative g (spiking kinds)
     * @param gy dL/dy_t
     * @param gv dL/dv_t from step t+1
     * @param gi dL/di_t from step t+1 (current kinds; ignored otherwise)
     * @param out receives {@code [dL/dx_t, dL/dv_{t-1}, dL/di_{t-1}]} (the last 0 for the other kinds)
     * @param acc per-neuron parameter sums, flat [P * N] (parameter p of neuron q at {@code p * N + q}) in
     *     {@link EulerKind#paramNames()} order, that this step's terms are added to, or null when the parameter
     *     gradients are not needed
     */
    public void backward(int q, float x, float iPrev, float i, float vPrev, float u, SurrogateDerivative surrogate,
            float gy, float gv, float gi, float[] out, double[] acc) {
        EulerKind kd = kind;
        int n = neurons;
        float gu;
        if (kd.spiking()) {
            float th = vThreshold[q];
            float z = fire(u, th);
            float sg = (float) surrogate.derivative(u - th);
            float gz = gy + gv * (vReset[q] - u);
            gu = gv * (1f - z) + gz * sg;
            if (acc != null) {
                acc[iVThreshold * n + q] -= (double) gz * sg;
                acc[iVReset * n + q] += (double) gv * z;
            }
        } else {
            gu = gy + gv;
        }
        float git = kd.current() ? gi : 0f;
        float gvPrev;
        if (kd.leaky()) {
            float kk = k[q];
            gvPrev = gu * (1f - kk);
            git += gu * kk * r[q];
            if (acc != null) {
                double drive = (double) (vLeak[q] - vPrev) + (double) r[q] * i;
                acc[iTau * n + q] += -(double) gu * drive * kk / tau[q];
                acc[iVLeak * n + q] += (double) gu * kk;
                acc[iR * n + q] += (double) gu * kk * i;
            }
        } else {
            gvPrev = gu;
            git += gu * r[q];
            if (acc != null) {
                acc[iR * n + q] += (double) gu * i;
            }
        }
        float gx;
        float giPrev;
        if (kd.current()) {
            float s = ks[q];
            gx = git * s * wIn[q];
            if (acc != null) {
                double drive = -(double) iPrev + (double) wIn[q] * x;
                acc[iTauSyn * n + q] += -(double) git * drive * s / tauSyn[q];
                acc[iWIn * n + q] += (double) git * s * x;
            }
            giPrev = git * (1f - s);
        } else {
            gx = git;
            giPrev = 0f;
        }
        out[0] = gx;
        out[1] = gvPrev;
        out[2] = giPrev;
    }

    /**
     * The gradient of a sequence that started at rest, reaching the parameter the rest potential is: v_leak (leaky
     * kinds) or v_reset (IF); nothing for I.
     *
     * @param q neuron index
     * @param gv dL/dv_{-1}
     * @param acc per-neuron parameter sums, flat [P * N], to add to
     */
    public void restBackward(int q, float gv, double[] acc) {
        int n = neurons;
        if (kind.leaky()) {
            acc[iVLeak * n + q] += gv;
        } else if (kind.spiking()) {
            acc[iVReset * n + q] += gv;
        }
    }

    // ------------------------------------------------------------------ a layer

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
        boolean current = kind.current();
        int n = neurons;
        for (int j = from; j < to; j++) {
            int q = j % n;
            float iv = input(q, current ? i[iOff + j] : 0f, x[xOff + j]);
            if (current) {
                i[iOff + j] = iv;
            }
            float uv = charge(q, v[vOff + j], iv);
            y[yOff + j] = output(q, uv);
            v[vOff + j] = next(q, uv);
        }
    }
}
