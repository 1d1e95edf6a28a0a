package io.matterhorn.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * A Spark installation as a user's cluster has one, built for the integration test: {@code SPARK_HOME/jars} holds
 * the jars of Spark itself, resolved from Spark's own POMs (so with the versions Spark ships, Gson 2.10.1 among
 * them, not this build's: the closure of {@code spark-sql} under {@code spark-parent}'s dependency management, as
 * Spark's own build resolves its distribution), and nothing of the application; {@code SPARK_HOME/conf} holds a log
 * configuration.
 * Commands are built by Spark's own launcher ({@code org.apache.spark.launcher.Main}, what {@code bin/spark-class}
 * and {@code bin/spark-submit} run), so the JVMs get exactly the options Spark gives them, the Java 17 module
 * flags included.
 */
final class SparkDistribution {
    private final Path home;
    private final String javaHome = System.getProperty("java.home");

    private SparkDistribution(Path home) {
        this.home = home;
    }

    /**
     * @param home the folder to create (replaced if it exists)
     * @param sparkVersion e.g. 3.5.8
     * @param localRepository the Maven local repository (tried alone first, then with Maven Central)
     * @return the installation
     * @throws Exception when Spark's jars cannot be resolved or the folder written
     */
    static SparkDistribution create(Path home, String sparkVersion, Path localRepository) throws Exception {
        deleteTree(home);
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<File> resolved;
        try {
            resolved = resolveSpark(sparkVersion, localRepository, true);
        } catch (org.eclipse.aether.resolution.DependencyResolutionException e) {
            resolved = resolveSpark(sparkVersion, localRepository, false);
        }
        for (File jar : resolved) {
            Files.createSymbolicLink(jars.resolve(jar.getName()), jar.toPath().toAbsolutePath());
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
                // registration and executor lines that the test waits for or reports
                "logger.deploy.name = org.apache.spark.deploy",
                "logger.deploy.level = info",
                "logger.cluster.name = org.apache.spark.scheduler.cluster",
                "logger.cluster.level = info",
                ""), StandardCharsets.UTF_8);
        return new SparkDistribution(home);
    }

    private static List<File> resolveSpark(String version, Path localRepository, boolean offline)
            throws Exception {
        RepositorySystem system = new RepositorySystemSupplier().get();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        session.setOffline(offline);
        // accept what the local repository holds whichever remote (or mirror) it came from
        session.setConfigProperty("aether.artifactResolver.simpleLrmInterop", true);
        RemoteRepository central = new RemoteRepository.Builder("central", "default",
                "https://repo.maven.apache.org/maven2/").build();
        // Spark's build resolves its distribution under spark-parent's dependency management (slf4j 2, ...)
        ArtifactDescriptorResult parent = system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(
                new DefaultArtifact("org.apache.spark:spark-parent_2.13:pom:" + version), List.of(central), null));
        CollectRequest collect = new CollectRequest();
        collect.setRepositories(List.of(central));
        collect.setManagedDependencies(parent.getManagedDependencies());
        collect.addDependency(new Dependency(new DefaultArtifact("org.apache.spark:spark-sql_2.13:" + version),
                JavaScopes.RUNTIME));
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<File> jars = new ArrayList<>();
        for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
            jars.add(r.getArtifact().getFile());
        }
        return jars;
    }

    /** @return SPARK_HOME */
    Path home() {
        return home;
    }

    /** @return the jar names of {@code jars/} */
    List<String> jarNames() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("jars"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * JVM options of the test's Spark processes that only make them start faster on a small machine: the client
     * compiler alone (most of a short JVM's CPU time goes to the optimising compiler) and the serial collector.
     */
    static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** @return the environment of every Spark process of the test (loopback only, this SPARK_HOME) */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "JAVA_HOME", javaHome, "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_SCALA_VERSION", "2.13", "SPARK_DAEMON_MEMORY", "256m", "SPARK_DAEMON_JAVA_OPTS", QUICK_JVM,
                "OMP_NUM_THREADS", "1");
    }

    /**
     * A command as Spark's launcher builds it.
     *
     * @param argv the JVM command line
     * @param env variables the launcher asks to set (besides {@link #environment()})
     */
    record Command(List<String> argv, Map<String, String> env) {
    }

    /**
     * The command Spark's launcher builds for a class and its arguments, as {@code bin/spark-class} runs it.
     *
     * @param mainClass e.g. {@code org.apache.spark.deploy.worker.Worker} or
     *     {@code org.apache.spark.deploy.SparkSubmit}
     * @param args its arguments
     * @return the JVM command
     * @throws IOException when the launcher cannot run
     * @throws InterruptedException when interrupted
     */
    Command command(String mainClass, List<String> args) throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", home.resolve("jars") + File.separator + "*",
                        "org.apache.spark.launcher.Main", mainClass));
        launcher.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(launcher);
        pb.environment().putAll(environment());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("Spark's launcher failed for " + mainClass + " (exit " + p.exitValue() + ")");
        }
        List<String> cmd = new ArrayList<>();
        for (String part : new String(out, StandardCharsets.UTF_8).split("\0")) {
            String arg = part.replaceAll("^[\\r\\n]+|[\\r\\n]+$", ""); // the launcher ends its output with lines
            if (!arg.isEmpty()) {
                cmd.add(arg);
            }
        }
        // the launcher prefixes "env NAME=value ..." for variables the command needs
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (!cmd.isEmpty() && cmd.get(0).equals("env")) {
            int i = 1;
            while (i < cmd.size() && cmd.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                int eq = cmd.get(i).indexOf('=');
                env.put(cmd.get(i).substring(0, eq), cmd.get(i).substring(eq + 1));
                i++;
            }
            cmd = new ArrayList<>(cmd.subList(i, cmd.size()));
        }
        return new Command(cmd, env);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
