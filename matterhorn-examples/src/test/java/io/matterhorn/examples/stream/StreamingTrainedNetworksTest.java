package io.matterhorn.examples.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.examples.nmnist.NmnistConfig;
import io.matterhorn.examples.nmnist.NmnistExample;
import io.matterhorn.io.Models;
import io.matterhorn.runtime.StreamState;
import io.matterhorn.runtime.StreamingNetwork;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The streaming runtime on the examples' networks: example 1 trained (briefly) and saved, then loaded from its model
 * file and stepped sample by sample on the spikes of its own Poisson encoder, against the training graph's
 * evaluation forward (decoded rates within 1e-5); example 4's network the same way on random events.
 */
class StreamingTrainedNetworksTest {
    @TempDir
    Path dir;

    @Test
    void exampleOneTrainedAndSavedStepsLikeItsTrainingGraph() throws Exception {
        MlpConfig config = new MlpConfig(1, 100, 8, 64, 5e-3, new Sigmoid(), 7L, null, 12, true);
        MlpExample example = new MlpExample(config, new PrintStream(new ByteArrayOutputStream(), true));
        example.run();
        Module model = example.model();
        Path file = dir.resolve("mlp.safetensors");
        Models.save(model, file);
        StreamingNetwork full = StreamingNetwork.load(file);
        assertEquals(784, full.inputSize());
        assertEquals(10, full.decodedSize());

        List<Module> layers = model.children();
        Module encoder = layers.get(0);
        Module rest = new Sequential(layers.subList(1, layers.size()).toArray(new Module[0]));
        model.eval();
        MnistDataset test = MnistDataset.bundled(false);
        int b = 20;
        float[] images = new float[b * 784];
        for (int i = 0; i < b; i++) {
            System.arraycopy(test.image(i), 0, images, i * 784, 784);
        }
        INDArray spikes;
        INDArray rates;
        try (var g = Grad.disabled()) {
            Tensor x = encoder.forward(Tensor.of(Nd4j.createFromArray(images).reshape(b, 28, 28)));
            spikes = x.value().dup();
            rates = rest.forward(x).value();
        }
        StreamingNetwork net = Models.streaming(rest, 28, 28);
        float[] all = spikes.reshape(spikes.length()).toFloatVector();
        float[] want = rates.reshape(rates.length()).toFloatVector();
        int t = config.timeSteps();
        float[] step = new float[784];
        int agree = 0;
        double total = 0;
        for (int i = 0; i < b; i++) {
            StreamState s = net.newState();
            for (int k = 0; k < t; k++) {
                System.arraycopy(all, (k * b + i) * 784, step, 0, 784);
                net.step(step, s, null);
            }
            float[] got = net.decoded(s, new float[10]);
            for (int j = 0; j < 10; j++) {
                assertEquals(want[i * 10 + j], got[j], 1e-5, "sample " + i + " class " + j);
                total += got[j];
            }
            agree += argMax(got) == test.label(i) ? 1 : 0;
        }
        assertTrue(total > 0, "the trained network fired");
        assertTrue(agree >= 6, "the streamed decisions of a briefly trained network are right for " + agree + "/20");
    }

    @Test
    void exampleFourNetworkStepsLikeItsTrainingGraph() throws Exception {
        Module model = NmnistExample.buildModel(NmnistConfig.defaults());
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            if (e.getKey().endsWith("weight") && e.getValue().rank() == 4) {
                e.getValue().value().muli(8.0);
            }
        }
        model.eval();
        int b = 3;
        int t = 8;
        Random r = new Random(3);
        float[] frames = new float[b * t * 2 * 34 * 34];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = r.nextDouble() < 0.2 ? 1f : 0f;
        }
        INDArray scores;
        try (var g = Grad.disabled()) {
            scores = model.forward(Tensor.of(Nd4j.createFromArray(frames).reshape(b, t, 2, 34, 34))
                    .markSpikeValued()).value();
        }
        StreamingNetwork net = Models.streaming(model, 2, 34, 34);
        assertEquals(64 * 5 * 5, net.outputSize());
        float[] want = scores.reshape(scores.length()).toFloatVector();
        int per = 2 * 34 * 34;
        float[] step = new float[per];
        float[] out = new float[net.outputSize()];
        long fired = 0;
        for (int i = 0; i < b; i++) {
            StreamState s = net.newState();
            for (int k = 0; k < t; k++) {
                System.arraycopy(frames, (i * t + k) * per, step, 0, per);
                net.step(step, s, out);
                for (float v : out) {
                    fired += (long) v;
                }
            }
            float[] got = net.decoded(s, new float[10]);
            for (int j = 0; j < 10; j++) {
                assertEquals(want[i * 10 + j], got[j], 1e-5 * Math.max(1, Math.abs(want[i * 10 + j])),
                        "sample " + i + " class " + j);
            }
        }
        assertTrue(fired > 0, "the last convolution layer fired");
        Path file = dir.resolve("ex4.safetensors");
        Models.save(model, file);
        assertTrue(Files.size(file) > 0);
        assertEquals(net.layers(), StreamingNetwork.load(file, 2, 34, 34).layers());
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
