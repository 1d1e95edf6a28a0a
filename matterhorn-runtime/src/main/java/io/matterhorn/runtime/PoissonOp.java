package io.matterhorn.runtime;

/**
 * The rate encoder of {@code PoissonEncoder} for one step: element j fires with probability
 * {@code p = (x - min) / (max - min)} (not clamped), drawn from the stream's own generator with 24-bit resolution
 * ({@code r <= p}, r uniform in [0, 1)). Only elements with {@code p > 0} take a draw. The draws are the stream's, not
 * training's: the same seed gives the same spikes for the same stream. Immutable.
 */
final class PoissonOp extends Op {
    private final float min;
    private final float range;

    PoissonOp(String label, int size, double min, double max) {
        super(label, size, size);
        this.min = (float) min;
        this.range = (float) (max - min);
        if (!(max > min) || !Double.isFinite(max) || !Double.isFinite(min)) {
            throw new IllegalArgumentException(label + ": needs finite min_value < max_value, got " + min + " and "
                    + max);
        }
    }

    @Override
    boolean binaryOutput() {
        return true;
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        float[] x = in.values;
        float[] y = out.values;
        int[] a = out.active;
        int c = 0;
        for (int j = 0; j < x.length; j++) {
            float p = (x[j] - min) / range;
            boolean fire = p >= 1f || p > 0f && random.nextFloat24() <= p;
            y[j] = fire ? 1f : 0f;
            if (fire) {
                a[c++] = j;
            }
        }
        out.count = c;
        out.binary = true;
    }
}
