package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.learning.STDPLinear;
import io.matterhorn.snn.learning.Stdp;
import io.matterhorn.snn.learning.StdpWindow;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.buffer.DataType;

/** STDPLinear's updates computed by the selected native backend: 1.0.1's golden example and a stream. */
class NativeStdpLayerTest {

    private static void requireNativeSelected() {
        NativeTestSupport.requireNative();
        assumeTrue(!"java".equals(Backends.provider().name()), "the pure-Java backend is selected");
    }

    private static STDPLinear layer(float[] w, int in, int out) {
        STDPLinear l = new STDPLinear(in, out, IF.builder().uThreshold(0.5).build());
        l.weight().value().assign(Nd4j.create(w, new long[] {out, in}, 'c'));
        return l;
    }

    @Test
    void goldenExampleThroughTemporal() {
        requireNativeSelected();
        long before = NativeBridge.callCount(NativeBridge.CPU);
        STDPLinear l = layer(new float[] {0.6f, 0f, 0f, 0.3f}, 2, 2);
        Temporal t = new Temporal(l);
        t.startStep();
        float[] x = {1, 0, 0, 1, 1, 1, 0, 0};
        try (var g = Grad.disabled()) {
            t.forward(Tensor.of(Nd4j.create(x, new long[] {4, 1, 2}, 'c')));
        }
        float[] w = l.weight().toFloatArray();
        float[] expected = {0.6f, -0.0183940f, 0.0183940f, 0.3303266f};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], w[k], 1e-6, "w[" + k + "]");
        }
        assertEquals(true, NativeBridge.callCount(NativeBridge.CPU) > before, "the native STDP kernel ran");
    }

    @Test
    void streamOfTwoChunksEqualsTheWholeSequence() {
        requireNativeSelected();
        Random r = new Random(4);
        int steps = 12;
        int in = 7;
        int out = 3;
        float[] x = new float[steps * 2 * in];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextFloat() < 0.3f ? 1f : 0f;
        }
        float[] w0 = new float[out * in];
        for (int k = 0; k < w0.length; k++) {
            w0[k] = 0.2f + 0.4f * r.nextFloat();
        }
        INDArray xs = Nd4j.create(x, new long[] {steps, 2, in}, 'c');
        // streamed in two chunks without reset: the first chunk's update runs natively, the second needs the
        // traces carried over from the first
        STDPLinear streamed = layer(w0, in, out);
        Temporal ts = new Temporal(streamed, false);
        ts.startStep();
        try (var g = Grad.disabled()) {
            INDArray o1 = ts.forward(Tensor.of(xs.get(NDArrayIndex.interval(0, 5)).dup('c'))).value();
            INDArray o2 = ts.forward(Tensor.of(xs.get(NDArrayIndex.interval(5, steps)).dup('c'))).value();
            // the chunk updates add up to the rule applied once to the whole recorded stream (dW does not depend
            // on W, and no bounds are set)
            INDArray dw = Stdp.deltaWeight(new StdpWindow(0.05, 2, 0.05, 2), xs, Nd4j.concat(0, o1, o2));
            float[] expected = Nd4j.create(w0, new long[] {out, in}, 'c').add(dw.castTo(DataType.FLOAT))
                    .dup('c').data().asFloat();
            float[] got = streamed.weight().toFloatArray();
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], got[k], 1e-5, "streamed w[" + k + "]");
            }
        }
    }
}
