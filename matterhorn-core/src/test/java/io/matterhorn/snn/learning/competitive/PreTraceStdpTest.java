package io.matterhorn.snn.learning.competitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * dW = eta (x - x_tar) (w_max - w)^mu on a 2 x 3 weight, eta = 0.1, x_tar = 0.2, w_max = 1, tau = 1
 * (exp(-1) = 0.36787944): input 0 spikes at step 0, input 1 at step 1, so x = (e^-2, e^-1, 0) =
 * (0.13533528, 0.36787944, 0).
 */
class PreTraceStdpTest {

    private static PreTraceStdp twoSteps(double mu) {
        PreTraceStdp r = new PreTraceStdp(3, 0.1, 0.2, 1.0, mu, 1.0);
        r.advance(new float[] {1, 0, 0});
        assertArrayEquals(new double[] {0.36787944, 0, 0}, r.trace(), 1e-8);
        r.advance(new float[] {0, 1, 0});
        assertArrayEquals(new double[] {0.13533528, 0.36787944, 0}, r.trace(), 1e-8);
        return r;
    }

    @Test
    void weightDependentUpdateOfTheSpikingRowOnly() {
        PreTraceStdp r = twoSteps(1.0);
        float[] w = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        r.onPostSpike(w, 1);
        // row 1: 0.5 + 0.1 (x - 0.2) (1 - 0.5)
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.49676676f, 0.50839397f, 0.49f}, w, 1e-7f);
    }

    @Test
    void withoutWeightDependenceAndClippedToTheBounds() {
        PreTraceStdp r = twoSteps(0.0);
        float[] w = {0.01f, 0.99f, 0.0f};
        r.onPostSpike(w, 0);
        // 0.01 + 0.1 (0.13533528 - 0.2) = 0.00353353; 0.99 + 0.0167879 clipped to 1; 0 - 0.02 clipped to 0
        assertArrayEquals(new float[] {0.00353353f, 1.0f, 0.0f}, w, 1e-7f);
        r.reset();
        assertArrayEquals(new double[] {0, 0, 0}, r.trace());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PreTraceStdp(0, 0.1, 0.2, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PreTraceStdp(3, -0.1, 0.2, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PreTraceStdp(3, 0.1, 0.2, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PreTraceStdp(3, 0.1, 0.2, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PreTraceStdp(3, 0.1, 0.2, 1, 1, 0));
        PreTraceStdp r = new PreTraceStdp(3, 0.1, 0.2, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> r.advance(new float[2]));
        assertThrows(IllegalArgumentException.class, () -> r.onPostSpike(new float[6], 2));
    }
}
