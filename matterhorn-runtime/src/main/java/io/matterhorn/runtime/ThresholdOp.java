package io.matterhorn.runtime;

import io.matterhorn.neuron.EulerNeuron;

/** NIR's {@code Threshold}: {@code z = H(x - theta)} per neuron, no state. Immutable. */
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
        float[] x = in.values;
        float[] y = out.values;
        for (int j = 0; j < theta.length; j++) {
            y[j] = EulerNeuron.fire(x[j], theta[j]);
        }
        out.indexOnes();
    }
}
