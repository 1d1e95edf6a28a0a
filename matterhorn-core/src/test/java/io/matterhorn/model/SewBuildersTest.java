package io.matterhorn.model;

import static io.matterhorn.BuilderAssertions.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builders of SEWBlock and SEWRes18 and ConvLIF.of: defaults, every setter reaches the model, messages. */
class SewBuildersTest {

    private static <M extends Module> List<M> all(Module m, Class<M> type) {
        List<M> out = new ArrayList<>();
        if (type.isInstance(m)) {
            out.add(type.cast(m));
        }
        for (Module c : m.children()) {
            out.addAll(all(c, type));
        }
        return out;
    }

    private static List<LIF> lifs(Module m) {
        return all(m, LIF.class);
    }

    @Test
    void blockDefaults() {
        SEWBlock b = SEWBlock.builder(4, 4).build();
        assertEquals(4, b.inChannels());
        assertEquals(4, b.outChannels());
        assertEquals(ResidualConnection.ADD, b.connection());
        assertFalse(b.downSampling());
        List<LIF> somas = lifs(b);
        assertEquals(2, somas.size(), "conv1 and conv2; no shortcut for in == out without down-sampling");
        for (LIF lif : somas) {
            assertEquals(2.0, lif.tauM().item(), 0);
            assertEquals(new Rectangular(), lif.spikingFunction());
            assertFalse(lif.tauM().requiresGrad());
        }
    }

    @Test
    void everyBlockSetterReachesTheBlockAndEachLifIsItsOwn() {
        SEWBlock b = SEWBlock.builder(4, 8).soma(LIF.builder().tauM(3).spikingFunction(new Sigmoid()).trainable(true))
                .connection(ResidualConnection.IAND).downSampling(true).build();
        assertEquals(ResidualConnection.IAND, b.connection());
        assertTrue(b.downSampling());
        List<LIF> somas = lifs(b);
        assertEquals(3, somas.size(), "conv1, conv2 and the 1x1 shortcut");
        for (LIF lif : somas) {
            assertEquals(3.0, lif.tauM().item(), 0);
            assertEquals(new Sigmoid(), lif.spikingFunction());
            assertTrue(lif.tauM().requiresGrad());
        }
        assertTrue(somas.get(0).tauM() != somas.get(1).tauM(), "every LIF has its own tau_m");
    }

    @Test
    void networkSettingsReachEveryBlock() {
        SEWRes18 net = SEWRes18.builder(32, 64, 7).soma(LIF.builder().tauM(4)).connection(ResidualConnection.AND)
                .build();
        assertEquals(32, net.height());
        assertEquals(64, net.width());
        List<LIF> somas = lifs(net);
        assertEquals(1 + 8 * 2 + 3, somas.size(), "stem, two per block, three down-sampling shortcuts");
        somas.forEach(lif -> assertEquals(4.0, lif.tauM().item(), 0));
        List<SEWBlock> blocks = all(net, SEWBlock.class);
        assertEquals(8, blocks.size());
        blocks.forEach(b -> assertSame(ResidualConnection.AND, b.connection()));
        assertEquals(lifs(SEWRes18.builder(32, 32, 10).build()).get(0).spikingFunction(), new Rectangular());
    }

    @Test
    void convLifBuildsItsLifFromTheBuilder() {
        LIF lif = lifs(ConvLIF.of(2, 3, 3, 1, LIF.builder().tauM(5).trainable(true))).get(0);
        assertEquals(5.0, lif.tauM().item(), 0);
        assertTrue(lif.tauM().requiresGrad());
    }

    @Test
    void buildNamesTheBadSetting() {
        rejects("SEWBlock: residual connection must not be null", () -> SEWBlock.builder(4, 4).connection(null)
                .build());
        rejects("SEWBlock: soma builder must not be null", () -> SEWBlock.builder(4, 4).soma(null).build());
        rejects("SEWRes18: input height and width must be positive multiples of 32, got 30 x 32",
                () -> SEWRes18.builder(30, 32, 10).build());
        rejects("SEWRes18: numClasses must be positive, got 0", () -> SEWRes18.builder(32, 32, 0).build());
        rejects("SEWRes18: soma builder must not be null", () -> SEWRes18.builder(32, 32, 10).soma(null).build());
        rejects("ConvLIF: soma builder must not be null", () -> ConvLIF.of(2, 3, 3, 1, null));
        rejects("LIF tau_m", () -> SEWBlock.builder(4, 4).soma(LIF.builder().tauM(0)).build());
    }
}
