package io.matterhorn.snn.learning.competitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** theta(t+1) = exp(-1/tau) theta(t) + theta_plus s(t), with tau = 2, theta_plus = 0.5 (exp(-0.5) = 0.60653066). */
class AdaptiveThresholdTest {

    @Test
    void risesPerSpikeAndDecays() {
        AdaptiveThreshold a = new AdaptiveThreshold(2, 0.5, 2.0);
        a.step(new float[] {1, 0});
        assertArrayEquals(new float[] {0.5f, 0f}, a.values(), 1e-7f);
        a.step(new float[] {0, 1});
        assertArrayEquals(new float[] {0.30326533f, 0.5f}, a.values(), 1e-7f);
        a.step(new float[] {1, 1});
        assertArrayEquals(new float[] {0.68393972f, 0.80326533f}, a.values(), 1e-6f);
    }

    @Test
    void frozenThresholdsNeitherRiseNorDecay() {
        AdaptiveThreshold a = new AdaptiveThreshold(2, 0.5, 2.0);
        a.step(new float[] {1, 0});
        a.setFrozen(true);
        a.step(new float[] {1, 1});
        a.step(new float[] {0, 0});
        assertArrayEquals(new float[] {0.5f, 0f}, a.values());
        a.setFrozen(false);
        a.step(new float[] {0, 0});
        assertArrayEquals(new float[] {0.30326533f, 0f}, a.values(), 1e-7f);
        a.reset();
        assertArrayEquals(new float[] {0f, 0f}, a.values());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(0, 0.5, 2));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(2, -0.5, 2));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(2, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(2, 0.5, 2).step(new float[3]));
    }
}
