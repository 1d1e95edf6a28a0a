package io.matterhorn.examples.plots;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.plot.FiringRateMap;
import io.matterhorn.plot.SpikeRaster;
import io.matterhorn.plot.TrainingCurves;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.EpochResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pictures of {@code mlp --plot DIR}: a spike raster of the output layer for one test digit, a firing-rate map
 * of the hidden layer over a batch of test digits, and the training curves of the run.
 *
 * <p>The spikes are read between the network's top-level modules (the trained {@code Sequential} is run child by
 * child, which is what its {@code forward} does), so the model needs no probes and its parameter names stay those
 * that {@code --save} writes.
 */
public final class MlpPlots {

    private MlpPlots() {
    }

    /**
     * Writes {@code mlp-output-raster.png}, {@code mlp-hidden-rates.png} and {@code mlp-curves.png} into a folder.
     *
     * @param model   the trained example-1 network
     * @param test    test digits
     * @param results the per-epoch figures
     * @param dir     the folder
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(Module model, MnistDataset test, List<EpochResult> results, Path dir)
            throws IOException {
        Batch batch = BatchLoader.builder(test).batchSize(Math.min(32, test.size())).build().batch(0, 0);
        List<INDArray> somaOutputs = new ArrayList<>();
        model.eval();
        try (Grad.Scope noGrad = Grad.disabled()) {
            Tensor y = batch.input();
            for (Module child : model.children()) {
                y = child.forward(y);
                if (child instanceof Temporal) {
                    somaOutputs.add(y.value().dup());
                }
            }
        } finally {
            model.train();
        }
        if (somaOutputs.size() < 2) {
            throw new IllegalArgumentException("MlpPlots: expected a hidden and an output spiking layer, found "
                    + somaOutputs.size());
        }
        List<Path> files = new ArrayList<>();
        INDArray out = somaOutputs.get(somaOutputs.size() - 1);                 // [T, B, 10]
        files.add(SpikeRaster.write(out, 0, dir.resolve("mlp-output-raster.png"),
                "output layer spikes, test digit 0 (label " + batch.labels()[0] + ")"));
        INDArray hidden = somaOutputs.get(0);                                   // [T, B, 80]
        float[] rates = hidden.mean(0, 1).ravel().toFloatVector();
        int cols = 10;
        if (rates.length % cols == 0) {
            files.add(FiringRateMap.write(rates, rates.length / cols, cols, dir.resolve("mlp-hidden-rates.png"),
                    "hidden layer firing rates (spikes per step), " + batch.size() + " test digits"));
        }
        if (!results.isEmpty()) {
            int n = results.size();
            int[] epochs = new int[n];
            double[] loss = new double[n];
            double[] train = new double[n];
            double[] testAcc = new double[n];
            for (int i = 0; i < n; i++) {
                EpochResult r = results.get(i);
                epochs[i] = r.epoch();
                loss[i] = r.loss();
                train[i] = 100 * r.trainAccuracy();
                testAcc[i] = 100 * r.testAccuracy();
            }
            files.add(TrainingCurves.write(new TrainingCurves.Table(epochs, loss, train, testAcc),
                    dir.resolve("mlp-curves.png"), "Example 1"));
        }
        return files;
    }
}
