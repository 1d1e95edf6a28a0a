package io.matterhorn.runtime;

/**
 * A spike-to-spike reshaping layer of matterhorn 1.0.1 ({@code Flatten}, {@code Unflatten}): the values pass
 * unchanged in C order, binarised at 0.5 ({@code y = x >= 0.5 ? 1 : 0}); binary input passes as it is. Immutable.
 */
final class BinariseOp extends Op {
    BinariseOp(String label, int size) {
        super(label, size, size);
    }

    @Override
    boolean binaryOutput() {
        return true;
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        if (in.binary) {
            out.copyFrom(in);
            return;
        }
        float[] x = in.values;
        float[] y = out.values;
        for (int j = 0; j < x.length; j++) {
            y[j] = x[j] >= 0.5f ? 1f : 0f;
        }
        out.indexOnes();
    }
}
