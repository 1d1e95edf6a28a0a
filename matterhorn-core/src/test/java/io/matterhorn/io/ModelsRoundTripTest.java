package io.matterhorn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.matterhorn.model.ConvLIF;
import io.matterhorn.model.ResidualConnection;
import io.matterhorn.model.SEWBlock;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.model.TemporalWiseAttention;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Spatial;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.decoder.AvgTimeDecoder;
import io.matterhorn.snn.decoder.MinTimeDecoder;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.encoder.TemporalEncoder;
import io.matterhorn.snn.layer.AvgPool1d;
import io.matterhorn.snn.layer.AvgPool2d;
import io.matterhorn.snn.layer.AvgPool3d;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.layer.MaxPool1d;
import io.matterhorn.snn.layer.MaxPool2d;
import io.matterhorn.snn.layer.MaxPool3d;
import io.matterhorn.snn.layer.SRM0Linear;
import io.matterhorn.snn.layer.Unflatten;
import io.matterhorn.snn.learning.STDPLinear;
import io.matterhorn.snn.learning.StdpWindow;
import io.matterhorn.snn.soma.Activation;
import io.matterhorn.snn.soma.EIF;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.Izhikevich;
import io.matterhorn.snn.soma.IzhikevichStandard;
import io.matterhorn.snn.soma.KLIF;
import io.matterhorn.snn.soma.LIAF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.QIF;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.BatchNorm1d;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.BatchNorm3d;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Conv3d;
import io.matterhorn.snn.synapse.ConvTranspose1d;
import io.matterhorn.snn.synapse.ConvTranspose2d;
import io.matterhorn.snn.synapse.ConvTranspose3d;
import io.matterhorn.snn.synapse.LayerNorm;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every built-in module family survives {@link Models#save} and {@link Models#load}: same class, same
 * architecture, same state dict, and bit-identical outputs on the same input. Parameters are moved away from their
 * constructor values before saving (a training-mode pass updates BatchNorm statistics and random state, then every
 * floating parameter is scaled by 1.1), so a loader that forgot part of the state would be caught.
 */
class ModelsRoundTripTest {
    @TempDir
    Path dir;

    private static Tensor input(long seed, double density, long... shape) {
        Random r = new Random(seed);
        INDArray a = Nd4j.create(DataType.FLOAT, shape);
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < density ? 1f : (float) (r.nextDouble() * 0.5);
        }
        return Tensor.of(Nd4j.createFromArray(v).reshape('c', shape));
    }

    /** Scales every floating parameter by 1.1 (tau_m stays positive, thresholds are not parameters). */
    private static void perturb(Module m) {
        Map<String, INDArray> s = m.stateDict();
        s.replaceAll((k, v) -> v.dataType().isFPType() && !k.endsWith("running_var") ? v.mul(1.1) : v);
        m.loadStateDict(s);
    }

    /**
     * Saves, loads, and compares class, architecture, state and outputs (both in evaluation mode, at rest).
     *
     * @return the loaded model
     */
    private Module roundTrip(Module original, Tensor x) throws Exception {
        original.train();
        original.forward(x); // moves BatchNorm statistics and seeded random state away from their initial values
        original.reset();
        perturb(original);
        Path file = dir.resolve(original.getClass().getSimpleName() + ".safetensors");
        Models.save(original, file);
        Module loaded = Models.load(file);
        assertSame(original.getClass(), loaded.getClass());
        assertEquals(Architecture.describe(original), Architecture.describe(loaded));
        Map<String, INDArray> a = original.stateDict();
        Map<String, INDArray> b = loaded.stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertEquals(v, b.get(k), k));
        original.eval();
        loaded.eval();
        original.reset();
        loaded.reset();
        INDArray ya = original.forward(x).value();
        INDArray yb = loaded.forward(x).value();
        assertArrayEquals(ya.shape(), yb.shape());
        assertArrayEquals(ya.dup('c').data().asFloat(), yb.dup('c').data().asFloat(), 0f, "bit-identical outputs");
        return loaded;
    }

    @Test
    void containersAndPlainWrappers() throws Exception {
        Architecture.registerFunction("double", t -> t.mul(2));
        Sequential s = new Sequential(new Linear(6, 5), new LIF(), new IF(), Plain.of(new Linear(5, 4)),
                Plain.function("double", t -> t.mul(2)), new Temporal(new LIF(), false),
                new Spatial(new Linear(4, 3)));
        roundTrip(s, input(1, 0.5, 3, 2, 6));
    }

    @Test
    void everySomaWithEverySurrogate() throws Exception {
        Module[] somas = {
            IF.builder().spikingFunction(new Rectangular(1.5)).hardReset(false).build(),
            LIF.builder().tauM(3).uThreshold(0.8).spikingFunction(new Polynomial(0.7)).trainable(true).build(),
            QIF.builder().tauM(2.5).spikingFunction(new Sigmoid(2)).trainable(true).build(),
            EIF.builder().spikingFunction(new Gaussian(0.5)).hardReset(false).build(),
            Izhikevich.builder().a(0.02).b(0.2).spikingFunction(new Sigmoid()).trainable(true).build(),
            IzhikevichStandard.builder().build(),
            KLIF.builder().tauM(2).k(1.5).build(),
            LIAF.builder().activation(Activation.tanh()).build(),
        };
        for (Module soma : somas) {
            roundTrip(new Sequential(new Linear(4, 6, true, false, new Random(3)), soma),
                    input(2, 0.6, 5, 2, 4).mul(3));
        }
    }

    @Test
    void synapsesIncludingConvolutionsAndNormalisation() throws Exception {
        Tensor seq2d = input(3, 0.4, 2, 2, 3, 6, 6);
        roundTrip(new Sequential(new Conv2d(3, 4, 3, 2, 1), new BatchNorm2d(4, 1e-3, 0.2, true, true),
                new LayerNorm(new int[] {3, 3}, 1e-4, true), new LIF()), seq2d);
        roundTrip(new Sequential(Conv2d.builder(3, 2, 3).padding("same").groups(1).bias(false).build(),
                ConvTranspose2d.builder(2, 3, 2).stride(2).outputPadding(1).build()), seq2d);
        roundTrip(new Sequential(new Conv1d(3, 4, 3), new BatchNorm1d(4), new ConvTranspose1d(4, 2, 3, 1, 1)),
                input(4, 0.4, 2, 2, 3, 7));
        roundTrip(new Sequential(new Conv3d(2, 2, 3, 1, 1), new BatchNorm3d(2, 1e-5, null, false, true),
                new ConvTranspose3d(2, 2, 2, 2, 0)), input(5, 0.4, 2, 1, 2, 4, 4, 4));
        roundTrip(new Sequential(new Linear(4, 3, false), new BatchNorm1d(3)), input(6, 0.5, 2, 3, 4));
    }

    @Test
    void layersAndPools() throws Exception {
        roundTrip(new Sequential(new MaxPool2d(2), new AvgPool2d(3, 1, 1, true, false, 0), new Flatten(),
                new Unflatten(1, 1, 9)), input(7, 0.5, 2, 2, 1, 6, 6));
        roundTrip(new Sequential(new MaxPool1d(2, 2, 0, 1, true), new AvgPool1d(2)), input(8, 0.5, 2, 2, 3, 9));
        roundTrip(new Sequential(new MaxPool3d(2), new AvgPool3d(2, 2, 0, false, true, 3),
                new Flatten(1, -1, false)), input(9, 0.5, 2, 1, 2, 4, 4, 4));
    }

    @Test
    void encodersAndDecodersIncludingSeededRandomState() throws Exception {
        PoissonEncoder poisson = new PoissonEncoder(5, 2.0, -1.0, 42);
        poisson.forward(input(10, 0.5, 2, 3)); // advance the random state: the loaded copy must continue from here
        Sequential p = new Sequential(poisson, new Linear(3, 4), new LIF(), new AvgSpikeDecoder());
        Module loaded = roundTrip(p, input(11, 0.5, 2, 3));
        assertEquals(poisson.drawCount(), ((PoissonEncoder) loaded.children().get(0)).drawCount());
        roundTrip(new Sequential(TemporalEncoder.builder(6).prob(0.5).resetAfterProcess(false).seed(7).build(),
                new SumSpikeDecoder()), input(12, 0.5, 2, 3));
        roundTrip(new Sequential(new DirectEncoder(), new AvgTimeDecoder(false)), input(13, 0.5, 2, 4, 3));
        roundTrip(new Sequential(new DirectEncoder(), new MinTimeDecoder(true)), input(14, 0.5, 2, 4, 3));
    }

    @Test
    void srm0AndStdpLayers() throws Exception {
        roundTrip(new Sequential(SRM0Linear.builder(5, 4).tauM(3).uThreshold(0.5)
                .spikingFunction(new Sigmoid()).trainable(true).build()), input(15, 0.5, 4, 2, 5));
        STDPLinear stdp = STDPLinear.builder(5, 3, LIF.builder().tauM(1.5).build())
                .window(new StdpWindow(0.1, 3.0, 0.05, 2.5)).learningRate(0.5).weightBounds(-1, 1).build();
        roundTrip(new Sequential(stdp), input(16, 0.5, 4, 2, 5).mul(4));
        roundTrip(new Sequential(new STDPLinear(4, 2, new IF())), input(17, 0.5, 3, 2, 4).mul(4));
    }

    @Test
    void sewModelsAndAttention() throws Exception {
        roundTrip(SEWBlock.builder(2, 4).soma(LIF.builder().spikingFunction(new Sigmoid()).trainable(true))
                .connection(ResidualConnection.IAND).downSampling(true).build(),
                input(18, 0.3, 2, 2, 2, 8, 8));
        roundTrip(new Sequential(ConvLIF.of(2, 3, 3, 1, LIF.builder())), input(19, 0.3, 2, 2, 2, 6,
                6));
        roundTrip(new TemporalWiseAttention(6, 4, 0.3), input(20, 0.5, 6, 2, 3));
        SEWRes18 net = SEWRes18.builder(32, 32, 3).soma(LIF.builder().spikingFunction(new Sigmoid())).build();
        Module loaded = roundTrip(net, input(21, 0.3, 1, 2, 2, 32, 32));
        assertEquals(32, ((SEWRes18) loaded).height());
        assertNotEquals(0, loaded.stateDict().size());
    }
}
