package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.nmnist.NmnistConfig;
import io.matterhorn.examples.nmnist.NmnistExample;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Example 4 with {@code --simulated} on a few bundled digits (written as an MNIST IDX folder to keep it short), and
 * its read-out choice.
 */
class NmnistSimulatedSmokeTest {

    @Test
    void trainsOnSimulatedRecordingsWithoutDownload(@TempDir Path dir) throws Exception {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        writeSplit(mnist, "train", MnistDataset.bundled(true), 16);
        writeSplit(mnist, "t10k", MnistDataset.bundled(false), 8);
        CliRun run = CliRun.of("nmnist", "--simulated", "--mnist", mnist.toString(), "--data",
                dir.resolve("data").toString(), "--epochs", "1", "--batch", "4", "--max-batches", "2");
        String printed = run.out();
        assertEquals(0, run.code(), run.err());
        assertTrue(printed.contains("simulated N-MNIST (16 train / 8 test samples), T=8, batch 4"), printed);
        assertTrue(printed.contains("linear read-out"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("per-digit test accuracy: 0 ") && l.contains(
                "; never predicted: ")), printed);
        assertFalse(printed.contains("relu"), printed);
        String row = printed.lines().filter(l -> l.trim().startsWith("1 |")).findFirst().orElseThrow();
        double loss = Double.parseDouble(row.split("\\|")[1].trim());
        assertTrue(loss > 0 && loss < 10, row);
        assertTrue(Files.isDirectory(dir.resolve("data/SimulatedNMNIST/processed")));
    }

    @Test
    void theHeadOptionChoosesBetweenTheOriginalReluAndALinearReadOut() {
        NmnistConfig d = NmnistConfig.defaults();
        NmnistConfig relu = new NmnistConfig(1, 1, 4, 2, d.learningRate(), d.tauM(), d.surrogate(), 0, d.dataRoot(),
                false, 0, 0, true, true, null, true);
        NmnistConfig linear = new NmnistConfig(1, 1, 4, 2, d.learningRate(), d.tauM(), d.surrogate(), 0,
                d.dataRoot(), false, 0, 0, true, true, null, false);
        assertTrue(d.reluHead(), "the original ends with a ReLU");
        Tensor input = Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 4, 2, 34, 34).gt(0.8).castTo(DataType.FLOAT));
        INDArray withRelu;
        INDArray withoutRelu;
        try (Grad.Scope noGrad = Grad.disabled()) {
            withRelu = NmnistExample.buildModel(relu).forward(input).value().dup();
            withoutRelu = NmnistExample.buildModel(linear).forward(input).value().dup();
        }
        assertArrayEquals(new long[] {2, 10}, withoutRelu.shape());
        // same seed, same weights: the ReLU read-out is the linear scores clipped at 0, and only the linear one
        // can score a class below 0 (the scores start near the read-out's biases, some of them negative)
        assertTrue(withoutRelu.minNumber().doubleValue() < 0, withoutRelu.toString());
        assertEquals(0.0, Transforms.relu(withoutRelu, true).sub(withRelu).amaxNumber().doubleValue(), 1e-6);
        CliRun bad = CliRun.of("nmnist", "--simulated", "--head", "softmax");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--head"), bad.err());
    }

    @Test
    void perDigitSummaryNamesEachDigitsAccuracyAndTheDigitsNeverPredicted() {
        long[][] confusion = new long[10][10];
        for (int d = 0; d < 10; d++) {
            confusion[d][d] = 9;
            confusion[d][d == 4 ? 3 : 0] += 1; // every digit once taken for 0, the 4 once for 3
        }
        confusion[7][7] = 0;
        confusion[7][1] = 9; // no 7 is predicted; the row of 7 still holds 10 samples
        // diagonal: 10 (digit 0) + 8 * 9 (digits 1-6, 8, 9) + 0 (digit 7) = 82 of 100
        assertEquals(0.82, NmnistExample.accuracy(confusion), 1e-12);
        String line = NmnistExample.perDigitSummary(confusion);
        assertTrue(line.startsWith("per-digit test accuracy: 0 100.0%, 1 90.0%, "), line);
        assertTrue(line.contains(", 4 90.0%, "), line);
        assertTrue(line.contains(", 7 0.0%, "), line);
        assertTrue(line.endsWith("; never predicted: 7"), line);
        assertTrue(Double.isNaN(NmnistExample.accuracy(new long[10][10])));
    }

    /** Writes the first {@code n} digits of a split as {@code <prefix>-images-idx3-ubyte} and labels. */
    private static void writeSplit(Path folder, String prefix, MnistDataset digits, int n) throws IOException {
        try (DataOutputStream images = data(folder.resolve(prefix + "-images-idx3-ubyte"));
             DataOutputStream labels = data(folder.resolve(prefix + "-labels-idx1-ubyte"))) {
            images.writeInt(0x00000803);
            images.writeInt(n);
            images.writeInt(28);
            images.writeInt(28);
            labels.writeInt(0x00000801);
            labels.writeInt(n);
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        images.writeByte(digits.pixel(i, r, c));
                    }
                }
                labels.writeByte(digits.label(i));
            }
        }
    }

    private static DataOutputStream data(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new java.io.BufferedOutputStream(raw));
    }
}
