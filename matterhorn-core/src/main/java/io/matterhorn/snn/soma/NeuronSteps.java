package io.matterhorn.snn.soma;

import io.matterhorn.neuron.AdaptiveLif;
import io.matterhorn.neuron.SurrogateDerivative;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import io.matterhorn.neuron.NeuronSequences;
import io.matterhorn.neuron.SequenceNeuron;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer of neurons advanced one step at a time over M = B * N elements, with the backward of each step: the
 * fused kernel of a soma family cut at step boundaries, so that {@link StepSequenceNode} can add a recurrent input
 * between steps. The maths stays the family's own loop ({@link NeuronSequences} called with T = 1,
 * {@link SomaSequenceNode.Kernel} with T = 1, {@link AdaptiveLif}'s layer step); this class keeps what each step's
 * backward
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

    /** {@link ArraySoma} kinds through {@link NeuronSequences} with T = 1; state i (current kinds) and v. */
    static final class Euler extends NeuronSteps {
        private final EulerNeuron neuron;
        private final SequenceNeuron c;
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
            this.neuron = new EulerNeuron(kind, soma.dt(), pv);
            this.c = neuron.sequence(soma.surrogate());
            iPrev = new float[steps][];
            vPrev = new float[steps][];
            u = new float[steps][];
            cur = new float[steps][];
            grads = paramGrads ? new double[pv.length][neuron.neurons()] : new double[pv.length][0];
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
            float[] v = state[state.length - 1];
            int n = neuron.neurons();
            for (int j = 0; j < m; j++) {
                v[j] = neuron.rest(j % n);
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
            NeuronSequences.forward(c, FloatBuffer.wrap(x), 0, rest ? null : iPrev[t], rest ? null : vPrev[t], 1, m,
                    FloatBuffer.wrap(y), u[t], cur[t], i, v);
        }

        @Override
        void backward(int t, float[] x, float[] gy, float[][] gState, float[] gx) {
            boolean rest = t == 0 && fromRest;
            float[] gi = kind.current() ? gState[0] : null;
            float[] gv = gState[gState.length - 1];
            double[] dp = NeuronSequences.backward(c, FloatBuffer.wrap(x), 0, rest ? null : iPrev[t],
                    rest ? null : vPrev[t], u[t], cur[t], FloatBuffer.wrap(gy), 0, gi, gv, 1, m, FloatBuffer.wrap(gx),
                    gi, rest ? null : gv, paramGrads);
            u[t] = null;
            cur[t] = null;
            int n = neuron.neurons();
            for (int k = 0; paramGrads && k < grads.length; k++) {
                for (int q = 0; q < n; q++) {
                    grads[k][q] += dp[k * n + q];
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

    /** {@link AdaptiveLIF} through {@link AdaptiveLif}, elements in parallel; state v, a, z. */
    static final class Adaptive extends NeuronSteps {
        private static final int MIN_ELEMENTS_PER_TASK = 4096;
        private final AdaptiveLif neuron;
        private final SurrogateDerivative surrogate;
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
            if (soma.spikingFunction() == null) {
                throw new IllegalArgumentException("AdaptiveLIF: a surrogate is required");
            }
            this.neuron = new AdaptiveLif(soma.dt(), pv);
            this.surrogate = soma.spikingFunction();
            vPrev = new float[steps][];
            aPrev = new float[steps][];
            zPrev = new float[steps][];
            v = new float[steps][];
            grads = paramGrads ? new double[pv.length][neuron.neurons()] : null;
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
            int n = neuron.neurons();
            if (m % n != 0 || x.length < m) {
                throw new IllegalArgumentException("AdaptiveLIF: arrays must hold M = B * " + n + " elements, got "
                        + m);
            }
            boolean[] nan = new boolean[1];
            Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
                for (int j = from; j < to; j++) {
                    if (x[j] != x[j]) {
                        nan[0] = true;
                        return;
                    }
                }
                neuron.step(x, 0, state[0], 0, state[1], 0, state[2], 0, y, 0, from, to);
            });
            if (nan[0]) {
                throw new IllegalArgumentException("soma input contains NaN");
            }
            v[t] = copy(state[0]);
        }

        @Override
        void backward(int t, float[] x, float[] gy, float[][] gState, float[] gx) {
            int n = neuron.neurons();
            int chunks = Parallel.chunks(m, MIN_ELEMENTS_PER_TASK);
            double[][] partial = grads != null ? new double[chunks][4 * n] : null;
            Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> neuron.backward(vPrev[t], aPrev[t],
                    zPrev[t], v[t], surrogate, gy, gState[0], gState[1], gState[2], gx, from, to,
                    partial == null ? null : partial[chunk]));
            if (partial != null) {
                double[] acc = new double[4 * n];
                for (double[] part : partial) {
                    for (int k = 0; k < acc.length; k++) {
                        acc[k] += part[k];
                    }
                }
                neuron.paramGradients(acc, grads);
            }
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
