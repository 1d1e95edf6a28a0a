package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input policy with a native backend selected: NaN and +-Inf into a fused LIF with a trainable tau_m and the
 * Polynomial surrogate are refused with the same message as on the Java backend. The native kernel finds them in
 * its own pass over the input (no scan of the input first); its outputs are dropped and the soma's state is kept.
 */
class NativeInputPolicyTest {

    @Test
    void nonFiniteInputIsRefusedByTheNativeKernelsOwnPass() {
        NativeTestSupport.requireNative();
        assumeTrue(!"java".equals(Backends.provider().name()), "the pure-Java backend is selected");
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            LIF lif = LIF.builder().spikingFunction(new Polynomial()).trainable(true).build();
            lif.forwardSequence(Tensor.of(Nd4j.valueArrayOf(new long[] {3, 2, 4}, 0.7, DataType.FLOAT)));
            float[] state = lif.state().value().dup().data().asFloat();
            Tensor seq = Tensor.of(Nd4j.valueArrayOf(new long[] {3, 2, 4}, 0.5, DataType.FLOAT));
            seq.value().putScalar(new long[] {2, 1, 0}, bad);
            long before = NativeBridge.callCount(NativeBridge.CPU);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lif.forwardSequence(seq));
            assertTrue(e.getMessage().startsWith("LIF: input holds the non-finite value " + bad), e.getMessage());
            assertTrue(e.getMessage().contains("at flat index 20"), e.getMessage());
            assertEquals(before + 1, NativeBridge.callCount(NativeBridge.CPU), "the native kernel ran and refused");
            assertArrayEquals(state, lif.state().value().dup().data().asFloat(), 0f, "state kept");
        }
        long before = NativeBridge.callCount(NativeBridge.CPU);
        Tensor ok = Tensor.of(Nd4j.valueArrayOf(new long[] {3, 2, 4}, 1.5, DataType.FLOAT));
        new Temporal(LIF.builder().spikingFunction(new Polynomial()).trainable(true).build()).forward(ok);
        assertTrue(NativeBridge.callCount(NativeBridge.CPU) > before, "finite input runs on the native kernel");
    }
}
