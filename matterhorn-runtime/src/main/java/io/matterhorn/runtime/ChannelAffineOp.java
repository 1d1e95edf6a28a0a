package io.matterhorn.runtime;

/**
 * {@code y[c, ...] = a[c] x[c, ...] + b[c]}: an evaluation-mode batch norm that follows no synapse it could be
 * folded into, or NIR's {@code Scale}. Channel-major input {@code [C, rest]}. Immutable.
 */
final class ChannelAffineOp extends Op {
    private final float[] scale;
    private final float[] shift;
    private final int per;

    ChannelAffineOp(String label, int size, float[] scale, float[] shift) {
        super(label, size, size);
        if (size % scale.length != 0 || shift.length != scale.length) {
            throw new IllegalArgumentException(label + ": " + scale.length + " channels do not divide " + size
                    + " values");
        }
        this.scale = scale.clone();
        this.shift = shift.clone();
        this.per = size / scale.length;
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        float[] x = in.values;
        float[] y = out.values;
        for (int c = 0; c < scale.length; c++) {
            float a = scale[c];
            float b = shift[c];
            for (int j = c * per, end = j + per; j < end; j++) {
                y[j] = a * x[j] + b;
            }
        }
        out.binary = false;
    }
}
