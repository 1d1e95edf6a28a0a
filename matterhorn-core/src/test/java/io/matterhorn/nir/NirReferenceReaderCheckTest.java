package io.matterhorn.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.snn.container.AdditiveGraph;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLI;
import io.matterhorn.snn.soma.Integrator;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.nir.module.Threshold;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
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

/**
 * Files written by {@link Nir#write} pass {@code scripts/nir_check.py}, which reads them with h5py the way the
 * reference Python package's reader does (string datasets, node fields, edges, type check per edge). Skipped, and
 * reported as skipped, where {@code /usr/bin/python3} with h5py is not available.
 */
class NirReferenceReaderCheckTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final double DT = 1e-3;

    private static Path script() {
        for (Path p : List.of(Path.of("scripts", "nir_check.py"), Path.of("..", "scripts", "nir_check.py"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean h5pyAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import h5py, numpy").redirectErrorStream(true)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void writtenFilesPassTheReferenceReaderSteps(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = script();
        assumeTrue(script != null, "scripts/nir_check.py not found; check skipped");
        assumeTrue(h5pyAvailable(), "/usr/bin/python3 with h5py and numpy is not available; check skipped");
        Random init = new Random(31);
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        // example 1's network between encoder and decoder
        Path ex1 = dir.resolve("example1.nir");
        Nir.write(new Sequential(new Flatten(), new Linear(28 * 28, 80, false, false, init),
                LIF.builder().tauM(2.37).build(), new Linear(80, 10, false, false, init),
                LIF.builder().tauM(1.83).build()), ex1, DT, 1, 28, 28);
        // example 4's convolution stack
        Path ex4 = dir.resolve("example4.nir");
        Nir.write(new Sequential(Conv2d.builder(2, 8, 3).stride(2).padding(1).random(init).build(),
                LIF.builder().tauM(2.0).build(), Conv2d.builder(8, 8, 3).stride(2).padding(1).random(init).build(),
                LIF.builder().tauM(2.0).build()), ex4, DT, 2, 34, 34);
        // a residual block and the new node types
        Path res = dir.resolve("residual.nir");
        AdditiveGraph block = new AdditiveGraph(List.of(new AdditiveGraph.Node("branch",
                new Sequential(new Linear(6, 6, true, false, init), ArrayLIF.leaky(new long[] {6}, DT, null)),
                List.of(AdditiveGraph.INPUT))), List.of("branch", AdditiveGraph.INPUT));
        Nir.write(new Sequential(block, new CubaLI(new long[] {6}, DT), new Integrator(new long[] {6}, DT),
                new Threshold(new long[] {6}, null)), res, DT, 6);
        cmd.add(ex1.toString());
        cmd.add(ex4.toString());
        cmd.add(res.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
    }
}
