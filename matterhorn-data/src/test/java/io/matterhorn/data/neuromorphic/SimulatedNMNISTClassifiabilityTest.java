package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frames a network gets from the simulated N-MNIST carry the digit: a nearest-centroid classifier on the event
 * counts of the binary {@code [8, 2, 34, 34]} frames (summed over time), fitted on the first 300 training
 * recordings, labels most of the first 100 test recordings correctly. Chance is 10%; a label that did not belong to
 * its recording, frames that lost the digit's shape or train and test recordings from different distributions would
 * leave it near that.
 */
class SimulatedNMNISTClassifiabilityTest {

    private static final int TRAIN = 300;
    private static final int TEST = 100;
    private static final int T = 8;
    private static final int PIXELS = 2 * 34 * 34;

    @Test
    void nearestCentroidOnSummedFramesBeatsChanceByFar(@TempDir Path dir) throws IOException {
        double[][] centroids = new double[10][PIXELS];
        int[] counts = new int[10];
        try (SimulatedNMNIST train = SimulatedNMNIST.builder(dir).train(true).limit(TRAIN).timeSteps(T).build()) {
            for (int i = 0; i < train.size(); i++) {
                float[] x = summedFrames(train, i);
                int label = train.label(i);
                counts[label]++;
                for (int k = 0; k < PIXELS; k++) {
                    centroids[label][k] += x[k];
                }
            }
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] > 0, "no training recording of digit " + c);
            for (int k = 0; k < PIXELS; k++) {
                centroids[c][k] /= counts[c];
            }
        }
        int correct = 0;
        int[] predicted = new int[10];
        try (SimulatedNMNIST test = SimulatedNMNIST.builder(dir).train(false).limit(TEST).timeSteps(T).build()) {
            for (int i = 0; i < test.size(); i++) {
                int guess = nearest(centroids, summedFrames(test, i));
                predicted[guess]++;
                if (guess == test.label(i)) {
                    correct++;
                }
            }
        }
        double accuracy = (double) correct / TEST;
        assertTrue(accuracy >= 0.5, "nearest-centroid accuracy " + accuracy + " (chance 0.1)");
        for (int c = 0; c < 10; c++) {
            assertTrue(predicted[c] < TEST / 3, "digit " + c + " predicted " + predicted[c] + " times of " + TEST);
        }
    }

    /** Binary frames {@code [T, 2, 34, 34]} of one recording, summed over {@code T}: per pixel, active bins. */
    private static float[] summedFrames(SimulatedNMNIST d, int index) {
        float[] frames = new float[T * PIXELS];
        d.copyFeatures(index, frames, 0);
        float[] sum = new float[PIXELS];
        for (int t = 0; t < T; t++) {
            for (int k = 0; k < PIXELS; k++) {
                float v = frames[t * PIXELS + k];
                if (v != 0f && v != 1f) {
                    fail("binary frames hold 0 or 1, got " + v + " in recording " + index);
                }
                sum[k] += v;
            }
        }
        return sum;
    }

    private static int nearest(double[][] centroids, float[] x) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = 0;
            for (int k = 0; k < x.length; k++) {
                double e = x[k] - centroids[c][k];
                d += e * e;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }
}
