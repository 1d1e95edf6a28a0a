package io.matterhorn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Matterhorn on a real Spark standalone cluster, as a user runs it: a Master and two Workers (two cores each),
 * separate JVMs started from Spark's own jars ({@link SparkDistribution}: Gson 2.10.1 first, the Java 17 flags
 * that Spark's launcher adds, nothing of the application), and the packaged application submitted through
 * {@code SparkSubmit} with its dependencies in {@code --jars}; each application gets one one-core executor per
 * Worker.
 * <ol>
 * <li>{@code spark-mlp} trains two epochs without failures and saves the model;</li>
 * <li>{@code spark-score} scores the 2,000 bundled test digits with that model, the executors reading them, in
 *     cluster deploy mode (the driver on a Worker);</li>
 * <li>{@code spark-mlp} trains again, and one machine is lost during epoch 2 (its Worker and executor killed with
 *     {@code SIGKILL}): the job recovers on the other Worker (the lost cached shard is read again) and the model
 *     file equals that of step 1 byte for byte;</li>
 * <li>{@code spark-mlp} trains and the last machine is lost during epoch 2: the job fails within the stated
 *     timeout ({@code spark.matterhorn.noExecutorTimeout}, 5 s here) with a clear message instead of waiting
 *     forever.</li>
 * </ol>
 * Every process is killed at the end; on a failure the tail of every log is printed.
 */
class StandaloneClusterIT {
    private static final String MLP = "io.matterhorn.spark.examples.SparkMlpExample";
    private static final String SCORE = "io.matterhorn.spark.examples.SparkScoreExample";
    private static final Pattern ROW = Pattern.compile("(?m)^\\s+(\\d+) \\| +([0-9.]+) \\| +([0-9.]+)% \\| +"
            + "([0-9.]+)% \\|");
    private static Path work;
    private static SparkDistribution spark;
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final List<Path> LOGS = new ArrayList<>();
    private static String masterUrl;
    private static Process worker1;
    private static Process worker2;

    @BeforeAll
    static void startCluster() throws Exception {
        work = Path.of(System.getProperty("matterhorn.it.work", "target/spark-cluster-it")).toAbsolutePath();
        SparkDistribution.deleteTree(work);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        spark = SparkDistribution.create(work.resolve("spark-home"), System.getProperty("matterhorn.it.sparkVersion",
                "3.5.8"), Path.of(System.getProperty("matterhorn.it.localRepository",
                System.getProperty("user.home") + "/.m2/repository")));
        List<String> jars = spark.jarNames();
        assertTrue(jars.contains("gson-2.10.1.jar"), "Spark's own jars carry Gson 2.10.1: " + jars);
        assertTrue(jars.stream().noneMatch(j -> j.startsWith("matterhorn") || j.startsWith("nd4j")),
                "no application jar among Spark's: " + jars);
        log("Spark installation with %d jars in %.1f s", jars.size(), (System.nanoTime() - t0) / 1e9);
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        worker1 = startWorker("worker1");
        worker2 = startWorker("worker2");
        for (String w : List.of("worker1", "worker2")) {
            awaitLog(w, Pattern.compile("Successfully registered with master"), 90);
        }
        log("cluster up in %.1f s: %s", (System.nanoTime() - t0) / 1e9, masterUrl);
    }

    private static Process startWorker(String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name + "-work"));
        return start(name, "org.apache.spark.deploy.worker.Worker", List.of(masterUrl, "--host", "127.0.0.1",
                "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()), "--cores", "2",
                "--memory", "3g", "--work-dir", dir.toString()));
    }

    /**
     * A machine is lost: its Worker and the executors it started die at once ({@code kill -9}). (Killing the Worker
     * alone leaves an executor that is still starting running on its own.)
     */
    private static void loseMachine(Process worker) {
        List<ProcessHandle> executors = worker.descendants().toList();
        worker.destroyForcibly();
        executors.forEach(ProcessHandle::destroyForcibly);
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : PROCESSES) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        // executors and drivers whose Worker died before them: every JVM that runs from this test's SPARK_HOME
        String home = work == null ? null : work.resolve("spark-home").toString();
        if (home != null) {
            ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().map(c -> c.contains(home)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        for (Process p : PROCESSES) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void trainScoreAndSurviveALostWorkerExactly() throws Throwable {
        try {
            long t0 = System.nanoTime();
            Path reference = work.resolve("reference.safetensors");
            Process ref = submit("train-reference", MLP, List.of(), trainingArgs(reference));
            assertEquals(0, finish(ref, "train-reference", 240), "fault-free training failed");
            String refOut = read("train-reference");
            List<String> refRows = rows(refOut);
            assertEquals(2, refRows.size(), refOut);
            log("fault-free training: %.1f s, %s", (System.nanoTime() - t0) / 1e9, refRows);

            long t1 = System.nanoTime();
            Path predictions = work.resolve("predictions");
            // in cluster deploy mode: the driver runs on a Worker, which starts it without the module flags
            // unless spark.driver.extraJavaOptions has them (as docs/spark.md says)
            Process score = submit("score", SCORE, List.of("--deploy-mode", "cluster",
                    "--conf", "spark.standalone.submit.waitAppCompletion=true",
                    "--conf", "spark.driver.extraJavaOptions=" + System.getProperty("matterhorn.it.opens") + " "
                            + SparkDistribution.QUICK_JVM),
                    List.of("--model", reference.toString(), "--partitions", "2", "--batch", "250", "--output",
                            predictions.toString()));
            assertEquals(0, finish(score, "score", 240), "scoring failed");
            checkScoring(driverOutput(), predictions);
            log("scoring in cluster deploy mode: %.1f s", (System.nanoTime() - t1) / 1e9);

            long t2 = System.nanoTime();
            Path killed = work.resolve("killed.safetensors");
            Process run = submit("train-kill", MLP, List.of(), trainingArgs(killed));
            awaitLog("train-kill", Pattern.compile("(?m)^\\s+1 \\|"), 240); // epoch 1 done: epoch 2 runs
            loseMachine(worker1);
            log("killed worker1 and its executor during epoch 2");
            assertEquals(0, finish(run, "train-kill", 240), "training did not recover from the lost worker");
            String killOut = read("train-kill");
            Matcher lost = Pattern.compile("Lost (an )?executor|ExecutorLostFailure").matcher(killOut);
            Matcher epoch2 = Pattern.compile("(?m)^\\s+2 \\|").matcher(killOut);
            assertTrue(lost.find() && epoch2.find() && lost.start() < epoch2.start(),
                    "the driver lost the executor during epoch 2:\n" + tail(killOut, 60));
            assertEquals(refRows, rows(killOut), "the table after a lost worker equals the fault-free one");
            // the whole-model files are equal byte for byte: parameters, architecture and random state
            if (!Arrays.equals(Files.readAllBytes(reference), Files.readAllBytes(killed))) {
                assertSameParameters(Models.load(reference), Models.load(killed));
                throw new AssertionError("the model files differ outside the parameters");
            }
            log("training with a lost worker: %.1f s, same parameters and table", (System.nanoTime() - t2) / 1e9);

            long t3 = System.nanoTime();
            Process orphan = submit("train-no-executor", MLP,
                    List.of("--conf", ExecutorWatchdog.TIMEOUT_KEY + "=5s"),
                    List.of("--epochs", "3", "--batch", "128", "--max-batches", "4", "--partitions", "2"));
            awaitLog("train-no-executor", Pattern.compile("(?m)^\\s+1 \\|"), 240);
            loseMachine(worker2);
            log("killed worker2, the last one, and its executors during epoch 2");
            int exit = finish(orphan, "train-no-executor", 120);
            String orphanOut = read("train-no-executor");
            assertNotEquals(0, exit, "training without executors must fail");
            assertTrue(orphanOut.contains("no Spark executor was alive for 5.0 s"), tail(orphanOut, 40));
            log("no executor left: failed after %.1f s as stated", (System.nanoTime() - t3) / 1e9);
        } catch (Throwable t) {
            dumpLogs();
            throw t;
        }
    }

    private static List<String> trainingArgs(Path save) {
        // 8 steps of 128 digits per epoch at a high learning rate: about 80% test accuracy after two epochs
        return List.of("--epochs", "2", "--batch", "128", "--max-batches", "8", "--partitions", "2", "--lr", "0.02",
                "--save", save.toString());
    }

    /** The table rows without the time columns: epoch, loss, train and test accuracy. */
    private static List<String> rows(String out) {
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(out);
        while (m.find()) {
            rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        return rows;
    }

    private static void checkScoring(String out, Path predictions) throws IOException {
        Matcher m = Pattern.compile("Scored (\\d+) records .*accuracy ([0-9.]+)% \\((\\d+) of (\\d+)\\), 0 bad")
                .matcher(out);
        assertTrue(m.find(), tail(out, 40));
        assertEquals(2000, Integer.parseInt(m.group(1)));
        long correct = 0;
        long rows = 0;
        try (Stream<Path> files = Files.list(predictions)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines.subList(1, lines.size())) { // header first
                    String[] c = line.split(",", -1);
                    rows++;
                    correct += c[1].equals(c[2]) ? 1 : 0;
                }
            }
        }
        assertEquals(2000, rows, "one CSV line per test digit");
        assertEquals(Long.parseLong(m.group(3)), correct, "the printed count matches the written predictions");
        assertTrue(correct > 1000, "the trained model scores better than chance: " + correct + " of 2000");
    }

    private static void assertSameParameters(Module expected, Module actual) {
        Map<String, Tensor> a = actual.namedParameters();
        assertEquals(expected.namedParameters().keySet(), a.keySet());
        expected.namedParameters().forEach((name, p) -> assertArrayEquals(p.value().dup().data().asFloat(),
                a.get(name).value().dup().data().asFloat(), name + " differs after the lost worker"));
    }

    private static Process submit(String name, String mainClass, List<String> conf, List<String> appArgs)
            throws Exception {
        // one executor of one core on each Worker (spark.cores.max = 2), as "--num-executors 2" asks on YARN
        List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--driver-memory", "1g",
                "--executor-memory", "1g", "--executor-cores", "1", "--total-executor-cores", "2",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.task.maxFailures=4", "--conf", "spark.default.parallelism=2",
                "--conf", "spark.executor.extraJavaOptions=" + SparkDistribution.QUICK_JVM));
        if (!conf.contains("--deploy-mode")) {
            args.addAll(List.of("--deploy-mode", "client", "--conf",
                    "spark.driver.extraJavaOptions=" + SparkDistribution.QUICK_JVM));
        }
        args.addAll(conf);
        args.addAll(List.of("--jars", appLibs(), "--class", mainClass, System.getProperty("matterhorn.it.appJar")));
        args.addAll(appArgs);
        return start(name, "org.apache.spark.deploy.SparkSubmit", args);
    }

    /** @return the output of the driver that a Worker ran (cluster deploy mode) */
    private static String driverOutput() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("stdout")
                    && p.getParent().getFileName().toString().startsWith("driver-")).toList()) {
                out.append(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return out.toString();
    }

    private static String appLibs() throws IOException {
        Path libs = Path.of(System.getProperty("matterhorn.it.appLibs"));
        try (Stream<Path> s = Files.list(libs)) {
            List<String> jars = s.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
            assertTrue(jars.stream().anyMatch(j -> j.contains("gson-2.10.1")), "the application ships Gson 2.10.1");
            return String.join(",", jars);
        }
    }

    private static Process start(String name, String mainClass, List<String> args) throws Exception {
        SparkDistribution.Command cmd = spark.command(mainClass, args);
        Path log = work.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd.argv()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(work.toFile());
        pb.environment().putAll(spark.environment());
        pb.environment().putAll(cmd.env());
        Process p = pb.start();
        PROCESSES.add(p);
        LOGS.add(log);
        return p;
    }

    private static int finish(Process p, String name, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + seconds + " s");
        }
        return p.exitValue();
    }

    private static void awaitLog(String name, Pattern pattern, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (pattern.matcher(read(name)).find()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + ": no '" + pattern + "' within " + seconds + " s");
    }

    private static String read(String name) throws IOException {
        Path log = work.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void dumpLogs() {
        for (Path log : LOGS) {
            try {
                System.err.println("===== " + log + " (last 80 lines) =====");
                System.err.println(tail(Files.readString(log, StandardCharsets.ISO_8859_1), 80));
            } catch (IOException e) {
                System.err.println("(cannot read: " + e + ")");
            }
        }
        try (Stream<Path> s = Files.walk(work).filter(p -> p.getFileName().toString().equals("stderr")
                || p.getFileName().toString().equals("stdout"))) {
            for (Path p : s.toList()) {
                System.err.println("===== " + work.relativize(p) + " (last 40 lines) =====");
                System.err.println(tail(Files.readString(p, StandardCharsets.ISO_8859_1), 40));
            }
        } catch (IOException e) {
            System.err.println("(cannot list executor logs: " + e + ")");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[StandaloneClusterIT] " + format + "%n", args);
    }
}
