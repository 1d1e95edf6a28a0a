package io.matterhorn.runtime;

import io.matterhorn.neuron.AdaptiveLif;

/**
 * A layer of adaptive LIF neurons ({@link AdaptiveLif}). State: the potentials [N], the adaptation traces [N], then
 * the previous step's spikes [N]. The output is binary with its ones indexed. Immutable.
 */
final class AdaptiveLifOp extends Op {
    private final AdaptiveLif neuron;

    AdaptiveLifOp(String label, AdaptiveLif neuron) {
        super(label, neuron.neurons(), neuron.neurons());
        this.neuron = neuron;
    }

    @Override
    int stateSize() {
        return 3 * outSize;
    }

    @Override
    void rest(float[] state, int off) {
        neuron.rest(state, off, outSize);
    }

    @Override
    boolean binaryOutput() {
        return true;
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        int n = outSize;
        neuron.step(in.values, 0, state, off, state, off + n, state, off + 2 * n, out.values, 0, 0, n);
        out.indexOnes();
    }
}
