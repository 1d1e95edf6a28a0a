package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Temporal(soma, resetAfterProcess = false) carries the potential from one call to the next. Two calls on the
 * halves of a sequence must equal one call on the whole sequence, for the spikes and, through the fused node's
 * final-state output, for the gradients of both input halves and of tau_m.
 */
class StreamingSomaTest {
    private static final long[] SHAPE = {9, 3, 17};
    private static final int SPLIT = 4;

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(new Sigmoid(), true), Arguments.of(new Sigmoid(), false),
                Arguments.of(new Rectangular(), true), Arguments.of(new Gaussian(), false));
    }

    private static LIF lif(Surrogate s, boolean hard) {
        return LIF.builder().tauM(2.0).spikingFunction(s).hardReset(hard).trainable(true).build();
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @ParameterizedTest(name = "{0} hard={1}")
    @MethodSource("cases")
    void twoHalvesEqualTheWholeSequence(Surrogate s, boolean hard) {
        Nd4j.getRandom().setSeed(31);
        INDArray xv = Nd4j.rand(DataType.FLOAT, SHAPE).muli(2f).subi(0.2f);
        INDArray w = GradientCheck.randomWeights(SHAPE, 8).castTo(DataType.FLOAT);

        LIF whole = lif(s, hard);
        Tensor x = Tensor.variable(xv.dup());
        Tensor o = new Temporal(whole).forward(x);
        o.mul(Tensor.of(w)).sum().backward();

        LIF streamed = lif(s, hard);
        Temporal temporal = new Temporal(streamed, false);
        Tensor x1 = Tensor.variable(rows(xv, 0, SPLIT));
        Tensor x2 = Tensor.variable(rows(xv, SPLIT, SHAPE[0]));
        Tensor o1 = temporal.forward(x1);
        Tensor o2 = temporal.forward(x2);
        Tensor loss = o1.mul(Tensor.of(rows(w, 0, SPLIT))).sum()
                .add(o2.mul(Tensor.of(rows(w, SPLIT, SHAPE[0]))).sum());
        loss.backward();

        assertArrayEquals(floats(rows(o.value(), 0, SPLIT)), o1.toFloatArray(), 0f, "spikes of the first half");
        assertArrayEquals(floats(rows(o.value(), SPLIT, SHAPE[0])), o2.toFloatArray(), 0f, "spikes of the 2nd half");
        assertArrayEquals(floats(rows(x.grad(), 0, SPLIT)), floats(x1.grad()), 1e-5f, "dx of the first half");
        assertArrayEquals(floats(rows(x.grad(), SPLIT, SHAPE[0])), floats(x2.grad()), 1e-5f, "dx of the 2nd half");
        double ref = whole.tauM().grad().getDouble(0);
        assertEquals(ref, streamed.tauM().grad().getDouble(0), 1e-5 * Math.max(1, Math.abs(ref)), "dtau");
        // the state's gradient path matters: without it the first half's input gradient would differ
        assertTrue(Math.abs(ref) > 1e-3);
    }

    @Test
    void secondBackwardThroughTheFirstCallIgnoresEarlierStateGradients() {
        Nd4j.getRandom().setSeed(32);
        INDArray xv = Nd4j.rand(DataType.FLOAT, SHAPE).muli(2f).subi(0.2f);
        INDArray w = GradientCheck.randomWeights(SHAPE, 9).castTo(DataType.FLOAT);
        INDArray w1 = rows(w, 0, SPLIT);

        // reference: the first half alone, loss on its spikes only
        LIF alone = lif(new Sigmoid(), true);
        Tensor r1 = Tensor.variable(rows(xv, 0, SPLIT));
        new Temporal(alone, false).forward(r1).mul(Tensor.of(w1)).sum().backward();

        // streamed: a backward from the second call's spikes first (it reaches the first call through the state),
        // then, after zeroing, a backward from the first call's spikes alone
        LIF soma = lif(new Sigmoid(), true);
        Temporal temporal = new Temporal(soma, false);
        Tensor x1 = Tensor.variable(rows(xv, 0, SPLIT));
        Tensor x2 = Tensor.variable(rows(xv, SPLIT, SHAPE[0]));
        Tensor o1 = temporal.forward(x1);
        Tensor o2 = temporal.forward(x2);
        o2.mul(Tensor.of(rows(w, SPLIT, SHAPE[0]))).sum().backward();
        assertTrue(x1.grad().norm2Number().doubleValue() > 0, "the second half's loss reaches the first half");
        x1.zeroGrad();
        soma.tauM().zeroGrad();
        o1.mul(Tensor.of(w1)).sum().backward();

        assertArrayEquals(floats(r1.grad()), floats(x1.grad()), 1e-6f, "dx of the first half");
        assertEquals(alone.tauM().grad().getDouble(0), soma.tauM().grad().getDouble(0), 1e-5, "dtau");
    }

    @Test
    void lossOnTheFinalStateMatchesPerStepGraph() {
        Nd4j.getRandom().setSeed(33);
        INDArray xv = Nd4j.rand(DataType.FLOAT, SHAPE).muli(2f).subi(0.2f);
        INDArray w = GradientCheck.randomWeights(SHAPE, 10).castTo(DataType.FLOAT);
        INDArray v = GradientCheck.randomWeights(new long[] {SHAPE[1] * SHAPE[2]}, 11).castTo(DataType.FLOAT);

        LIF fusedSoma = lif(new Gaussian(), false);
        Tensor xf = Tensor.variable(xv.dup());
        Tensor of = new Temporal(fusedSoma, false).forward(xf);
        of.mul(Tensor.of(w)).sum().add(fusedSoma.state().reshape(-1).mul(Tensor.of(v)).sum()).backward();

        LIF stepSoma = lif(new Gaussian(), false);
        Tensor xs = Tensor.variable(xv.dup());
        java.util.List<Tensor> steps = new java.util.ArrayList<>();
        for (int t = 0; t < SHAPE[0]; t++) {
            steps.add(stepSoma.forward(xs.select(t)));
        }
        Tensor os = Tensor.stack(steps);
        os.mul(Tensor.of(w)).sum().add(stepSoma.state().reshape(-1).mul(Tensor.of(v)).sum()).backward();

        assertArrayEquals(floats(fusedSoma.state().value()), floats(stepSoma.state().value()), 1e-6f, "final state");
        assertArrayEquals(floats(xs.grad()), floats(xf.grad()), 1e-5f, "dx");
        double ref = stepSoma.tauM().grad().getDouble(0);
        assertEquals(ref, fusedSoma.tauM().grad().getDouble(0), 1e-5 * Math.max(1, Math.abs(ref)), "dtau");
    }

    @Test
    void stateCarriesOverOnlyWithoutReset() {
        Tensor step = Tensor.of(Nd4j.create(new float[] {0.8f}, new long[] {1, 1}, 'c'));
        LIF a = new LIF();
        Temporal streaming = new Temporal(a, false);
        streaming.forward(step);
        streaming.forward(step);
        assertEquals(0.6, a.state().item(), 1e-6);

        LIF b = new LIF();
        Temporal resetting = new Temporal(b);
        resetting.forward(step);
        assertEquals(null, b.state());
        resetting.forward(step);
        assertEquals(null, b.state());
    }
}
