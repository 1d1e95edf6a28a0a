package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.jvm.JavaSomaKernels;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

/** Runs every kind x surrogate x reset combination through a backend and the Java kernel and compares. */
final class SomaParity {
    /** (T, N) pairs: T = 1, N not a multiple of any vector width, N across a CPU block boundary (2048). */
    static final int[][] SHAPES = {{1, 1}, {1, 37}, {3, 5}, {7, 129}, {5, 2049}, {16, 4100}};

    private SomaParity() {
    }

    /**
     * @param backend kernels under test
     * @param seed random seed
     * @return number of comparisons run
     */
    static int checkAll(SomaKernels backend, long seed) {
        SomaKernels java = new JavaSomaKernels();
        Random rnd = new Random(seed);
        int runs = 0;
        int fired = 0;
        for (NeuronKind kind : NeuronKind.values()) {
            for (int surrogate = 0; surrogate < 4; surrogate++) {
                for (boolean hard : new boolean[] {true, false}) {
                    int[] shape = SHAPES[rnd.nextInt(SHAPES.length)];
                    boolean withState = rnd.nextBoolean();
                    double a = surrogate == 0 ? 2.0 : 0.5 + rnd.nextDouble();
                    SomaSpec spec = new SomaSpec(kind, Fixtures.params(kind, rnd), Fixtures.surrogate(surrogate, a),
                            1.0f, withState ? -0.1f : 0f, hard);
                    fired += compare(java, backend, spec, shape[0], shape[1], withState, rnd);
                    runs++;
                }
            }
        }
        assertTrue(fired > 0, "the random inputs never made a neuron fire");
        return runs;
    }

    /**
     * One forward + backward through both backends, every output compared.
     *
     * @return number of spikes in the forward
     */
    static int compare(SomaKernels java, SomaKernels backend, SomaSpec spec, int steps, int neurons,
            boolean withState, Random rnd) {
        int total = steps * neurons;
        float[] x = Fixtures.input(spec.kind(), rnd, total);
        float[] h0 = withState ? Fixtures.input(spec.kind(), rnd, neurons) : null;
        String what = spec + " T=" + steps + " N=" + neurons + (withState ? " with h0/gradHLast" : "");
        SomaKernels.SomaForward fj = java.forward(spec, x, h0, steps, neurons);
        SomaKernels.SomaForward fn = backend.forward(spec, x, h0, steps, neurons);
        Fixtures.same(what + " spikes", fj.spikes(), fn.spikes(), total);
        Fixtures.close(what + " u", fj.u(), fn.u(), total);
        Fixtures.close(what + " hLast", fj.hLast(), fn.hLast(), neurons);
        float[] gradSpikes = Fixtures.signed(rnd, total);
        float[] gradHLast = withState ? Fixtures.signed(rnd, neurons) : null;
        SomaKernels.SomaGradients gj = java.backward(spec, x, h0, fj.u(), gradSpikes, gradHLast, steps, neurons);
        SomaKernels.SomaGradients gn = backend.backward(spec, x, h0, fj.u(), gradSpikes, gradHLast, steps, neurons);
        Fixtures.close(what + " gradX", gj.gradX(), gn.gradX(), total);
        Fixtures.close(what + " gradH0", gj.gradH0(), gn.gradH0(), neurons);
        Fixtures.close(what + " paramGrads", gj.paramGrads(), gn.paramGrads());
        // without parameter gradients (the library skips their terms): the same input gradients, bit for bit
        float[] gx = new float[total];
        float[] gh0 = h0 == null ? null : new float[neurons];
        backend.backwardInputs(spec, FloatBuffer.wrap(x), 0, h0, fj.u(), FloatBuffer.wrap(gradSpikes),
                0, gradHLast, steps, neurons, FloatBuffer.wrap(gx), gh0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(gn.gradX(), gx, what + " gradX without parameter gradients");
        if (h0 != null) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(gn.gradH0(), gh0, what + " gradH0 without parameter "
                    + "gradients");
        }
        // in place, as the training graph runs it when dL/dy is private: dL/dx written over dL/dy
        for (SomaKernels k : new SomaKernels[] {java, backend}) {
            float[] separate = new float[total];
            k.backwardInputs(spec, FloatBuffer.wrap(x), 0, h0, fj.u(), FloatBuffer.wrap(gradSpikes), 0, gradHLast,
                    steps, neurons, FloatBuffer.wrap(separate), null);
            FloatBuffer shared = ByteBuffer.allocateDirect(4 * total).order(ByteOrder.nativeOrder())
                    .asFloatBuffer().put(0, gradSpikes);
            k.backwardInputs(spec, FloatBuffer.wrap(x), 0, h0, fj.u(), shared, 0, gradHLast, steps, neurons, shared,
                    null);
            float[] inPlace = new float[total];
            shared.get(0, inPlace);
            org.junit.jupiter.api.Assertions.assertArrayEquals(separate, inPlace, what
                    + " gradX written over gradSpikes (" + (k == java ? "java" : "backend") + ")");
        }
        int spikes = 0;
        for (int i = 0; i < total; i++) {
            assertTrue(Float.isFinite(fj.u()[i]) && Float.isFinite(gj.gradX()[i]), what + ": non-finite values");
            spikes += fj.spikes()[i] != 0 ? 1 : 0;
        }
        return spikes;
    }
}
