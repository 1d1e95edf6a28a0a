package io.matterhorn.runtime;

/** A stateless element-wise function of a model's head: ReLU. Immutable. */
final class ElementwiseOp extends Op {
    ElementwiseOp(String label, int size) {
        super(label, size, size);
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        float[] x = in.values;
        float[] y = out.values;
        for (int j = 0; j < x.length; j++) {
            y[j] = Math.max(x[j], 0f);
        }
        out.binary = false;
    }
}
