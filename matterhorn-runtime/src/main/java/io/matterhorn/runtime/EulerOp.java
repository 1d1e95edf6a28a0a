package io.matterhorn.runtime;

import io.matterhorn.neuron.EulerNeuron;

/**
 * A layer of per-neuron-parameter neurons ({@link EulerNeuron}: NIR's LI, LIF, IF, I, CubaLI, CubaLIF). State: the
 * synaptic currents [N] then the potentials [N]. Immutable.
 */
final class EulerOp extends Op {
    private final EulerNeuron neuron;

    EulerOp(String label, EulerNeuron neuron) {
        super(label, neuron.neurons(), neuron.neurons());
        this.neuron = neuron;
    }

    @Override
    int stateSize() {
        return 2 * outSize;
    }

    @Override
    void rest(float[] state, int off) {
        neuron.rest(state, off, state, off + outSize, outSize);
    }

    @Override
    boolean binaryOutput() {
        return neuron.kind().spiking();
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        neuron.step(in.values, 0, state, off, state, off + outSize, out.values, 0, 0, outSize);
        if (neuron.kind().spiking()) {
            out.indexOnes();
        } else {
            out.binary = false;
        }
    }
}
