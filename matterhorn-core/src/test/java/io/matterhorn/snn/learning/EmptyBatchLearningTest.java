package io.matterhorn.snn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.learning.competitive.AdaptiveThreshold;
import io.matterhorn.snn.learning.competitive.CompetitiveLayer;
import io.matterhorn.snn.learning.competitive.CompetitiveSettings;
import io.matterhorn.snn.learning.competitive.LabelAssignment;
import io.matterhorn.snn.learning.competitive.PreTraceStdp;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An empty batch (B = 0) or an empty sequence (T = 0) into every learning layer of io.matterhorn.snn.learning is
 * refused with an IllegalArgumentException that names the layer and the shape, never an ND4J exception, and
 * leaves the layer unchanged and usable.
 */
class EmptyBatchLearningTest {

    private static void assertClearRefusal(Executable call, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "message '" + e.getMessage() + "' should contain '" + w + "'");
        }
    }

    private static STDPLinear layer() {
        STDPLinear s = new STDPLinear(3, 2, IF.builder().uThreshold(0.5).build());
        s.loadWeight(Nd4j.create(new float[] {0.6f, 0f, 0.2f, 0f, 0.3f, 0.1f}, new long[] {2, 3}, 'c'));
        return s;
    }

    @Test
    void stdpLinearRefusesAnEmptyBatchLearningOrNot() {
        for (boolean learning : new boolean[] {true, false}) {
            STDPLinear s = layer();
            float[] before = s.weight().toFloatArray();
            Temporal t = new Temporal(s);
            if (learning) {
                t.startStep();
            }
            assertClearRefusal(() -> t.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 4, 0, 3))), "STDPLinear",
                    "empty batch");
            // a single step straight into the layer
            assertClearRefusal(() -> s.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 0, 3))), "empty batch");
            assertArrayEquals(before, s.weight().toFloatArray());
            // still usable: a real batch learns as usual
            t.reset();
            Tensor out = t.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 4, 2, 3)));
            assertArrayEquals(new long[] {4, 2, 2}, out.shape());
        }
    }

    @Test
    void stdpLinearInsideSequentialRefusesAnEmptyBatch() {
        Sequential net = new Sequential(STDPLinear.builder(3, 2, LIF.builder().build()).build());
        net.startStep();
        assertClearRefusal(() -> net.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 5, 0, 3))), "empty batch");
        // an empty sequence (T = 0) is refused by the container, not by ND4J
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 0, 2, 3))));
        assertTrue(e.getMessage() != null && !e.getMessage().contains("tensorAlongDimension"), e.getMessage());
    }

    @Test
    void stdpRuleRefusesEmptyTrains() {
        StdpWindow w = StdpWindow.DEFAULT;
        assertClearRefusal(() -> Stdp.deltaWeight(w, Nd4j.zeros(DataType.FLOAT, 4, 0, 3),
                Nd4j.zeros(DataType.FLOAT, 4, 0, 2)), "Stdp", "B=0");
        assertClearRefusal(() -> Stdp.deltaWeight(w, Nd4j.zeros(DataType.FLOAT, 0, 2, 3),
                Nd4j.zeros(DataType.FLOAT, 0, 2, 2)), "Stdp", "T=0");
        assertClearRefusal(() -> Stdp.directDoubleSum(w, Nd4j.zeros(DataType.FLOAT, 4, 0, 3),
                Nd4j.zeros(DataType.FLOAT, 4, 0, 2)), "Stdp", "B=0");
        assertClearRefusal(() -> Stdp.deltaWeight(w, new float[0], new float[0], 4, 0, 3, 2), "B=0");
    }

    @Test
    void competitiveLearningRefusesEmptyInputs() {
        CompetitiveLayer layer = new CompetitiveLayer(CompetitiveSettings.defaults(4, 3), 1);
        assertClearRefusal(() -> layer.present(new float[0], true), "competitive layer", "expected [inputs] = 4");
        assertClearRefusal(() -> LabelAssignment.fit(new int[0][], new int[0], 10), "label assignment",
                "0 count rows");
        assertClearRefusal(() -> new PreTraceStdp(4, 0.01, 0.4, 1.0, 0.0, 20.0).advance(new float[0]),
                "pre-trace STDP", "expected [inputs] = 4");
        assertClearRefusal(() -> new AdaptiveThreshold(3, 0.05, 1e7).step(new float[0]), "adaptive threshold",
                "expected [neurons] = 3");
    }
}
