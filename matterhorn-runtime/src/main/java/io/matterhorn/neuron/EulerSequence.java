package io.matterhorn.neuron;

/**
 * An {@link EulerNeuron} with the surrogate of its spike, as the generic loop {@link NeuronSequences} steps it:
 * every method is the neuron's own per-element function. Immutable and thread-safe.
 */
final class EulerSequence implements SequenceNeuron {
    private final EulerNeuron neuron;
    private final SurrogateDerivative surrogate;
    private final boolean current;

    EulerSequence(EulerNeuron neuron, SurrogateDerivative surrogate) {
        this.neuron = neuron;
        this.surrogate = surrogate;
        this.current = neuron.kind().current();
    }

    @Override
    public int width() {
        return neuron.neurons();
    }

    @Override
    public boolean hasCurrent() {
        return current;
    }

    @Override
    public float rest(int q) {
        return neuron.rest(q);
    }

    @Override
    public float input(int q, float iPrev, float x) {
        return neuron.input(q, iPrev, x);
    }

    @Override
    public float charge(int q, float v, float i) {
        return neuron.charge(q, v, i);
    }

    @Override
    public float fire(int q, float u) {
        return neuron.fire(q, u);
    }

    @Override
    public float output(int q, float u, float o) {
        return neuron.output(q, u, o);
    }

    @Override
    public float reset(int q, float u, float o) {
        return neuron.reset(q, u, o);
    }

    @Override
    public int paramGradientLength() {
        return neuron.kind().paramNames().size() * neuron.neurons();
    }

    @Override
    public void backward(int q, float x, float iPrev, float i, float vPrev, float u, float gy, float gv, float gi,
            float[] out, double[] acc) {
        neuron.backward(q, x, iPrev, i, vPrev, u, surrogate, gy, gv, gi, out, acc);
    }

    @Override
    public void restBackward(int q, float gv, double[] acc) {
        neuron.restBackward(q, gv, acc);
    }
}
