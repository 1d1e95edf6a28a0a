package io.matterhorn.jni;

import io.matterhorn.kernel.jvm.JavaSomaKernels;
import io.matterhorn.kernel.SomaArgs;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.numeric.SparseRows;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SomaKernels} of one {@link NativeBridge} backend (CPU or CUDA). Arguments are checked in Java with
 * {@link SomaArgs} (same messages as the Java backend) and again in the library. The library implements the
 * four built-in surrogates; a spec with a custom surrogate runs on the pure-Java kernel instead, which is logged
 * once per backend. Thread-safe.
 */
final class BridgeSomaKernels implements SomaKernels {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeSomaKernels.class);
    private static final SomaKernels JAVA = new JavaSomaKernels();
    private final int backend;
    private final String name;
    private final AtomicBoolean fallbackLogged = new AtomicBoolean();

    /**
     * @param backend {@link NativeBridge#CPU} or {@link NativeBridge#CUDA}
     * @param name backend name for the log
     */
    BridgeSomaKernels(int backend, String name) {
        this.backend = backend;
        this.name = name;
    }

    /** @return whether the library implements the spec's surrogate; logs the first fallback */
    private boolean runsNatively(SomaSpec spec) {
        if (spec.surrogate().builtIn()) {
            return true;
        }
        if (fallbackLogged.compareAndSet(false, true)) {
            LOG.info("{} kernels implement the four built-in surrogates; somas with the custom surrogate {} run on "
                    + "the pure-Java kernel", name, spec.surrogate());
        }
        return false;
    }

    @Override
    public void forward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        if (spec != null && !runsNatively(spec)) {
            JAVA.forward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
            return;
        }
        SomaArgs.checkForward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        int total = steps * neurons;
        BufferArg xa = BufferArg.input(x, xOff, total);
        BufferArg sa = BufferArg.output(spikes, total);
        NativeBridge.somaForward(backend, spec.kind().nativeId(), spec.params(), spec.surrogateId(),
                spec.surrogateA(), spec.uThreshold(), spec.uRest(), spec.hardReset(), xa.target(), xa.offset(), h0,
                        steps, neurons,
                sa.target(), u, hLast);
        sa.finish();
    }

    /**
     * The CPU library lists each block's spikes right after computing them (the lists cost a scan of cached spikes,
     * not a pass over the spike array); the CUDA backend and custom surrogates list nothing.
     */
    @Override
    public SparseRows forwardListingSpikes(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps,
            int neurons, FloatBuffer spikes, float[] u, float[] hLast, int cols, long maxOnes,
            boolean writeSpikes) {
        if (backend != NativeBridge.CPU || spec == null || !runsNatively(spec)) {
            return SomaKernels.super.forwardListingSpikes(spec, x, xOff, h0, steps, neurons, spikes, u, hLast, cols,
                    maxOnes, writeSpikes);
        }
        SomaArgs.checkForward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        SomaArgs.checkListing(steps, neurons, cols);
        int total = steps * neurons;
        int rows = total / cols;
        BufferArg xa = BufferArg.input(x, xOff, total);
        BufferArg sa = BufferArg.output(spikes, total);
        int[] rowStart = new int[rows + 1];
        int[] columns = NativeBridge.somaForwardListing(spec.kind().nativeId(), spec.params(), spec.surrogateId(),
                spec.surrogateA(), spec.uThreshold(), spec.uRest(), spec.hardReset(), xa.target(), xa.offset(), h0,
                steps, neurons, sa.target(), u, hLast, cols, maxOnes, rowStart, writeSpikes);
        if (columns == null || writeSpikes) {
            sa.finish();
        }
        return columns == null ? null : new SparseRows(rows, cols, rowStart, columns, null);
    }

    @Override
    public double[] backward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        if (spec != null && !runsNatively(spec)) {
            return JAVA.backward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        }
        double[] dp = new double[spec.kind().paramCount()];
        runBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0, dp);
        return dp;
    }

    /** Skips the parameter-gradient terms in the CPU library (same gradX and gradH0 as {@link #backward}). */
    @Override
    public void backwardInputs(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0) {
        if (spec != null && !runsNatively(spec)) {
            JAVA.backwardInputs(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
            return;
        }
        runBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0, null);
    }

    private void runBackward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0, double[] dp) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        int total = steps * neurons;
        BufferArg xa = BufferArg.input(x, xOff, total);
        BufferArg ga = BufferArg.input(gradSpikes, gOff, total);
        BufferArg gxa = BufferArg.output(gradX, total);
        NativeBridge.somaBackward(backend, spec.kind().nativeId(), spec.params(), spec.surrogateId(),
                spec.surrogateA(), spec.uThreshold(), spec.uRest(), spec.hardReset(), xa.target(), xa.offset(), h0, u,
                ga.target(), ga.offset(), gradHLast, steps, neurons, gxa.target(), gradH0, dp);
        gxa.finish();
    }
}
