package io.matterhorn.runtime;

import io.matterhorn.neuron.SomaNeuron;

/**
 * A layer of one-variable somas ({@link SomaNeuron}: IF, LIF, QIF, EIF, ...), one potential per neuron as state.
 * For spiking somas the output is binary and its ones are indexed as they fire. Immutable.
 */
final class SomaOp extends Op {
    private final SomaNeuron neuron;
    private final boolean spiking;

    SomaOp(String label, int neurons, SomaNeuron neuron, boolean spiking) {
        super(label, neurons, neurons);
        this.neuron = neuron;
        this.spiking = spiking;
    }

    @Override
    int stateSize() {
        return outSize;
    }

    @Override
    void rest(float[] state, int off) {
        java.util.Arrays.fill(state, off, off + outSize, neuron.uRest());
    }

    @Override
    boolean binaryOutput() {
        return spiking;
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        if (spiking) {
            out.count = neuron.step(in.values, 0, state, off, out.values, 0, outSize, out.active);
            out.binary = true;
        } else {
            neuron.step(in.values, 0, state, off, out.values, 0, outSize, null);
            out.binary = false;
        }
    }
}
