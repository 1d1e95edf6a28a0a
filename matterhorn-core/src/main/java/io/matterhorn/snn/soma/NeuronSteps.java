package io.matterhorn.snn.soma;

import io.matterhorn.kernel.AdaptiveLifKernel;
import io.matterhorn.kernel.ArrayNeuronKernel;
import io.matterhorn.neuron.AdaptiveLif;
import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer of neurons advanced one step at a time over M = B * N elements, with the backward of each step: the
 * fused kernel of a soma family cut at step boundaries, so that {@link StepSequenceNode} can add a recurrent input
 * between steps. The maths stays the family's own kernel ({@link ArrayNeuronKernel} called with T = 1,
 * {@link SomaSequenceNode.Kernel} with T = 1, {@link AdaptiveLifKernel}); this class keeps what each step's backward
 * needs (the state before the step and the kernel's saved values) and sums the parameter gradients. One instance
 * serves one sequence: T forward calls in order, then T backward calls in reverse order. Not thread-safe.
 */
abstract class NeuronSteps {
    /** Steps T of the sequence. */
    final int steps;
    /** Elements M = B * N per step. */
    final int m;
    /** Whether the sequence starts at rest (no state given): then the rest state's parameters get its gradient. */
    final boolean fromRest;
    /** Whether the parameter gradients are wanted (some parameter requires a gradient). */
    final boolean paramGrads;

    NeuronSteps(int steps, int m, boolean fromRest, List<Tensor> params) {
        this.steps = steps;
        this.m = m;
        this.fromRest = fromRest;
        this.paramGrads = params.stream().anyMatch(Tensor::requiresGrad);
    }

    /** @return the names of the state variables, each [M] */
    abstract List<String> stateNames();

    /** @return whether the output holds 0/1 spikes */
    abstract boolean spiking();

    /** @param state receives the rest state [K][M] */
    abstract void rest(float[][] state);

    /**
     * Step t forward.
     *
     * @param t step, 0..T-1 in order
     * @param x input of the step [M] (kept unchanged by the caller until the backward)
     * @param state in: the state before the step; out: after it
     * @param y output of the step [M]
     */
    abstract void forward(int t, float[] x, float[][] state, float[] y);

    /**
     * Step t backward.
     *
     * @param t step, T-1..0 in order
     * @param x the forward's input of the step [M]
     * @param gy dL/dy of the step [M]
     * @param gState in: dL/d(state after the step); out: dL/d(state before it) (undefined after step 0 of a
     *     sequence that started at rest)
     * @param gx output dL/dx of the step [M]
     */
    abstract void backward(int t, float[] x, float[] gy, float[][] gState, float[] gx);

    /** @return the parameter tensors, in the order of {@link #parameterGrads()} */
    abstract List<Tensor> parameters();

    /** @return the summed parameter gradients, one flat array per parameter (empty arrays when not computed) */
    abstract double[][] parameterGrads();

    static float[] copy(float[] v) {
        return v.clone();
    }

    // ------------------------------------------------------------------ the per-neuron-parameter somas

    /** {@link ArraySoma} kinds through {@link ArrayNeuronKernel} with T = 1; state i (current kinds) and v. */
    static final class Euler extends NeuronSteps {
        private final ArrayNeuronKernel.Config c;
        private final EulerKind kind;
        private final List<Tensor> params;
        private final float[][] iPrev;
        private final float[][] vPrev;
        private final float[][] u;
        private final float[][] cur;
        private final double[][] grads;

        Euler(ArraySoma soma, int steps, int m, boolean fromRest) {
            super(steps, m, fromRest, kindParams(soma));
            this.kind = soma.kind();
            this.params = kindParams(soma);
            float[][] pv = new float[params.size()][];
            for (int k = 0; k < pv.length; k++) {
                pv[k] = Layout.toFloatArray(params.get(k).value());
            }
            this.c = new ArrayNeuronKernel.Config(kind, soma.dt(), pv, soma.surrogate());
            iPrev = new float[steps][];
            vPrev = new float[steps][];
            u = new float[steps][];
            cur = new float[steps][];
            grads = paramGrads ? new double[pv.length][c.neurons()] : new double[pv.length][0];
        }

        private static List<Tensor> kindParams(ArraySoma soma) {
            List<Tensor> out = new ArrayList<>();
            for (String name : soma.kind().paramNames()) {
                out.add(soma.namedParameters().get(name));
            }
            return out;
        }

        @Override
        List<String> stateNames() {
            return kind.current() ? List.of("i", "v") : List.of("v");
        }

        @Override
        boolean spiking() {
            return kind.spiking();
        }

        @Override
        void rest(float[][] state) {
            float[][] p = c.params();
            int n = c.neurons();
            float[] vl = kind.leaky() ? p[kind.index("v_leak")] : null;
            float[] vr = kind.spiking() ? p[kind.index("v_reset")] : null;
            float[] v = state[state.length - 1];
            for (int j = 0; j < m; j++) {
                int q = j % n;
                v[j] = EulerNeuron.restPotential(kind, vl == null ? 0f : vl[q], vr == null ? 0f : vr[q]);
            }
            if (kind.current()) {
                java.util.Arrays.fill(state[0], 0f);
            }
        }

        @Override
        void forward(int t, float[] x, float[][] state, float[] y) {
            boolean rest = t == 0 && fromRest;
            float[] i = kind.current() ? state[0] : null;
            float[] v = state[state.length - 1];
            iPrev[t] = i == null ? null : copy(i);
            vPrev[t] = copy(v);
            u[t] = new float[m];
            cur[t] = kind.current() ? new float[m] : null;
            ArrayNeuronKernel.forward(c, x, 1, rest ? null : iPrev[t], rest ? null : vPrev[t], y, u[t], cur[t], i,
                    v);
        }

        @Override
        void backward(int t, float[] x, float[] gy, float[][] gState, float[] gx) {
            boolean rest = t == 0 && fromRest;
            float[] gi = kind.current() ? gState[0] : null;
            float[] gv = gState[gState.length - 1];
            double[][] dp = ArrayNeuronKernel.backward(c, x, 1, rest ? null : iPrev[t], rest ? null : vPrev[t], u[t],
                    cur[t], gy, gi, gv, gx, gi, rest ? null : gv, paramGrads);
            u[t] = null;
            cur[t] = null;
            for (int k = 0; paramGrads && k < dp.length; k++) {
                for (int q = 0; q < dp[k].length; q++) {
                    grads[k][q] += dp[k][q];
                }
            }
        }

        @Override
        List<Tensor> parameters() {
            return params;
        }

        @Override
        double[][] parameterGrads() {
            return grads;
        }
    }

    // ------------------------------------------------------------------ the one-variable somas

    /** A {@link Soma} with a fused kernel, called with T = 1; state h (the potential after the reset). */
    static final class OneVariable extends NeuronSteps {
        private final SomaSequenceNode.Kernel kernel;
        private final List<Tensor> params;
        private final boolean spikeValued;
        private final float uRest;
        private final float[][] hPrev;
        private final float[][] u;
        private final double[][] grads;
        private final float[] gh0;

        OneVariable(Soma soma, Soma.Fused f, int steps, int m, boolean fromRest) {
            super(steps, m, fromRest, f.parameters());
            this.kernel = f.kernel();
            this.params = f.parameters();
            this.spikeValued = f.spikeValued();
            this.uRest = (float) soma.uRest();
            hPrev = new float[steps][];
            u = new float[steps][];
            grads = new double[params.size()][paramGrads ? 1 : 0];
            gh0 = new float[m];
        }

        @Override
        List<String> stateNames() {
            return List.of("h");
        }

        @Override
        boolean spiking() {
            return spikeValued;
        }

        @Override
        void rest(float[][] state) {
            java.util.Arrays.fill(state[0], uRest);
        }

        @Override
        void forward(int t, float[] x, float[][] state, float[] y) {
            boolean rest = t == 0 && fromRest;
            hPrev[t] = copy(state[0]);
            u[t] = new float[m];
            kernel.forward(FloatBuffer.wrap(x), 0, rest ? null : hPrev[t], 1, m, FloatBuffer.wrap(y), u[t],
                    state[0]);
        }

        @Override
        void backward(int t, float[] x, float[] gy, float[][] gState, float[] gx) {
            boolean rest = t == 0 && fromRest;
            double[] dp = kernel.backward(FloatBuffer.wrap(x), 0, rest ? null : hPrev[t], u[t], FloatBuffer.wrap(gy),
                    0, gState[0], 1, m, FloatBuffer.wrap(gx), rest ? null : gh0, paramGrads);
            u[t] = null;
            if (!rest) {
                System.arraycopy(gh0, 0, gState[0], 0, m);
            }
            for (int k = 0; paramGrads && k < params.size(); k++) {
                grads[k][0] += dp[k];
            }
        }

        @Override
        List<Tensor> parameters() {
            return params;
        }

        @Override
        double[][] parameterGrads() {
            return grads;
        }
    }

    // ------------------------------------------------------------------ the adaptive LIF

    /** {@link AdaptiveLIF} through {@link AdaptiveLifKernel}; state v, a, z. */
    static final class Adaptive extends NeuronSteps {
        private final AdaptiveLifKernel.Config c;
        private final List<Tensor> params;
        private final float[][] vPrev;
        private final float[][] aPrev;
        private final float[][] zPrev;
        private final float[][] v;
        private final double[][] grads;

        Adaptive(AdaptiveLIF soma, int steps, int m, boolean fromRest) {
            super(steps, m, fromRest, soma.kernelParameters());
            this.params = soma.kernelParameters();
            float[][] pv = new float[params.size()][];
            for (int k = 0; k < pv.length; k++) {
                pv[k] = Layout.toFloatArray(params.get(k).value());
            }
            this.c = new AdaptiveLifKernel.Config(soma.dt(), pv, soma.spikingFunction());
            vPrev = new float[steps][];
            aPrev = new float[steps][];
            zPrev = new float[steps][];
            v = new float[steps][];
            grads = paramGrads ? new double[pv.length][c.neurons()] : null;
        }

        @Override
        List<String> stateNames() {
            return List.of("v", "a", "z");
        }

        @Override
        boolean spiking() {
            return true;
        }

        @Override
        void rest(float[][] state) {
            for (float[] s : state) {
                java.util.Arrays.fill(s, 0f);
            }
        }

        @Override
        void forward(int t, float[] x, float[][] state, float[] y) {
            vPrev[t] = copy(state[0]);
            aPrev[t] = copy(state[1]);
            zPrev[t] = copy(state[2]);
            AdaptiveLifKernel.forward(c, x, state[0], state[1], state[2], y);
            v[t] = copy(state[0]);
        }

        @Override
        void backward(int t, float[] x, float[] gy, float[][] gState, float[] gx) {
            AdaptiveLifKernel.backward(c, vPrev[t], aPrev[t], zPrev[t], v[t], gy, gState[0], gState[1], gState[2], gx,
                    grads);
            vPrev[t] = null;
            aPrev[t] = null;
            zPrev[t] = null;
            v[t] = null;
        }

        @Override
        List<Tensor> parameters() {
            return params;
        }

        @Override
        double[][] parameterGrads() {
            return grads == null ? new double[params.size()][0] : grads;
        }
    }

    /**
     * @param neuron a soma module
     * @param steps T
     * @param m elements per step
     * @param fromRest whether the sequence starts at rest
     * @return its steps, or null when the module has no fused kernel that can be cut into steps
     */
    static NeuronSteps of(Object neuron, int steps, int m, boolean fromRest) {
        if (neuron instanceof AdaptiveLIF a) {
            return new Adaptive(a, steps, m, fromRest);
        }
        if (neuron instanceof ArraySoma a) {
            return new Euler(a, steps, m, fromRest);
        }
        if (neuron instanceof Soma s) {
            Soma.Fused f = s.fused();
            return f == null ? null : new OneVariable(s, f, steps, m, fromRest);
        }
        return null;
    }
}
