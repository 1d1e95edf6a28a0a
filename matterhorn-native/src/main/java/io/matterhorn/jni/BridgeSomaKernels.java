package io.matterhorn.jni;

import io.matterhorn.kernel.jvm.JavaSomaKernels;
import io.matterhorn.kernel.SomaArgs;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.numeric.ConvGeometry;
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

    /** The CPU library runs the built-in surrogates' somas fused with an event-driven convolution. */
    @Override
    public boolean fusesConvolution(SomaSpec spec) {
        return backend == NativeBridge.CPU && spec != null && spec.surrogate().builtIn();
    }

    @Override
    public SparseRows forwardAfterConvolution(SomaSpec spec, SparseRows ones, FloatBuffer w, int wOff,
            FloatBuffer bias, int biasOff, int cOut, ConvGeometry g, int steps, int batch, float[] h0,
            FloatBuffer spikes, float[] u, float[] hLast, long maxOnes) {
        if (!fusesConvolution(spec)) {
            return SomaKernels.super.forwardAfterConvolution(spec, ones, w, wOff, bias, biasOff, cOut, g, steps, batch,
                    h0, spikes, u, hLast, maxOnes);
        }
        int channels = convolutionChannels(ones, g, steps, batch);
        int sample = Math.multiplyExact(cOut, g.outPlane());
        int neurons = Math.multiplyExact(batch, sample);
        int total = SomaArgs.elements(steps, neurons);
        SomaArgs.requireLength("h0 [N]", h0, neurons, true);
        SomaArgs.requireBuffer("spikes [T, N]", spikes, 0, total, false, true);
        SomaArgs.requireLength("u [T, N]", u, total, false);
        SomaArgs.requireLength("hLast [N]", hLast, neurons, false);
        int weights = Math.multiplyExact(Math.multiplyExact(cOut, channels), g.kernelSize());
        BufferArg wa = BufferArg.input(w, wOff, weights);
        BufferArg ba = BufferArg.input(bias, biasOff, cOut);
        BufferArg sa = BufferArg.output(spikes, total);
        int[] rowStart = new int[steps * batch + 1];
        int[] columns = NativeBridge.convSomaForwardListing(spec.kind().nativeId(), spec.params(),
                spec.surrogateId(), spec.surrogateA(), spec.uThreshold(), spec.uRest(), spec.hardReset(),
                ones.rowStart(), ones.columns(), channels, wa.target(), wa.offset(), ba.target(), ba.offset(), cOut,
                g.tapTable(), g.kernelSize(), g.inPlane(), g.outPlane(), steps, batch, h0, sa.target(), u, hLast,
                maxOnes, rowStart);
        if (columns == null) {
            sa.finish();
            return null;
        }
        return new SparseRows(steps * batch, sample, rowStart, columns, null);
    }

    @Override
    public void backwardIntoConvolution(SomaSpec spec, float[] h0, float[] u, FloatBuffer gradSpikes, int gOff,
            float[] gradHLast, int steps, int batch, SparseRows ones, int cOut, ConvGeometry g, float[] gradH0,
            float[] dw, double[] db) {
        if (!fusesConvolution(spec)) {
            SomaKernels.super.backwardIntoConvolution(spec, h0, u, gradSpikes, gOff, gradHLast, steps, batch, ones,
                    cOut, g, gradH0, dw, db);
            return;
        }
        int channels = convolutionChannels(ones, g, steps, batch);
        int neurons = Math.multiplyExact(batch, Math.multiplyExact(cOut, g.outPlane()));
        int total = SomaArgs.elements(steps, neurons);
        SomaArgs.requireLength("h0 [N]", h0, neurons, true);
        SomaArgs.requireLength("u [T, N]", u, total, false);
        SomaArgs.requireBuffer("gradSpikes [T, N]", gradSpikes, gOff, total, false, false);
        SomaArgs.requireLength("gradHLast [N]", gradHLast, neurons, true);
        SomaArgs.requireLength("gradH0 [N]", gradH0, neurons, true);
        SomaArgs.requireLength("dw [C_out, C, K]", dw, Math.multiplyExact(Math.multiplyExact(cOut, channels),
                g.kernelSize()), false);
        if (db != null && db.length != cOut) {
            throw new IllegalArgumentException("soma kernel: db must hold C_out = " + cOut + " doubles, got "
                    + db.length);
        }
        BufferArg ga = BufferArg.input(gradSpikes, gOff, total);
        NativeBridge.convSomaBackward(spec.kind().nativeId(), spec.params(), spec.surrogateId(), spec.surrogateA(),
                spec.uThreshold(), spec.uRest(), spec.hardReset(), h0, u, ga.target(), ga.offset(), gradHLast, steps,
                batch, ones.rowStart(), ones.columns(), channels, cOut, g.tapTable(), g.kernelSize(), g.inPlane(),
                g.outPlane(), gradH0, dw, db);
    }

    /** @return the convolution's input channels, after checking that ones are its [T*B, C*inPlane] lists */
    private static int convolutionChannels(SparseRows ones, ConvGeometry g, int steps, int batch) {
        if (ones == null || g == null || ones.values() != null) {
            throw new IllegalArgumentException("soma kernel: the convolution's input must be given as the lists of "
                    + "its ones (no values) with its geometry");
        }
        if (steps < 0 || batch < 0 || (long) steps * batch != ones.rows()) {
            throw new IllegalArgumentException("soma kernel: the convolution's input has " + ones.rows()
                    + " rows, expected T*B = " + steps + "*" + batch);
        }
        int channels = g.inPlane() == 0 ? 0 : ones.cols() / g.inPlane();
        if ((long) channels * g.inPlane() != ones.cols()) {
            throw new IllegalArgumentException("soma kernel: the convolution's input has " + ones.cols()
                    + " columns, not a multiple of its " + g.inPlane() + " positions");
        }
        return channels;
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
        // without parameter gradients the CPU library does not read x (after forwardAfterConvolution there is none)
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0,
                dp == null && fusesConvolution(spec));
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
