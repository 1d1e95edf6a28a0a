package io.matterhorn.runtime;

import io.matterhorn.neuron.ThresholdNeuron;

/** NIR's {@code Threshold}: {@code z = H(x - theta)} per neuron ({@link ThresholdNeuron}), no state. Immutable. */
final class ThresholdOp extends Op {
    private final float[] theta;

    ThresholdOp(String label, float[] theta) {
        super(label, theta.length, theta.length);
        this.theta = theta.clone();
    }

    @Override
    boolean binaryOutput() {
        return true;
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        ThresholdNeuron.step(in.values, theta, out.values, theta.length);
        out.indexOnes();
    }
}
