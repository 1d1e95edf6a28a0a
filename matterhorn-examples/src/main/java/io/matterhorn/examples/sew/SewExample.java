package io.matterhorn.examples.sew;

import io.matterhorn.model.ResidualConnection;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import java.io.PrintStream;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Example 5 of matterhorn (model zoo): builds SEW-ResNet-18, prints its parameter count (11,178,206 for ten
 * classes, as the original), and runs a forward pass and training steps on random polarity spikes
 * {@code [B, T, 2, size, size]} with MSE against one-hot labels and Adam.
 */
public final class SewExample {
    private SewExample() {
    }

    /**
     * Figures of the run.
     *
     * @param parameterCount number of parameter elements
     * @param outputShape shape of the network output
     * @param losses loss of each training step
     * @param secondsPerStep mean wall time per step
     */
    public record Result(long parameterCount, long[] outputShape, double[] losses, double secondsPerStep) {
    }

    /**
     * @param size input height and width, a multiple of 32
     * @param timeSteps T
     * @param batch B
     * @param steps training steps
     * @param connection SEW connection
     * @param seed seed for the input, labels and weights
     * @param out where to print
     * @return what was measured
     */
    public static Result run(int size, int timeSteps, int batch, int steps, ResidualConnection connection, long seed,
            PrintStream out) {
        return run(size, timeSteps, batch, steps, connection, seed, null, out);
    }

    /**
     * Same, with the batches taken from the simulated N-MNIST when {@code simulatedRoot} is given (a new shuffled
     * batch of training recordings per step, frames floor-scaled to {@code size x size}).
     *
     * @param size input height and width, a multiple of 32
     * @param timeSteps T
     * @param batch B
     * @param steps training steps
     * @param connection SEW connection
     * @param seed seed for the input, labels and weights
     * @param simulatedRoot data folder of {@link io.matterhorn.data.neuromorphic.SimulatedNMNIST}, or {@code null}
     *        for random spikes
     * @param out where to print
     * @return what was measured
     */
    public static Result run(int size, int timeSteps, int batch, int steps, ResidualConnection connection, long seed,
            java.nio.file.Path simulatedRoot, PrintStream out) {
        if (steps <= 0 || timeSteps <= 0 || batch <= 0) {
            throw new IllegalArgumentException("steps, time steps and batch must be positive");
        }
        SEWRes18 model = new SEWRes18(size, size, 10, 2.0, new Sigmoid(), connection, false);
        out.printf("SEW-ResNet-18: %,d parameters (input [B=%d, T=%d, 2, %d, %d], connection %s)%n",
                model.parameterCount(), batch, timeSteps, size, size, connection);
        Random rng = new Random(seed);
        Nd4j.getRandom().setSeed(seed);
        INDArray spikes = Nd4j.rand(DataType.FLOAT, batch, timeSteps, 2, size, size).gt(0.8).castTo(DataType.FLOAT);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        SimulatedBatches simulated = null;
        if (simulatedRoot != null) {
            try {
                simulated = new SimulatedBatches(simulatedRoot, size, timeSteps, batch, seed);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Adam optimizer = new Adam(model.trainableParameters(), 1e-3);
        double[] losses = new double[steps];
        long[] shape = null;
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            if (simulated != null) {
                SimulatedBatches.Batch b = simulated.next();
                spikes = b.spikes();
                labels = b.labels();
            }
            Tensor output = model.forward(Tensor.of(spikes));
            shape = output.shape();
            Tensor loss = Losses.mse(output, Tensor.oneHot(labels, 10));
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            losses[s] = loss.item();
            out.printf("step %d: output %s, loss %.6f%n", s + 1, java.util.Arrays.toString(shape), losses[s]);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / steps;
        if (simulated != null) {
            simulated.close();
        }
        out.printf("%.2f s per training step%n", seconds);
        return new Result(model.parameterCount(), shape, losses, seconds);
    }
}
