package io.matterhorn.examples.stdp;

import io.matterhorn.data.Dataset;
import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.learning.STDPLinear;
import io.matterhorn.snn.learning.StdpWindow;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Example 2 of matterhorn, made to learn: an STDP layer trained without labels, then a linear readout.
 *
 * <pre>
 *   PoissonEncoder(T=32) -> Flatten -> STDPLinear(784, 100, LIF) -> SumSpikeDecoder      (spike counts [B, 100])
 *   1. unsupervised: model.startStep(); every batch of digits is one sequence, one STDP update per batch
 *   2. readout: Linear(100, 10) on the standardised spike counts, Adam + cross-entropy, labels used only here
 *   3. the same readout on the same layer left at its random initial weights (same seed), for comparison
 * </pre>
 *
 * <p><b>What makes STDP learn here.</b> 1.0.1's example 2 never updated a weight (docs/differences-from-1.0.1.md #8).
 * With the update working, plain additive STDP with 1.0.1's defaults is unstable on this data: the update is summed
 * over all spike pairs and the 64 digits of a batch, so A+ = 0.05 moves a weight by more than its initial size within
 * one batch, and a weight that helps its neuron fire is potentiated and helps even more. The defaults therefore use
 * <ul>
 *   <li>a learning-rate factor of 0.001, so that one batch changes a weight by a fraction of its size;</li>
 *   <li>excitatory weights clipped to [0, 0.1] (the first update clips the negative initial weights to 0);</li>
 *   <li>depression 4% stronger than potentiation (A- = 0.052): inputs that are not followed by output spikes
 *       more often than chance lose weight, so the ratio A-/A+ sets the firing rate the neurons settle at (the
 *       bounded, depression-dominated rule of Song, Miller and Abbott, 2000). Measured on 2,000 digits, 3 epochs:
 *       A-/A+ = 1.00, 1.01, 1.02, 1.04, 1.06, 1.08 give about 30, 21, 15, 5, 1 and 0.4 spikes per neuron and
 *       digit (of 32 steps) and readout test accuracies of 23%, 44%, 56%, 58%, 31% and 20%: with too little
 *       depression every neuron fires at almost every step, with too much they fall silent;</li>
 *   <li>a LIF threshold of 0.5, so that neurons with weights of order 1/sqrt(784) fire at all.</li>
 * </ul>
 * Inside the area where digits have ink most weights are then depressed towards 0 and a sparse set of pixels
 * survives near the upper bound (the bimodal outcome of that rule); pixels that never spike keep their initial
 * values (the speckled frame around the dark disc in the PNG). There is no lateral inhibition or homeostasis, so
 * nothing makes different neurons learn different digits, and the readout on STDP features is clearly worse than
 * a readout on a well-tuned random layer (with {@code --threshold 0.2}); at the default threshold the random layer
 * has silent neurons and the STDP layer wins. The example prints both numbers and the silent neurons of each
 * layer so that the comparison is visible.
 *
 * <p>Everything runs under {@code Grad.disabled()} (no graph is recorded).
 */
public final class StdpExample {
    private static final int SIDE = 28;
    private static final int CLASSES = 10;
    private final StdpConfig config;
    private final PrintStream out;

    /**
     * @param config settings
     * @param out where the tables go (progress bars go to System.err)
     */
    public StdpExample(StdpConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * @param config settings (sizes, soma, STDP window and options, seed)
     * @return the STDP layer at its initial weights; the same seed gives the same weights
     */
    public static STDPLinear buildLayer(StdpConfig config) {
        LIF soma = LIF.builder().tauM(config.tauM()).uThreshold(config.threshold()).build();
        return STDPLinear.builder(SIDE * SIDE, config.hidden(), soma)
                .window(new StdpWindow(config.aPos(), config.tau(), config.aNeg(), config.tau()))
                .learningRate(config.learningRate())
                .weightBounds(config.weightMin(), config.weightMax())
                .random(new Random(config.seed()))
                .build();
    }

    /**
     * @param layer the STDP layer
     * @param timeSteps T
     * @param encoderSeed seed of the Poisson encoder
     * @return {@code Sequential(PoissonEncoder, Flatten, layer, SumSpikeDecoder)}: images [B, 1, 28, 28] to spike
     *     counts [B, hidden]
     */
    static Module network(STDPLinear layer, int timeSteps, long encoderSeed) {
        return new Sequential(new PoissonEncoder(timeSteps, 1.0, 0.0, encoderSeed), new Flatten(), layer,
                new SumSpikeDecoder());
    }

    /**
     * Trains, evaluates both readouts, prints the tables and writes the receptive-field PNG.
     *
     * @return the results
     * @throws IOException if the data cannot be read or the PNG cannot be written
     */
    public StdpResult run() throws IOException {
        MnistDataset fullTrain = config.dataDir() == null ? MnistDataset.bundled(true)
                : MnistDataset.fromDirectory(config.dataDir(), true);
        Dataset train = new DatasetPrefix(fullTrain, Math.min(config.trainSamples(), fullTrain.size()));
        MnistDataset test = config.dataDir() == null ? MnistDataset.bundled(false)
                : MnistDataset.fromDirectory(config.dataDir(), false);
        STDPLinear layer = buildLayer(config);
        STDPLinear initial = buildLayer(config);
        Module model = network(layer, config.timeSteps(), config.seed() + 1);
        if (!config.quiet()) {
            out.printf("Example 2: unsupervised STDP on MNIST (%d train / %d test digits), T=%d, batch %d%n",
                    train.size(), test.size(), config.timeSteps(), config.batchSize());
            out.println(model);
            out.printf("%5s | %11s | %11s | %9s | %9s | %13s | %7s%n", "epoch", "mean |dW|", "max |dW|", "W mean",
                    "W std", "spikes/neuron", "seconds");
        }
        List<EpochStats> epochs = new ArrayList<>();
        try (Grad.Scope noGrad = Grad.disabled()) {
            BatchLoader loader = BatchLoader.builder(train).batchSize(config.batchSize()).shuffle(true)
                    .seed(config.seed()).build();
            model.startStep();
            for (int e = 0; e < config.epochs(); e++) {
                EpochStats s = trainEpoch(model, layer, loader, e);
                epochs.add(s);
                if (!config.quiet()) {
                    out.printf("%5d | %11.3e | %11.3e | %9.5f | %9.5f | %13.3f | %7.1f%n", s.epoch(),
                            s.meanAbsChange(), s.maxAbsChange(), s.weightMean(), s.weightStd(), s.spikesPerNeuron(),
                            s.seconds());
                    out.flush();
                }
            }
            model.stopStep();
        }
        Features trained = features(layer, train, test, "features (STDP)");
        Features random = features(initial, train, test, "features (initial)");
        SpikeCountReadout rTrained = new SpikeCountReadout(trained.train, labels(train), CLASSES,
                config.readoutEpochs(), config.readoutLearningRate(), config.seed(), readoutBar("readout (STDP)"));
        SpikeCountReadout rRandom = new SpikeCountReadout(random.train, labels(train), CLASSES,
                config.readoutEpochs(), config.readoutLearningRate(), config.seed(), readoutBar("readout (initial)"));
        StdpResult result = new StdpResult(epochs, rTrained.accuracy(trained.test, labels(test)),
                rRandom.accuracy(random.test, labels(test)), rTrained.accuracy(trained.train, labels(train)),
                rRandom.accuracy(random.train, labels(train)), silent(trained.train), silent(random.train));
        if (!config.quiet()) {
            out.printf("readout Linear(%d, %d) on standardised spike counts, Adam lr %s, %d epochs:%n",
                    config.hidden(), CLASSES, config.readoutLearningRate(), config.readoutEpochs());
            out.printf("  %-26s | %9s | %9s | %14s%n", "layer", "train acc", "test acc", "silent neurons");
            out.printf("  %-26s | %8.2f%% | %8.2f%% | %14d%n", "STDP-trained", 100 * result.stdpTrainAccuracy(),
                    100 * result.stdpTestAccuracy(), result.stdpSilentNeurons());
            out.printf("  %-26s | %8.2f%% | %8.2f%% | %14d%n", "random initial weights",
                    100 * result.randomTrainAccuracy(), 100 * result.randomTestAccuracy(),
                    result.randomSilentNeurons());
            double diff = 100 * (result.stdpTestAccuracy() - result.randomTestAccuracy());
            out.printf("STDP features %s the random ones by %.2f points of test accuracy%n",
                    diff >= 0 ? "beat" : "trail", Math.abs(diff));
            if (result.randomSilentNeurons() > 0) {
                out.printf("note: %d neurons of the random layer never fire at threshold %s; a lower --threshold "
                        + "(e.g. 0.2) makes the random layer a stronger baseline%n", result.randomSilentNeurons(),
                        config.threshold());
            }
        } else {
            out.printf("readout test accuracy: STDP layer %.2f%%, random initial layer %.2f%%%n",
                    100 * result.stdpTestAccuracy(), 100 * result.randomTestAccuracy());
        }
        if (config.png() != null) {
            ReceptiveFieldImage.write(layer.weight().toFloatArray(), config.hidden(), SIDE, SIDE, 10, 2,
                    config.png());
            if (!config.quiet()) {
                out.println("receptive fields (each 28x28 tile min-max normalised) written to " + config.png());
            }
        }
        return result;
    }

    private EpochStats trainEpoch(Module model, STDPLinear layer, BatchLoader loader, int epoch) {
        long start = System.nanoTime();
        float[] before = layer.weight().toFloatArray();
        ProgressBar bar = config.quiet() ? null
                : new ProgressBar(System.err, String.format("STDP epoch %d/%d", epoch + 1, config.epochs()),
                        loader.numBatches());
        double spikes = 0;
        long samples = 0;
        int done = 0;
        for (Batch batch : loader.epoch(epoch)) {
            try (MemoryScope scope = MemoryScope.open("stdp")) {
                spikes += model.forward(Tensor.of(batch.features())).sum().item();
            }
            samples += batch.size();
            if (bar != null) {
                bar.update(++done, samples);
            }
        }
        if (bar != null) {
            bar.finish();
        }
        float[] after = layer.weight().toFloatArray();
        double absSum = 0;
        double absMax = 0;
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < after.length; k++) {
            double d = Math.abs((double) after[k] - before[k]);
            absSum += d;
            absMax = Math.max(absMax, d);
            sum += after[k];
            sumSq += (double) after[k] * after[k];
        }
        double mean = sum / after.length;
        return new EpochStats(epoch + 1, absSum / after.length, absMax, mean,
                Math.sqrt(Math.max(0, sumSq / after.length - mean * mean)), spikes / samples / config.hidden(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Spike counts of a layer (learning off) on the training and test digits. */
    private record Features(float[][] train, float[][] test) {
    }

    private Features features(STDPLinear layer, Dataset train, Dataset test, String label) {
        try (Grad.Scope noGrad = Grad.disabled()) {
            // The same encoder seed for both layers: both see identical input spikes.
            return new Features(counts(network(layer, config.timeSteps(), config.seed() + 2), train, label + " train"),
                    counts(network(layer, config.timeSteps(), config.seed() + 3), test, label + " test"));
        }
    }

    private float[][] counts(Module model, Dataset data, String label) {
        BatchLoader loader = BatchLoader.builder(data).batchSize(256).build();
        ProgressBar bar = config.quiet() ? null : new ProgressBar(System.err, label, loader.numBatches());
        float[][] counts = new float[data.size()][];
        int next = 0;
        int done = 0;
        for (Batch batch : loader.epoch(0)) {
            try (MemoryScope scope = MemoryScope.open("features")) {
                float[] c = model.forward(Tensor.of(batch.features())).toFloatArray();
                for (int k = 0; k < batch.size(); k++) {
                    counts[next++] = java.util.Arrays.copyOfRange(c, k * config.hidden(), (k + 1) * config.hidden());
                }
            }
            if (bar != null) {
                bar.update(++done, next);
            }
        }
        if (bar != null) {
            bar.finish();
        }
        return counts;
    }

    private static int[] labels(Dataset data) {
        int[] y = new int[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(i);
        }
        return y;
    }

    private static int silent(float[][] counts) {
        int n = counts[0].length;
        int silent = 0;
        for (int k = 0; k < n; k++) {
            boolean fired = false;
            for (float[] c : counts) {
                fired |= c[k] != 0f;
            }
            silent += fired ? 0 : 1;
        }
        return silent;
    }

    /** A bar over the readout's epochs, or null when quiet. */
    private ProgressBar readoutBar(String label) {
        return config.quiet() ? null : new ProgressBar(System.err, label, config.readoutEpochs(), "epochs");
    }
}
