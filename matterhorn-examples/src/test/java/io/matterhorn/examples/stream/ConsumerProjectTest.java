package io.matterhorn.examples.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.io.Models;
import io.matterhorn.snn.surrogate.Sigmoid;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer project built from README.md's "Run a trained network in your application" alone: a fresh Maven
 * project whose only dependency is the README's snippet (the runtime as installed by this build), compiling the
 * README's class, run with {@code java} on the class path Maven resolves for it, on a saved example-1 model. The
 * class path must hold no ND4J and no JavaCPP and weigh under 5 MB.
 */
class ConsumerProjectTest {
    @TempDir
    Path project;

    @Test
    void readmeSnippetBuildsAndRunsAgainstTheRuntimeAlone() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String dependency = block(readme, "runtime-dependency", "xml");
        String program = block(readme, "runtime-example", "java");
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>consumer</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                """ + dependency + """
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>3.8.1</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """;
        Files.writeString(project.resolve("pom.xml"), pom);
        Path src = Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(src.resolve("RunTrainedNetwork.java"), program);
        run(List.of("mvn", "-B", "-q", "compile", "dependency:build-classpath", "-Dmdep.outputFile=cp.txt"), 600);

        String cp = Files.readString(project.resolve("cp.txt")).trim();
        long bytes = 0;
        for (String jar : cp.split(File.pathSeparator)) {
            String name = Path.of(jar).getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            assertFalse(name.contains("nd4j") || name.contains("javacpp") || name.contains("openblas"),
                    "the consumer pulls " + jar);
            bytes += Files.size(Path.of(jar));
        }
        assertTrue(cp.contains("matterhorn-runtime"), cp);
        assertTrue(bytes < 5L * 1024 * 1024, "class path of " + bytes + " bytes: " + cp);

        Path model = project.resolve("mlp.safetensors");
        Models.save(MlpExample.buildModel(new MlpConfig(1, 1, 32, 64, 1e-3, new Sigmoid(), 3L, null, 0, true)),
                model);
        String out = run(List.of(javaBinary(), "-cp", project.resolve("target/classes") + File.pathSeparator + cp,
                "RunTrainedNetwork", model.toString()), 120);
        assertTrue(out.matches("(?s).*decision [0-9] after 32 steps.*"), out);
    }

    private static String block(String readme, String marker, String language) {
        Matcher m = Pattern.compile("<!-- " + marker + ":begin -->\\s*```" + language + "\\n(.*?)```\\s*<!-- "
                + marker + ":end -->", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has no " + marker + " block");
        return m.group(1);
    }

    private String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = project.resolve("log-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(done, "timed out: " + command + "\n" + out);
        assertEquals(0, p.exitValue(), command + "\n" + out);
        return out;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
