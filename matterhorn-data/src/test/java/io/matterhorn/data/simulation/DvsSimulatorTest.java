package io.matterhorn.data.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.mnist.MnistDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pixel model against event times derived by hand, plus determinism, noise and input checks.
 *
 * <p>The hand-checkable scene: a 1x1 sensor and a 1x1 white image that slides in from the left and back out
 * ({@code x} offset -1 -> 0 -> -1, no blur, no mismatch). The pixel then sees {@code I = s(u)} during the first
 * saccade and {@code I = 1 - s(u)} during the second, where {@code s(u) = u - sin(2 pi u) / (2 pi)}; the k-th ON
 * event fires when {@code ln(I + eps) = ln(eps) + k C_on}, i.e. at {@code I = eps (exp(k C_on) - 1)}, and the
 * times follow by inverting {@code s} (bisection below).
 */
class DvsSimulatorTest {

    private static final double SACCADE = 10_000;
    private static final double PAUSE = 1_000;
    private static final double EPS = 0.1;
    private static final double C_ON = 0.45;
    private static final double C_OFF = 0.7;

    private static DvsParameters.Builder slidingPixel() {
        return DvsParameters.builder().canvasSize(1)
                .path(new SaccadePath(new double[] {-1, 0}, new double[] {0, 0}, SACCADE, PAUSE))
                .blurSigma(0).timeStepMicros(10).blackOffset(EPS).onThreshold(C_ON).offThreshold(C_OFF)
                .thresholdMismatch(0).refractoryMicros(0).noiseRateHz(0);
    }

    private static PolarityEvents slide(DvsParameters p) {
        return new DvsSimulator(p).simulate(new float[] {1f}, 1, 1, 0);
    }

    /** Inverts s(u) = u - sin(2 pi u) / (2 pi) on [0, 1] by bisection (s is increasing). */
    private static double inverseProfile(double s) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (mid - Math.sin(2 * Math.PI * mid) / (2 * Math.PI) < s) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** Expected (time, polarity) pairs of the sliding pixel without refractory period. */
    private static List<double[]> expectedSlide() {
        List<double[]> out = new ArrayList<>();
        double peak = Math.log(1 + EPS) - Math.log(EPS); // 2.3979: five ON levels of 0.45 fit, the sixth (2.7) not
        int on = 0;
        for (int k = 1; k * C_ON <= peak; k++) {
            double intensity = EPS * (Math.exp(k * C_ON) - 1);
            out.add(new double[] {SACCADE * inverseProfile(intensity), 1});
            on = k;
        }
        // falling: the reference sits at ln(eps) + on C_on; OFF levels are C_off apart below it, down to ln(eps)
        for (int k = 1; on * C_ON - k * C_OFF >= 0; k++) {
            double intensity = EPS * (Math.exp(on * C_ON - k * C_OFF) - 1);
            out.add(new double[] {SACCADE + PAUSE + SACCADE * inverseProfile(1 - intensity), 0});
        }
        return out;
    }

    @Test
    void eventTimesAndCountsFollowTheLogIntensityCrossings() {
        List<double[]> expected = expectedSlide();
        assertEquals(8, expected.size(), "5 ON (0.45 .. 2.25 <= 2.398) and 3 OFF (2.25 - 0.7 k >= 0)");
        PolarityEvents e = slide(slidingPixel().build());
        assertEquals(expected.size(), e.size(), e.toString());
        for (int i = 0; i < e.size(); i++) {
            assertEquals((int) expected.get(i)[1], e.polarity(i), "polarity of event " + i);
            // floor(t) of a time interpolated within 10 us steps of a smooth curve
            assertEquals(expected.get(i)[0], e.time(i), 3.0, "time of event " + i);
            assertEquals(0, e.x(i));
            assertEquals(0, e.y(i));
        }
    }

    @Test
    void refractoryPeriodDropsEventsTooCloseToThePreviousOne() {
        double refractory = 4_000;
        List<double[]> all = expectedSlide();
        List<double[]> kept = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (double[] ev : all) {
            if (ev[0] - last >= refractory) {
                kept.add(ev);
                last = ev[0];
            }
        }
        assertTrue(kept.size() < all.size() && kept.size() >= 2, "the case must drop some events");
        PolarityEvents e = slide(slidingPixel().refractoryMicros(refractory).build());
        assertEquals(kept.size(), e.size(), e.toString());
        for (int i = 0; i < e.size(); i++) {
            assertEquals(kept.get(i)[0], e.time(i), 3.0);
            assertEquals((int) kept.get(i)[1], e.polarity(i));
        }
    }

    @Test
    void aStillImageGivesNoEventsAndNoiseHasItsRate() {
        SaccadePath still = new SaccadePath(new double[] {3, 3, 3}, new double[] {3, 3, 3}, 100_000, 5_000);
        float[] digit = MnistDataset.bundled(false).image(0);
        DvsParameters quiet = DvsParameters.builder().path(still).noiseRateHz(0).build();
        assertEquals(0, new DvsSimulator(quiet).simulate(digit, 28, 28, 0).size());

        double rate = 100;
        PolarityEvents noise = new DvsSimulator(quiet.toBuilder().noiseRateHz(rate).build())
                .simulate(digit, 28, 28, 0);
        double expected = rate * 34 * 34 * still.durationMicros() * 1e-6; // 35,836 events
        assertEquals(expected, noise.size(), 4 * Math.sqrt(expected));
        assertEquals(0.5, (double) noise.onCount() / noise.size(), 0.02);
        assertTrue(noise.isSortedByTime());
        long[] t = noise.times();
        assertTrue(t[0] >= 0 && t[t.length - 1] < still.durationMicros());
    }

    @Test
    void recordingsAreDeterministicPerSeedAndIndexAndStayOnTheSensor() {
        float[] digit = MnistDataset.bundled(false).image(3);
        DvsSimulator sim = new DvsSimulator(DvsParameters.defaults());
        PolarityEvents a = sim.simulate(digit, 28, 28, 7);
        PolarityEvents b = new DvsSimulator(DvsParameters.defaults()).simulate(digit, 28, 28, 7);
        assertArrayEquals(a.times(), b.times());
        assertArrayEquals(a.xs(), b.xs());
        assertArrayEquals(a.ys(), b.ys());
        assertArrayEquals(a.polarities(), b.polarities());
        PolarityEvents otherIndex = sim.simulate(digit, 28, 28, 8);
        PolarityEvents otherSeed = new DvsSimulator(DvsParameters.builder().seed(1).build())
                .simulate(digit, 28, 28, 7);
        assertFalse(Arrays.equals(a.times(), otherIndex.times()));
        assertFalse(Arrays.equals(a.times(), otherSeed.times()));
        assertTrue(a.isSortedByTime());
        assertTrue(a.size() > 1000, a.toString());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.x(i) < 34 && a.y(i) < 34 && a.time(i) >= 0 && a.time(i) < 310_000);
        }
    }

    @Test
    void anAllBlackImageFiresOnlyNoise() {
        DvsParameters p = DvsParameters.builder().noiseRateHz(0).build();
        assertEquals(0, new DvsSimulator(p).simulate(new float[28 * 28], 28, 28, 0).size());
    }

    @Test
    void badInputIsRejectedWithItsName() {
        DvsSimulator sim = new DvsSimulator(DvsParameters.defaults());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> sim.simulate(new float[10], 28, 28, 0));
        assertTrue(size.getMessage().contains("28 * 28"), size.getMessage());
        float[] bright = new float[4];
        bright[2] = 1.5f;
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> sim.simulate(bright, 2, 2, 0));
        assertTrue(range.getMessage().contains("index 2"), range.getMessage());
        IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                () -> DvsParameters.builder().onThreshold(0).build());
        assertTrue(threshold.getMessage().contains("onThreshold"), threshold.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DvsParameters.builder().canvasSize(256).build());
        assertThrows(IllegalArgumentException.class,
                () -> new SaccadePath(new double[] {0, 1}, new double[] {0}, 1, 0));
    }

    @Test
    void blurKeepsTheLightAndSpreadsItAsAGaussian() {
        int n = 15;
        float[] image = new float[n * n];
        image[7 * n + 7] = 1f;
        Blur.gaussian(image, n, n, 1.0);
        double z = 0;
        for (int d = -3; d <= 3; d++) {
            z += Math.exp(-d * d / 2.0);
        }
        double sum = 0;
        for (float v : image) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5);
        assertEquals(1 / (z * z), image[7 * n + 7], 1e-6);
        assertEquals(Math.exp(-0.5) / (z * z), image[7 * n + 8], 1e-6);
        assertEquals(Math.exp(-1.0) / (z * z), image[8 * n + 8], 1e-6);
        assertEquals(0, image[7 * n + 11]); // beyond 3 sigma
    }

    @Test
    void saccadeProfileStartsAndEndsAtTheVertices() {
        SaccadePath p = SaccadePath.nmnist();
        double[] o = new double[2];
        p.offsetAt(0, o);
        assertArrayEquals(new double[] {0.5, 1.0}, o, 1e-12);
        p.offsetAt(50_000, o); // half way through the first saccade: s(0.5) = 0.5
        assertArrayEquals(new double[] {1.0, 3.0}, o, 1e-12);
        p.offsetAt(102_000, o); // resting at the second vertex
        assertArrayEquals(new double[] {1.5, 5.0}, o, 1e-12);
        p.offsetAt(310_000, o);
        assertArrayEquals(new double[] {0.5, 1.0}, o, 1e-12);
        assertEquals(310_000, p.durationMicros());
    }
}
