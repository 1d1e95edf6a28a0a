package io.matterhorn.snn.soma;

import io.matterhorn.Matterhorn;
import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.SequenceModule;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A recurrent layer: a neuron layer that also receives its own output of the previous step through a trainable
 * weight {@code V [N, N]}. Per sample, with {@code x_t} the layer's input (usually {@code W s_t} from the synapse
 * before it) and {@code y_t} its output:
 *
 * <pre>
 *   y_t = neuron(x_t + V y_{t-1} [+ c]),     y_{-1} = 0          (c: an optional recurrent bias)
 * </pre>
 *
 * so the input at step t is snnTorch's {@code RLeaky} / NIR's recurrent cycle (the closing edge carries the previous
 * step's output). The neuron is any soma with a fused kernel: the per-neuron-parameter somas ({@link ArrayLIF} LIF
 * and IF, {@link CubaLIF}, and the analog {@link LI}, {@link CubaLI}, {@link Integrator}), the {@link AdaptiveLIF}
 * (a recurrent ALIF layer is the LSNN of Bellec et al. 2018), and the one-variable somas with a fused kernel
 * ({@link LIF}, {@link IF}, {@link QIF}, {@link EIF}, {@link LIAF}, {@link KLIF}).
 *
 * <p>A sequence runs as one fused node (time outer, neurons inner): the product with spikes adds the columns of V of
 * the neurons that fired, and the backward propagates through time, through V and the neuron state (BPTT), with the
 * gradient of V summed over batch and steps. V is initialised uniform in {@code (-1/sqrt(N), 1/sqrt(N))} (PyTorch's
 * {@code nn.Linear} without bias). The neuron is registered as the child {@code "module"}, so its parameters are
 * {@code module.*} in the state dict; V is {@code weight}. Single-step mode (a {@code Sequential} wraps it in
 * {@code Temporal}); state carries over between calls until {@link #reset()}. Not thread-safe.
 */
public final class Recurrent extends Module implements SequenceModule {
    private final int features;
    private final Module neuron;
    private final Tensor weight;
    private final Tensor bias;
    private final CarriedState state = new CarriedState();

    /**
     * A recurrent layer with V drawn from {@link Matterhorn#random()}.
     *
     * @param features N, the number of neurons per sample
     * @param neuron the neuron layer (a soma in single-step mode, see the class comment)
     */
    public Recurrent(int features, Module neuron) {
        this(features, neuron, Matterhorn.random());
    }

    /**
     * @param features N, the number of neurons per sample, positive
     * @param neuron the neuron layer (a soma in single-step mode, see the class comment)
     * @param random source of V's initial values
     * @throws IllegalArgumentException for a module that is not such a soma, or a neuron layer of another size
     */
    public Recurrent(int features, Module neuron, Random random) {
        this(features, neuron, false, random);
    }

    /**
     * @param features N, the number of neurons per sample, positive
     * @param neuron the neuron layer (a soma in single-step mode, see the class comment)
     * @param bias whether the recurrent product adds a trainable bias c [N] (NIR's Affine loop, snnTorch's
     *     {@code RLeaky} with its default {@code nn.Linear}); initialised uniform in {@code (-1/sqrt(N), 1/sqrt(N))}
     * @param random source of the initial values
     * @throws IllegalArgumentException for a module that is not such a soma, or a neuron layer of another size
     */
    public Recurrent(int features, Module neuron, boolean bias, Random random) {
        if (features < 1) {
            throw new IllegalArgumentException("Recurrent: features must be positive, got " + features);
        }
        if (neuron == null) {
            throw new IllegalArgumentException("Recurrent: neuron must not be null");
        }
        long size = neuronCount(neuron);
        if (size >= 0 && size != features) {
            throw new IllegalArgumentException("Recurrent: the neuron layer " + neuron.getClass().getSimpleName()
                    + " has " + size + " neurons per sample, expected " + features);
        }
        this.features = features;
        int n = InputChecks.elementCount("Recurrent(" + features + ")", "weight [N, N]", features, features);
        double bound = 1.0 / Math.sqrt(features);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        this.weight = registerParameter("weight", Tensor.parameter(Nd4j.create(v, new long[] {features, features},
                'c'), true));
        float[] c = new float[features];
        for (int i = 0; bias && i < features; i++) {
            c[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        this.bias = bias ? registerParameter("bias", Tensor.parameter(Nd4j.create(c, new long[] {features}, 'c'),
                true)) : null;
        this.neuron = registerChild("module", neuron);
    }

    /** @return the neuron count of a supported neuron layer, or -1 when any count fits (one-variable somas) */
    private static long neuronCount(Module neuron) {
        if (neuron.isMultiStep()) {
            throw new IllegalArgumentException("Recurrent: the neuron " + neuron.getClass().getSimpleName()
                    + " is in multi-step mode; give the soma itself");
        }
        if (neuron instanceof AdaptiveLIF a) {
            return a.neurons();
        }
        if (neuron instanceof ArraySoma a) {
            long n = 1;
            for (long s : a.neuronShape()) {
                n *= s;
            }
            return n;
        }
        if (neuron instanceof Soma s && s.fused() != null) {
            return -1;
        }
        throw new IllegalArgumentException("Recurrent: " + neuron.getClass().getSimpleName() + " is not a neuron "
                + "layer with a fused kernel (use an ArrayLIF, CubaLIF, LI, CubaLI, Integrator, AdaptiveLIF, or a LIF, "
                + "IF, QIF, EIF, LIAF or KLIF soma)");
    }

    /** @return N, the number of neurons per sample */
    public int features() {
        return features;
    }

    /** @return the neuron layer */
    public Module neuron() {
        return neuron;
    }

    /** @return the recurrent weight V [N, N] (V[o, j] connects neuron j's previous output to neuron o) */
    public Tensor weight() {
        return weight;
    }

    /** @return the recurrent bias c [N], or null when the layer has none */
    public Tensor bias() {
        return bias;
    }

    /**
     * @param name a state variable of the neuron layer ("v", "i", "a", "z", "h" by family) or "output" (the last
     *     output, which the next step's recurrence reads)
     * @return its value [B, N] after the last step, or null at rest
     */
    public Tensor stateOf(String name) {
        return name.equals("output") ? state.lastOutput() : state.get(name);
    }

    /**
     * One step.
     *
     * @param x input [B, ...] with N values per sample
     * @return output, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        requireShape(x, 1);
        return run(x.reshape(1, x.size(0), features)).reshape(x.shape());
    }

    /**
     * A whole sequence as one fused node; the same values and gradients as T single steps.
     *
     * @param x input [T, B, ...] with N values per sample, T &gt;= 1
     * @return output, same shape
     */
    @Override
    public Tensor forwardSequence(Tensor x) {
        requireShape(x, 2);
        return run(x.reshape(x.size(0), x.size(1), features)).reshape(x.shape());
    }

    private void requireShape(Tensor x, int lead) {
        InputChecks.requireFloatingInput("Recurrent", x);
        long[] shape = x.shape();
        long per = 1;
        for (int i = lead; i < shape.length; i++) {
            per *= shape[i];
        }
        if (shape.length < lead + 1 || per != features || lead == 2 && shape[0] < 1) {
            throw new IllegalArgumentException("Recurrent(" + features + "): expected " + (lead == 1 ? "one step "
                    + "[B, ...]" : "a sequence [T, B, ...]") + " with " + features + " values per sample, got "
                    + Arrays.toString(shape));
        }
        state.requireBatch("Recurrent", shape[lead - 1]);
    }

    private Tensor run(Tensor x) {
        int steps = (int) x.size(0);
        int m = (int) (x.size(1) * features);
        NeuronSteps k = NeuronSteps.of(neuron, steps, m, state.atRest());
        if (k == null) {
            throw new IllegalStateException("Recurrent: " + neuron.getClass().getSimpleName() + " has no fused "
                    + "kernel");
        }
        List<String> names = k.stateNames();
        StepSequenceNode.Result r = StepSequenceNode.run("Recurrent(" + neuron.getClass().getSimpleName() + ")", k,
                x, features, state.state(names), weight, bias, state.lastOutput());
        state.keep(names, r);
        return r.output();
    }

    @Override
    public boolean supportsMultiStep() {
        return false;
    }

    @Override
    public void reset() {
        state.clear();
        super.reset();
    }

    @Override
    public void detach() {
        state.detach();
        super.detach();
    }

    @Override
    protected String describe() {
        return "Recurrent(features=" + features + (bias != null ? ", bias=true" : "") + ")";
    }
}
