package io.matterhorn.data.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.AedatEventReader;
import io.matterhorn.data.events.Aedat2Reader;
import io.matterhorn.data.events.EventWordLayout;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.transform.CenterCrop;
import io.matterhorn.data.transform.ClampCounts;
import io.matterhorn.data.transform.RandomFlipUD;
import io.matterhorn.data.transform.TimeJitter;
import io.matterhorn.data.transform.UnitSubsample;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.EpochResult;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class UserEventDatasetTest {

    /**
     * Sample {@code i} of a toy two-class problem on an 8x8 sensor: class 0 moves along the left half, class 1
     * along the right half; the row and timing vary with {@code i}.
     */
    static PolarityEvents toySample(int i, int label) {
        int n = 24;
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = 10L * k + (i % 7);
            x[k] = label * 4 + (k + i) % 4;
            y[k] = (k * 3 + i) % 8;
            p[k] = (k + i) % 2;
        }
        return PolarityEvents.of(t, x, y, p);
    }

    static UserEventDataset<PolarityEvents> toy(int samples) {
        UserEventDataset.CameraBuilder b = UserEventDataset.camera(8, 8).timeSteps(4)
                .transform(new RandomFlipUD(0.5)).transformSeed(11).classNames(List.of("left", "right"));
        for (int i = 0; i < samples; i++) {
            b.add(toySample(i, i % 2), i % 2);
        }
        return b.build();
    }

    @Test
    void binsArraysByTheFrameRule() {
        // (t, x, y, p): stretch binning over t in [0, 399]: bin = floor(t * 4 / 400)
        PolarityEvents e = PolarityEvents.of(new long[] {100, 0, 399, 250, 100}, new int[] {5, 0, 7, 5, 9},
                new int[] {3, 0, 7, 3, 1}, new int[] {1, 0, 0, 1, 1});
        UserEventDataset<PolarityEvents> d = UserEventDataset.camera(8, 8).timeSteps(4).count(true).add(e, 2)
                .build();
        assertArrayEquals(new long[] {4, 2, 8, 8}, d.sampleShape());
        assertEquals(3, d.classNames().size());
        INDArray f = d.frames(0);
        assertEquals(1f, f.getFloat(0, 0, 0, 0));
        assertEquals(1f, f.getFloat(1, 1, 3, 5));
        assertEquals(1f, f.getFloat(2, 1, 3, 5));
        assertEquals(1f, f.getFloat(3, 0, 7, 7));
        assertEquals(4f, f.sumNumber().floatValue());  // the event at x = 9 lies off the 8x8 sensor
        assertEquals(4, d.events(0).size());
        assertTrue(d.events(0).isSortedByTime());
    }

    @Test
    void transformsShapeTheFramesAndNeverTheStoredEvents() {
        PolarityEvents e = PolarityEvents.of(new long[] {0, 1, 2}, new int[] {0, 3, 4}, new int[] {0, 3, 4},
                new int[] {1, 1, 1});
        UserEventDataset<PolarityEvents> d = UserEventDataset.camera(8, 8).timeSteps(1).count(true)
                .transform(new CenterCrop(4, 4)).frameTransform(new ClampCounts(0.5f)).add(e, 0).build();
        assertArrayEquals(new long[] {1, 2, 4, 4}, d.sampleShape());     // the crop decides the frame size
        INDArray f = d.frames(0);
        assertEquals(0.5f, f.getFloat(0, 1, 1, 1));                       // (3,3) - (2,2), clamped
        assertEquals(0.5f, f.getFloat(0, 1, 2, 2));
        assertEquals(1.0f, f.sumNumber().floatValue());
        assertEquals(3, d.events(0).size());
        assertEquals(2, d.transformedEvents(0, 0).size());
    }

    @Test
    void loaderBatchesEqualDirectReadsOfTheSameEpoch() {
        UserEventDataset<PolarityEvents> d = UserEventDataset.camera(8, 8).timeSteps(4)
                .transform(new TimeJitter(15, false, true)).transformSeed(5)
                .add(toySample(1, 0), 0).add(toySample(2, 1), 1).add(toySample(3, 0), 0).build();
        BatchLoader loader = BatchLoader.builder(d).timeMajor(true).batchSize(3).prefetch(2).build();
        for (int epoch = 0; epoch < 2; epoch++) {
            try (EpochStream s = loader.epoch(epoch)) {
                Batch b = s.next();
                for (int k = 0; k < 3; k++) {
                    org.nd4j.linalg.api.ndarray.INDArray direct = org.nd4j.linalg.factory.Nd4j.create(
                            org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 2, 8, 8);
                    d.copyFeaturesForEpoch(k, epoch, io.matterhorn.tensor.Layout.floats(direct),
                            io.matterhorn.tensor.Layout.offset(direct), 2 * 64, true);
                    INDArray fromLoader = b.features().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(k)).reshape(4, 1, 2, 8, 8);
                    assertEquals(direct, fromLoader, "epoch " + epoch + " sample " + k);
                }
            }
        }
    }

    @Test
    void userDataTrainsThroughATimeMajorLoader() {
        UserEventDataset<PolarityEvents> train = toy(64);
        BatchLoader loader = BatchLoader.builder(train).timeMajor(true).prefetch(2)
                .batchSize(16).shuffle(true).seed(3).build();
        Random r = new Random(1);
        Sequential net = new Sequential(new Flatten(), new Linear(2 * 8 * 8, 2, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).build(), new AvgSpikeDecoder());
        Adam opt = new Adam(net.trainableParameters(), 0.05);
        double firstEpochLoss = 0;
        double lastEpochLoss = 0;
        for (int epoch = 0; epoch < 6; epoch++) {
            double sum = 0;
            try (EpochStream batches = loader.epoch(epoch)) {
                for (Batch b : batches) {
                    Tensor loss = Losses.mse(net.forward(Tensor.of(b.features())), Tensor.oneHot(b.labels(), 2));
                    sum += loss.item();
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
            }
            if (epoch == 0) {
                firstEpochLoss = sum;
            }
            lastEpochLoss = sum;
        }
        assertTrue(lastEpochLoss < 0.6 * firstEpochLoss, "loss " + firstEpochLoss + " -> " + lastEpochLoss);
        int correct = 0;
        try (var ignored = Grad.disabled(); EpochStream batches = loader.epoch(99)) {
            for (Batch b : batches) {
                correct += Losses.correct(net.forward(Tensor.of(b.features())), b.labels());
            }
        }
        assertTrue(correct >= 58, "accuracy " + correct + " / 64");
    }

    @Test
    void userDataTrainsWithTheTrainerStraightFromTheLoader() {
        BatchLoader train = BatchLoader.builder(toy(64)).timeMajor(true).prefetch(2).batchSize(16).shuffle(true)
                .seed(3).build();
        BatchLoader test = BatchLoader.builder(toy(64)).timeMajor(true).batchSize(32).build();
        Random r = new Random(1);
        Sequential net = new Sequential(new Flatten(), new Linear(2 * 8 * 8, 2, true, false, r),
                LIF.builder().spikingFunction(new Sigmoid()).build(), new AvgSpikeDecoder());
        Trainer trainer = Trainer.builder(net).optimizer(new Adam(net.trainableParameters(), 0.05))
                .loss(LossFunction.mseOneHot(2)).build();
        List<EpochResult> history = trainer.fit(train, test, 6);
        assertEquals(6, history.size());
        assertEquals(64, history.get(0).samples());
        assertTrue(history.get(5).loss() < 0.6 * history.get(0).loss(), history.toString());
        assertTrue(history.get(5).testAccuracy() >= 58 / 64.0, "test accuracy " + history.get(5).testAccuracy());
    }

    @Test
    void filesAreReadOnAccessByTheGivenReader(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.aedat");
        Path b = dir.resolve("b.aedat");
        Files.write(a, Aedat2Reader.encodeDvs128(toySample(0, 0)));
        Files.write(b, Aedat2Reader.encodeDvs128(toySample(1, 1)));
        UserEventDataset<PolarityEvents> d = UserEventDataset.camera(128, 128).timeSteps(2).size(8, 8)
                .reader(new AedatEventReader(ByteOrder.BIG_ENDIAN, 4, EventWordLayout.DVS128))
                .addFile(a, 0).addFile(b, 1).build();
        assertEquals(2, d.size());
        assertArrayEquals(toySample(1, 1).xs(), d.events(1).xs());
        Files.delete(b);
        assertThrows(java.io.UncheckedIOException.class, () -> d.events(1));
    }

    @Test
    void unitSpikesWithASubsamplingTransform() {
        UnitEvents u = UnitEvents.of(new long[] {0, 5, 9, 9}, new int[] {0, 2, 3, 6});
        UserEventDataset<UnitEvents> d = UserEventDataset.units(8).timeSteps(2).count(true)
                .transform(new UnitSubsample(2)).add(u, 1).build();
        assertArrayEquals(new long[] {2, 4}, d.sampleShape());
        // kept units 0, 2, 6 -> 0, 1, 3 at t = 0, 5, 9; bins floor(t * 2 / 10): 0, 1, 1
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 1}, d.frames(0).data().asFloat());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThrows(IllegalStateException.class, () -> UserEventDataset.camera(4, 4).build());
        IllegalStateException noReader = assertThrows(IllegalStateException.class,
                () -> UserEventDataset.camera(4, 4).addFile(Path.of("x.bin"), 0).build());
        assertTrue(noReader.getMessage().contains("reader"));
        assertThrows(IllegalArgumentException.class, () -> UserEventDataset.camera(4, 4).add(PolarityEvents.EMPTY,
                -1));
        assertThrows(IllegalArgumentException.class, () -> UserEventDataset.camera(0, 4));
        assertThrows(IllegalArgumentException.class, () -> UserEventDataset.camera(4, 4).timeSteps(0)
                .add(PolarityEvents.EMPTY, 0).build());
    }
}
