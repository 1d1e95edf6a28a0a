package io.matterhorn.snn.synapse;

import io.matterhorn.snn.InputChecks;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's default initialisation of linear and convolution layers, {@code kaiming_uniform(a = sqrt(5))}: every
 * element uniform in {@code (-1/sqrt(fanIn), 1/sqrt(fanIn))}, the same bound for the bias.
 */
final class UniformInit {
    private UniformInit() {
    }

    /**
     * @param random source of the values
     * @param fanIn number of inputs feeding one output (e.g. C_in/groups * prod(kernel)), positive
     * @param shape shape of the array
     * @return a float32 array with values uniform in (-1/sqrt(fanIn), 1/sqrt(fanIn))
     */
    static INDArray uniform(Random random, long fanIn, long... shape) {
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] v = new float[InputChecks.elementCount("UniformInit", "array", shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
