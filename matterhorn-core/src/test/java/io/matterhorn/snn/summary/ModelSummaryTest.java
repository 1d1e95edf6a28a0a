package io.matterhorn.snn.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.BatchNorm1d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Expected counts are worked out by hand for this model, input [T=3, B=2, 2, 3]:
 * Linear(6, 5, bias) 30 + 5 = 35 floats (140 B); BatchNorm1d(5) weight and bias 10 floats, buffers running_mean
 * and running_var 10 floats plus num_batches_tracked one long (88 B in all); LIF tau_m 1 float, not trainable;
 * Linear(5, 2, no bias) 10 floats (40 B). Totals: 56 parameters, 55 trainable, 11 buffer elements, 272 B.
 */
class ModelSummaryTest {
    private final BatchNorm1d norm = new BatchNorm1d(5);
    private final Module model = new Sequential(
            new Flatten(),
            new Linear(6, 5, true),
            norm,
            LIF.builder().tauM(2.0).trainable(false).build(),
            new Linear(5, 2, false),
            new AvgSpikeDecoder());

    private static Tensor input() {
        return Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 2, 2, 3));
    }

    @Test
    void rowsGiveShapesCountsAndTrainability() {
        ModelSummary s = ModelSummary.of(model, input());
        List<ModelSummary.Row> rows = s.rows();
        assertEquals(List.of("", "0", "1", "2", "3", "3.module", "4", "5"),
                rows.stream().map(ModelSummary.Row::path).toList());
        assertArrayEquals(new long[] {2, 2}, rows.get(0).outputShape());
        assertArrayEquals(new long[] {3, 2, 6}, rows.get(1).outputShape());
        assertArrayEquals(new long[] {3, 2, 5}, rows.get(2).outputShape());
        assertArrayEquals(new long[] {3, 2, 5}, rows.get(3).outputShape());
        assertArrayEquals(new long[] {3, 2, 5}, rows.get(4).outputShape());
        assertNull(rows.get(5).outputShape(), "the soma inside Temporal is not observable from outside");
        assertArrayEquals(new long[] {3, 2, 2}, rows.get(6).outputShape());
        assertArrayEquals(new long[] {2, 2}, rows.get(7).outputShape());

        assertEquals(35, rows.get(2).parameters());
        assertEquals("yes", rows.get(2).trainable());
        assertEquals(140, rows.get(2).bytes());
        assertEquals(10, rows.get(3).parameters());
        assertEquals(11, rows.get(3).buffers());
        assertEquals(88, rows.get(3).bytes());
        assertEquals(1, rows.get(5).parameters());
        assertEquals("no", rows.get(5).trainable());
        assertEquals("-", rows.get(0).trainable());

        assertEquals(56, s.parameterCount());
        assertEquals(55, s.trainableParameterCount());
        assertEquals(11, s.bufferCount());
        assertEquals(272, s.bytes());
        assertEquals(56, model.parameterCount());
        assertArrayEquals(new long[] {3, 2, 2, 3}, s.inputShape());
    }

    @Test
    void dryRunLeavesStatisticsAndModesAsTheyWere() {
        model.train();
        norm.eval();
        ModelSummary.of(model, input());
        assertTrue(model.isTraining());
        assertFalse(norm.isTraining(), "a module's own mode must be restored");
        assertEquals(0.0, norm.namedBuffers().get("running_mean").value().sumNumber().doubleValue());
        assertEquals(5.0, norm.namedBuffers().get("running_var").value().sumNumber().doubleValue());
        assertEquals(0L, norm.namedBuffers().get("num_batches_tracked").value().getLong(0));
        norm.train();
        ModelSummary.of(model, input());
        assertTrue(norm.isTraining());
        assertEquals(0L, norm.namedBuffers().get("num_batches_tracked").value().getLong(0),
                "the dry run runs in evaluation mode");
    }

    @Test
    void tableShowsEveryRowAndTheTotals() {
        String table = ModelSummary.of(model, input()).toString();
        assertTrue(table.startsWith("module"), table);
        assertTrue(table.contains("[3, 2, 5]"), table);
        assertTrue(table.contains("3.module"), table);
        assertTrue(table.endsWith("input [3, 2, 2, 3]; parameters 56 (trainable 55); buffers 11; memory 272 B"),
                table);
        assertEquals(1 + 8 + 1, table.lines().count());
    }

    @Test
    void withoutExampleThereAreNoShapes() {
        ModelSummary s = ModelSummary.of(model);
        assertTrue(s.rows().stream().allMatch(r -> r.outputShape() == null));
        assertNull(s.inputShape());
        assertEquals(56, s.parameterCount());
        assertThrows(IllegalArgumentException.class, () -> ModelSummary.of(model, null));
    }
}
