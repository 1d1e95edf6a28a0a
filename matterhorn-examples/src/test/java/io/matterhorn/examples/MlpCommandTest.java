package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.nir.Nir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mlp} command end to end at a tiny size: quiet output, resume, NIR export, help and errors. */
class MlpCommandTest {
    private static final String[] TINY = {"--batch", "64", "--time-steps", "4", "--max-batches", "2", "--quiet"};

    private static String[] mlp(String... args) {
        String[] all = new String[1 + TINY.length + args.length];
        all[0] = "mlp";
        System.arraycopy(TINY, 0, all, 1, TINY.length);
        System.arraycopy(args, 0, all, 1 + TINY.length, args.length);
        return all;
    }

    @Test
    void quietRunPrintsTheResultAndExportsNir(@TempDir Path dir) throws Exception {
        Path nir = dir.resolve("mlp.nir");
        Path ckpt = dir.resolve("ckpt.safetensors");
        java.io.PrintStream savedErr = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
            run = CliRun.of(mlp("--epochs", "1", "--checkpoint", ckpt.toString(), "--nir", nir.toString()));
        } finally {
            System.setErr(savedErr);
        }
        String log = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(log.contains("io.jhdf"), "jHDF stays quiet in the examples: " + log);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("test accuracy after epoch 1: "), run.out());
        assertTrue(run.out().contains("left out the encoder PoissonEncoder")
                && run.out().contains("left out the decoder AvgSpikeDecoder"), run.out());
        assertArrayEquals(new long[] {1, 28, 28}, Nir.inputShape(nir));

        CliRun finished = CliRun.of(mlp("--epochs", "1", "--resume", ckpt.toString()));
        assertEquals(0, finished.code(), finished.err());
        assertTrue(finished.out().contains("nothing to train") && finished.out().contains("--epochs N with N > 1"),
                finished.out());
        assertTrue(finished.out().contains("test accuracy of the checkpoint's model: "), finished.out());

        CliRun resumed = CliRun.of(mlp("--epochs", "2", "--resume", ckpt.toString()));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("after epoch 1: training epochs 2 to 2"), resumed.out());
        assertTrue(resumed.out().contains("test accuracy after epoch 2: "), resumed.out());
    }

    @Test
    void everyCommandHasHelpAndErrorsFollowOneConvention(@TempDir Path dir) throws Exception {
        CliRun list = CliRun.of("--help");
        assertEquals(0, list.code());
        for (var c : Main.commands()) {
            String name = c.getClass().getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(list.out().contains("  " + name + " "), name + " is listed: " + list.out());
            CliRun help = CliRun.of(name, "--help");
            assertEquals(0, help.code(), name + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: Main " + name), help.out());
        }
        // picocli formats descriptions with String.format: a lone % breaks the help text (write %% for %)
        java.util.regex.Pattern lonePercent = java.util.regex.Pattern.compile("(?<!%)%(?![%n])");
        for (picocli.CommandLine sub : Main.commandLine(System.out, System.err).getSubcommands().values()) {
            List<String> texts = new java.util.ArrayList<>(List.of(sub.getCommandSpec().usageMessage().description()));
            sub.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
            for (String t : texts) {
                assertFalse(lonePercent.matcher(t.replace("%%", "")).find(),
                        sub.getCommandName() + ": write % as %% in: " + t);
            }
        }
        CliRun unknown = CliRun.of("mlp", "--epoch", "3");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: ") && unknown.err().contains("--epochs"), unknown.err());
        Files.createDirectories(dir.resolve("empty"));
        CliRun missing = CliRun.of("mlp", "--data", dir.resolve("empty").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: ") && !missing.err().contains("\tat "), missing.err());
        CliRun verbose = CliRun.of("mlp", "--data", dir.resolve("empty").toString(), "--verbose");
        assertTrue(verbose.err().contains("\tat "), "--verbose prints the stack trace: " + verbose.err());
    }
}
