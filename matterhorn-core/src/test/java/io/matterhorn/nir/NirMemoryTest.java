package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.matterhorn.runtime.StreamState;
import io.matterhorn.runtime.StreamingNetwork;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.layer.Delay;
import io.matterhorn.snn.soma.AdaptiveLIF;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NIR graphs with memory in core: the reference package's recurrent ({@code rlif}: a LIF with a Linear loop) and
 * delay ({@code delay_lif}) fixtures run through {@link Nir#read} to the independent simulation's spikes exactly; a
 * network with recurrent layers and delays written by {@link Nir#write} reads back as the same modules with the same
 * outputs, runs identically in the streaming runtime's NIR compiler, and passes {@code scripts/nir_check.py} (the
 * reference reader's steps; skipped where no Python with h5py is found); modules without a NIR counterpart are
 * refused.
 */
class NirMemoryTest {
    private static final double DT = 1e-3;

    private static void assertFixture(String kase, Class<? extends Module> expectedModule) {
        JsonObject io = NirFixtures.io(kase);
        Module m = Nir.read(NirFixtures.file(kase + ".nir"), io.get("dt").getAsDouble());
        assertTrue(contains(m, expectedModule), kase + ": read as " + m);
        INDArray x = NirFixtures.array(io.getAsJsonObject("input"));
        INDArray expected = NirFixtures.array(io.getAsJsonObject("expected"));
        INDArray y = m.forward(Tensor.of(x)).value();
        assertArrayEquals(expected.shape(), y.shape(), kase + ": output shape");
        float[] e = expected.dup('c').data().asFloat();
        float[] got = y.dup('c').data().asFloat();
        int spikes = 0;
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], got[i], 0.0, kase + ": element " + i);
            spikes += (int) e[i];
        }
        assertTrue(spikes > 0 && spikes < e.length, kase + ": the fixture must hold spikes and silences");
    }

    private static boolean contains(Module m, Class<? extends Module> type) {
        if (type.isInstance(m)) {
            return true;
        }
        for (Module c : m.children()) {
            if (contains(c, type)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void recurrentFixtureSpikesMatchExactly() {
        assertFixture("rlif", Recurrent.class);
    }

    @Test
    void delayFixtureSpikesMatchExactly() {
        assertFixture("delay_lif", Delay.class);
    }

    /**
     * Linear -> Recurrent(LIF) -> Linear -> per-element Delay -> Recurrent(CubaLIF, with a bias: an Affine loop) ->
     * Linear -> Delay for all -> LI.
     */
    private static Module network(Random init) {
        ArrayLIF lif = ArrayLIF.leaky(new long[] {10}, DT, null);
        lif.namedParameters().get("tau").value().assign(3 * DT);
        CubaLIF cuba = new CubaLIF(new long[] {6}, DT, null);
        cuba.namedParameters().get("tau_syn").value().assign(2 * DT);
        cuba.namedParameters().get("tau_mem").value().assign(3 * DT);
        cuba.namedParameters().get("w_in").value().assign(3);
        return new Sequential(new Linear(12, 10, true, false, init), new Recurrent(10, lif, init),
                new Linear(10, 6, false, false, init), new Delay(new long[] {6}, 0, 1, 2, 3, 1, 0),
                new Recurrent(6, cuba, true, init), new Linear(6, 4, false, false, init),
                new Delay(new long[] {4}, 2), new LI(new long[] {4}, DT));
    }

    private static INDArray spikes(int t, int b, int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[t * b * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < 0.4 ? 1f : 0f;
        }
        return Nd4j.create(v, new long[] {t, b, n}, 'c');
    }

    private static float[] run(Module m, INDArray x) {
        try (var g = Grad.disabled()) {
            float[] y = m.forward(Tensor.of(x.dup())).value().castTo(DataType.FLOAT).dup('c').data().asFloat();
            m.reset();
            return y;
        }
    }

    @Test
    void writtenRecurrentAndDelayGraphReadsBackAndStreams(@TempDir Path dir) throws IOException {
        Module m = network(new Random(5));
        for (var e : m.namedParameters().entrySet()) {
            if (e.getKey().endsWith("weight")) {
                e.getValue().value().muli(6.0);
            }
        }
        Path file = dir.resolve("memory.nir");
        Nir.write(m, file, DT);
        Module back = Nir.read(file, DT);
        assertTrue(contains(back, Recurrent.class) && contains(back, Delay.class), "read as " + back);
        int steps = 14;
        int batch = 3;
        INDArray x = spikes(steps, batch, 12, 9);
        float[] want = run(m, x);
        float[] got = run(back, x);
        assertArrayEquals(want, got, 1e-5f, "read back");
        double moved = 0;
        for (float v : want) {
            moved += Math.abs(v);
        }
        assertTrue(moved > 0, "the LI output never moved; the test would not see a wrong recurrence");
        StreamingNetwork net = StreamingNetwork.loadNir(file, DT);
        float[] xs = x.dup('c').data().asFloat();
        float[] step = new float[12];
        float[] out = new float[4];
        StreamState[] streams = new StreamState[batch];
        for (int b = 0; b < batch; b++) {
            streams[b] = net.newState();
        }
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(xs, (t * batch + b) * 12, step, 0, 12);
                net.step(step, streams[b], out);
                for (int j = 0; j < 4; j++) {
                    float w = want[(t * batch + b) * 4 + j];
                    assertEquals(w, out[j], 1e-5f * Math.max(1f, Math.abs(w)), "stream t=" + t + " b=" + b);
                }
            }
        }
    }

    @Test
    void moduleWithoutCounterpartIsRefused(@TempDir Path dir) {
        Module alif = new Sequential(new Linear(4, 3, false), new Recurrent(3, AdaptiveLIF.builder(3).build()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nir.write(alif, dir.resolve("alif.nir"), DT));
        assertTrue(e.getMessage().contains("AdaptiveLIF"), e.getMessage());
    }

    /** @return a Python with h5py and numpy: the benchmark venv's or the system's, or null */
    private static String python() throws IOException, InterruptedException {
        for (Path p : List.of(Path.of("..", ".bench", "torch2-venv", "bin", "python"),
                Path.of(".bench", "torch2-venv", "bin", "python"), Path.of("/usr/bin/python3"))) {
            if (!Files.isExecutable(p)) {
                continue;
            }
            Process proc = new ProcessBuilder(p.toString(), "-c", "import h5py, numpy").redirectErrorStream(true)
                    .start();
            if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                return p.toString();
            }
        }
        return null;
    }

    @Test
    void writtenFilesPassTheReferenceReaderSteps(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = Files.isRegularFile(Path.of("..", "scripts", "nir_check.py"))
                ? Path.of("..", "scripts", "nir_check.py") : Path.of("scripts", "nir_check.py");
        assumeTrue(Files.isRegularFile(script), "scripts/nir_check.py not found; check skipped");
        String python = python();
        assumeTrue(python != null, "no Python with h5py and numpy; check skipped");
        Path file = dir.resolve("memory.nir");
        Nir.write(network(new Random(2)), file, DT);
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nir_check.py did not finish");
        assertEquals(0, p.exitValue(), out);
    }
}
