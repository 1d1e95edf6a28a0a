package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.neuron.EulerKind;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ArrayLIF.leaky and ArrayLIF.nonLeaky: the kind, the parameters, the surrogate and the checks. */
class ArrayLifFactoryTest {

    @Test
    void leakyIsNirsLifAndNonLeakyItsIf() {
        ArrayLIF lif = ArrayLIF.leaky(new long[] {3, 2}, 1e-3, new Sigmoid());
        assertTrue(lif.leaky());
        assertEquals(EulerKind.LIF, lif.kind());
        assertArrayEquals(new long[] {3, 2}, lif.neuronShape());
        assertEquals(1e-3, lif.dt(), 0);
        assertEquals(new Sigmoid(), lif.spikingFunction());
        assertEquals(List.copyOf(EulerKind.LIF.paramNames()), List.copyOf(lif.namedParameters().keySet()));

        ArrayLIF ifs = ArrayLIF.nonLeaky(new long[] {4}, 2e-3, null);
        assertFalse(ifs.leaky());
        assertEquals(EulerKind.IF, ifs.kind());
        assertEquals(new Rectangular(), ifs.spikingFunction(), "null: Rectangular");
        assertEquals(List.copyOf(EulerKind.IF.paramNames()), List.copyOf(ifs.namedParameters().keySet()));
    }

    @Test
    void badShapesAndStepsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ArrayLIF.leaky(new long[] {0}, 1e-3, null));
        assertThrows(IllegalArgumentException.class, () -> ArrayLIF.nonLeaky(new long[] {2}, 0, null));
    }
}
