package io.matterhorn.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.matterhorn.examples.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The documentation (README.md and every {@code docs/*.md}) is checked by the build.
 *
 * <p><b>Command lines.</b> Every command line of the examples found in the documentation is parsed against
 * {@link Main}'s command line: an unknown command or option, a bad value or a missing required option fails the
 * build. Recognised are {@code exec:java -Dexec.args="ARGS"} (not with {@code -pl} of another module),
 * {@code exec:java -Dexec.mainClass=CLASS} (the class must have a {@code main} method), {@code ...
 * io.matterhorn.examples.Main ARGS} and {@code Main ARGS} in code blocks and inline code (lines continued with a
 * backslash are joined, {@code # comments} dropped), and inline code that starts with a command name and an option,
 * such as {@code `mlp --optimizer adamw`}. Square brackets (optional parts) are dropped before parsing.
 *
 * <p>The cheap ones also run, in document order (README.md, then docs/ by name), each in a fresh JVM in one
 * temporary working folder (so that {@code mlp --save mlp.safetensors} and a later {@code mlp --eval
 * mlp.safetensors} meet), with the options of {@link #SHRINK} appended so that each takes seconds (later options
 * win); every run must exit with 0, and a line that differs from an earlier one only in option values is not run
 * again. {@code --help} lines run in this JVM. Not run: commands without a
 * {@link #SHRINK} entry (they take minutes: nmnist, sew, stdp, sim-report, sim-baseline), lines with
 * {@code --download} or {@code --data}, and lines with a placeholder ({@code FILE}, {@code DIR}, {@code MODEL},
 * {@code /path/to/}, {@code |}).
 *
 * <p><b>Java blocks.</b> Every fenced {@code java} block is compiled against the test class path. The line before
 * the fence (blank lines skipped) may hold a marker:
 * <ul>
 *   <li>none: the block must be a complete compilation unit (a top-level class, record, interface or enum; with
 *   its imports) and compiles as is;</li>
 *   <li>{@code <!-- fragment -->} or {@code <!-- fragment: Type name; Type name -->}: the block is a method body;
 *   it is wrapped into a method whose parameters are the declared variables, with imports for the simple names it
 *   uses (the public classes of io.matterhorn, ND4J's INDArray, Nd4j, DataType and NDArrayIndex, java.util and
 *   java.nio.file); import lines at its start are kept as imports;</li>
 *   <li>{@code <!-- compile: skip REASON -->}: not compiled (say why).</li>
 * </ul>
 * The markers are documented for writers in docs/README.md.
 */
class DocumentationTest {
    /** Options appended to a documented command line so that it runs in seconds; commands not listed do not run. */
    static final Map<String, List<String>> SHRINK = Map.of(
            "mlp", List.of("--epochs", "1", "--max-batches", "2", "--batch", "64", "--time-steps", "4"),
            "srm0", List.of("--epochs", "1", "--max-batches", "2", "--batch", "64", "--time-steps", "4"),
            "bench", List.of("--batches", "2", "--warmup", "1", "--rounds", "1"),
            "bench-conv", List.of("--time-steps", "2", "--batch", "2", "--steps", "1", "--warmup", "1", "--rounds",
                    "1"),
            "events-bench", List.of("--samples", "40", "--events", "200"));

    private static final Path ROOT = Path.of("..");
    private static final Pattern EXEC_ARGS = Pattern.compile("exec:java\\s+-Dexec\\.args=\"([^\"]*)\"");
    private static final Pattern EXEC_MAIN = Pattern.compile("exec:java\\s+-Dexec\\.mainClass=(\\S+)");
    private static final Pattern MAIN_ARGS = Pattern.compile("(?:io\\.matterhorn\\.examples\\.Main|^Main)\\s+(.*)");
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*(fragment|compile:\\s*skip)\\b(.*?)-->\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "^(FILE|DIR|MODEL|CKPT|OUT|N|FILE\\.nir|IDX_DIR)$|/path/to/|\\||\\.\\.\\.");

    /** A piece of documentation: a fenced block or the prose between blocks. */
    private record Block(Path file, int line, String language, String marker, String text, boolean fenced) {
    }

    /** A command line found in the documentation. */
    private record Documented(Path file, int line, List<String> args) {
        String where() {
            return ROOT.relativize(file) + ":" + line + ": `" + String.join(" ", args) + "`";
        }
    }

    static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    private static List<Block> blocks(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        int proseStart = 1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                prose.append(lines.get(i)).append('\n');
                continue;
            }
            out.add(new Block(file, proseStart, "", null, prose.toString(), false));
            String marker = null;
            for (int j = i - 1; j >= 0; j--) {
                if (!lines.get(j).isBlank()) {
                    Matcher m = MARKER.matcher(lines.get(j).trim());
                    marker = m.matches() ? lines.get(j).trim() : null;
                    break;
                }
            }
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).trim().equals("```")) {
                body.append(lines.get(j)).append('\n');
                j++;
            }
            out.add(new Block(file, i + 2, open.group(1).toLowerCase(Locale.ROOT), marker, body.toString(), true));
            prose = new StringBuilder();
            i = j;
            proseStart = j + 2;
        }
        out.add(new Block(file, proseStart, "", null, prose.toString(), false));
        return out;
    }

    /** Every command line of the examples in the documentation. */
    private static List<Documented> commandLines(List<String> commandNames) throws IOException {
        List<Documented> found = new ArrayList<>();
        for (Path file : documents()) {
            for (Block b : blocks(file)) {
                if (b.fenced()) {
                    if (b.language().equals("java") || b.language().equals("python") || b.language().equals("xml")) {
                        continue;
                    }
                    String[] lines = b.text().replace("\\\n", " ").split("\n", -1);
                    String[] raw = b.text().split("\n", -1);
                    int line = b.line();
                    for (int k = 0, r = 0; k < lines.length; k++) {
                        commandsIn(stripComment(lines[k].trim()), file, line + r, commandNames, false, found);
                        r += 1 + countContinuations(raw, r);   // the raw lines this joined line spans
                    }
                } else {
                    Matcher span = Pattern.compile("`([^`]+)`").matcher(b.text());
                    while (span.find()) {
                        int line = b.line() + count(b.text().substring(0, span.start()), '\n');
                        commandsIn(span.group(1).replace('\n', ' ').trim(), file, line, commandNames, true, found);
                    }
                }
            }
        }
        return found;
    }

    private static int countContinuations(String[] raw, int from) {
        int n = 0;
        while (from + n < raw.length && raw[from + n].endsWith("\\")) {
            n++;
        }
        return n;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).trim();
            }
        }
        return line;
    }

    private static void commandsIn(String text, Path file, int line, List<String> names, boolean inline,
            List<Documented> found) {
        if (text.contains("exec:java")) {
            if (Pattern.compile("-pl\\s+(?!matterhorn-examples)").matcher(text).find()) {
                return;
            }
            Matcher m = EXEC_ARGS.matcher(text);
            while (m.find()) {
                found.add(new Documented(file, line, tokens(m.group(1))));
            }
            Matcher c = EXEC_MAIN.matcher(text);
            while (c.find()) {
                found.add(new Documented(file, line, List.of("-Dexec.mainClass=" + c.group(1))));
            }
            return;
        }
        Matcher m = MAIN_ARGS.matcher(text);
        if (m.find()) {
            found.add(new Documented(file, line, tokens(m.group(1))));
            return;
        }
        if (inline) {
            List<String> t = tokens(text);
            if (t.size() >= 2 && names.contains(t.get(0)) && t.get(1).startsWith("--")) {
                found.add(new Documented(file, line, t));
            }
        }
    }

    private static List<String> tokens(String args) {
        List<String> out = new ArrayList<>();
        for (String t : args.replace("[", " ").replace("]", " ").trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static List<String> commandNames() {
        return new ArrayList<>(Main.commandLine(nowhere(), nowhere()).getSubcommands().keySet());
    }

    private static PrintStream nowhere() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void everyDocumentedCommandLineParses() throws Exception {
        List<String> names = commandNames();
        List<Documented> lines = commandLines(names);
        assertTrue(lines.size() > 20, "too few command lines found: " + lines);
        System.out.println("documentation: " + lines.size() + " command lines found");
        List<String> problems = new ArrayList<>();
        for (Documented d : lines) {
            String first = d.args().isEmpty() ? "" : d.args().get(0);
            if (first.startsWith("-Dexec.mainClass=")) {
                String name = first.substring("-Dexec.mainClass=".length());
                try {
                    Method main = Class.forName(name).getMethod("main", String[].class);
                    if (!Modifier.isStatic(main.getModifiers())) {
                        problems.add(d.where() + ": main is not static");
                    }
                } catch (ReflectiveOperationException e) {
                    problems.add(d.where() + ": no class with a main method: " + e);
                }
                continue;
            }
            try {
                Main.commandLine(nowhere(), nowhere()).parseArgs(d.args().toArray(new String[0]));
            } catch (CommandLine.ParameterException e) {
                problems.add(d.where() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            fail("command lines in the documentation that do not parse:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void cheapDocumentedCommandLinesRun(@TempDir Path work) throws Exception {
        List<String> names = commandNames();
        Set<String> done = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Documented d : commandLines(names)) {
            List<String> args = d.args();
            if (args.isEmpty() || !names.contains(args.get(0))) {
                continue;
            }
            if (args.contains("--help") || args.contains("-h")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                        nowhere());
                if (code != 0 || !out.toString(StandardCharsets.UTF_8).startsWith("Usage:")) {
                    problems.add(d.where() + ": --help exited with " + code);
                }
                continue;
            }
            List<String> shrink = SHRINK.get(args.get(0));
            if (shrink == null || args.contains("--download") || args.contains("--data")
                    || args.stream().anyMatch(a -> PLACEHOLDER.matcher(a).find())) {
                continue;
            }
            List<String> run = new ArrayList<>(args);
            run.addAll(shrink);
            // one run per command and set of options: lines that differ only in values add little but a JVM start
            Set<String> options = new TreeSet<>();
            args.stream().filter(a -> a.startsWith("--")).forEach(options::add);
            if (!done.add(args.get(0) + " " + options)) {
                continue;
            }
            String failure = runInFreshJvm(run, work);
            if (failure != null) {
                problems.add(d.where() + " (run as `" + String.join(" ", run) + "`): " + failure);
            }
        }
        assertTrue(done.size() >= 8, "too few documented command lines ran: " + done);
        System.out.println("documentation: ran " + done.size() + " command lines: " + done);
        if (!problems.isEmpty()) {
            fail("documented command lines that fail:\n  " + String.join("\n  ", problems));
        }
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Runs {@code Main args} in a new JVM in {@code dir}; returns null on exit code 0, else what went wrong. */
    private static String runInFreshJvm(List<String> args, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx3g");
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("matterhorn.")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "did not end within 180 s";
        }
        if (p.exitValue() == 0) {
            return null;
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return "exit code " + p.exitValue() + ":\n" + text.substring(Math.max(0, text.length() - 2000));
    }

    @Test
    void everyJavaBlockCompiles(@TempDir Path work) throws Exception {
        Map<String, String> imports = importIndex();
        List<String> problems = new ArrayList<>();
        Map<String, Block> fragments = new LinkedHashMap<>();
        List<JavaFileObject> fragmentSources = new ArrayList<>();
        int compiled = 0;
        for (Path file : documents()) {
            for (Block b : blocks(file)) {
                if (!b.fenced() || !b.language().equals("java")) {
                    continue;
                }
                String where = ROOT.relativize(file) + ":" + b.line();
                Matcher marker = b.marker() == null ? null : MARKER.matcher(b.marker());
                if (marker != null && marker.matches() && marker.group(1).startsWith("compile")) {
                    if (marker.group(2).isBlank()) {
                        problems.add(where + ": <!-- compile: skip --> needs a reason");
                    }
                    continue;
                }
                compiled++;
                if (marker != null && marker.matches()) {
                    String name = "Doc" + fragments.size();
                    fragments.put(name, b);
                    fragmentSources.add(source("snippets/" + name, wrap(name, b, marker.group(2), imports)));
                } else if (Pattern.compile("(?m)^(public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s")
                        .matcher(b.text()).find()) {
                    String err = compile(List.of(source(unitName(b.text()), b.text())), work.resolve("u" + compiled));
                    if (err != null) {
                        problems.add(where + ": does not compile:\n" + err);
                    }
                } else {
                    problems.add(where + ": a java block that is not a complete class needs a marker on the line "
                            + "before its fence: <!-- fragment: Type name; ... --> or <!-- compile: skip REASON -->");
                }
            }
        }
        if (!fragmentSources.isEmpty()) {
            DiagnosticCollector<JavaFileObject> d = new DiagnosticCollector<>();
            compileWith(fragmentSources, work.resolve("fragments"), d);
            for (Diagnostic<? extends JavaFileObject> e : d.getDiagnostics()) {
                if (e.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String unit = e.getSource() == null ? "?" : Path.of(e.getSource().getName()).getFileName().toString()
                        .replace(".java", "");
                Block b = fragments.get(unit);
                String where = b == null ? unit : ROOT.relativize(b.file()) + ":" + b.line() + " (fragment)";
                problems.add(where + ": line " + e.getLineNumber() + " of the wrapped fragment: "
                        + e.getMessage(Locale.ROOT));
            }
        }
        assertTrue(compiled >= 10, "too few java blocks compiled: " + compiled);
        System.out.println("documentation: " + compiled + " java blocks compiled (" + fragments.size()
                + " of them fragments)");
        if (!problems.isEmpty()) {
            fail("java blocks in the documentation that do not compile:\n  " + String.join("\n  ", problems));
        }
    }

    /** The wrapped fragment: imports, then a class with one method whose body is the block. */
    private static String wrap(String name, Block b, String declarations, Map<String, String> index) {
        StringBuilder head = new StringBuilder("package snippets;\n");
        StringBuilder body = new StringBuilder();
        for (String line : b.text().split("\n", -1)) {
            if (line.startsWith("import ")) {
                head.append(line).append('\n');
            } else {
                body.append(line).append('\n');
            }
        }
        String decl = declarations.trim();
        if (decl.startsWith(":")) {
            decl = decl.substring(1).trim();
        }
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)\\b").matcher(body + " " + decl);
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String simple : used) {
            String fqn = index.get(simple);
            if (fqn != null && !head.toString().contains("." + simple + ";")) {
                head.append("import ").append(fqn).append(";\n");
            }
        }
        List<String> params = new ArrayList<>();
        for (String p : decl.split(";")) {
            if (!p.isBlank()) {
                params.add(p.trim());
            }
        }
        return head + "@SuppressWarnings(\"all\")\nclass " + name + " {\n    void fragment(" + String.join(", ", params)
                + ") throws Exception {\n" + body + "\n    }\n}\n";
    }

    private static String unitName(String text) {
        Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(text);
        Matcher type = Pattern.compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)"
                + "\\s+(\\w+)").matcher(text);
        String name = type.find() ? type.group(1) : "Unit";
        return (pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "") + name;
    }

    private static JavaFileObject source(String path, String text) {
        return new SimpleJavaFileObject(java.net.URI.create("string:///" + path + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    private static String compile(List<JavaFileObject> sources, Path out) throws IOException {
        DiagnosticCollector<JavaFileObject> d = new DiagnosticCollector<>();
        if (compileWith(sources, out, d)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> e : d.getDiagnostics()) {
            if (e.getKind() == Diagnostic.Kind.ERROR) {
                sb.append("    line ").append(e.getLineNumber()).append(": ").append(e.getMessage(Locale.ROOT))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean compileWith(List<JavaFileObject> sources, Path out, DiagnosticCollector<JavaFileObject> d)
            throws IOException {
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "the tests need a JDK (javax.tools)");
        try (StandardJavaFileManager fm = javac.getStandardFileManager(d, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classPath(), "-d", out.toString(), "-proc:none",
                    "-Xlint:none", "-nowarn");
            return javac.getTask(new StringWriter(), fm, d, options, null, sources).call();
        }
    }

    /** Simple name to class for the fragments' imports: public top-level classes of io.matterhorn, plus a few. */
    private static Map<String, String> importIndex() throws IOException {
        Map<String, Set<String>> all = new HashMap<>();
        for (String entry : classPath().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!p.getFileName().toString().startsWith("matterhorn-") && !entry.contains("matterhorn-")) {
                continue;
            }
            for (String cls : classNames(p)) {
                if (cls.startsWith("io.matterhorn.") && !cls.contains("$") && !cls.endsWith("package-info")) {
                    all.computeIfAbsent(cls.substring(cls.lastIndexOf('.') + 1), k -> new TreeSet<>()).add(cls);
                }
            }
        }
        Map<String, String> index = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : all.entrySet()) {
            List<String> publicOnes = new ArrayList<>();
            for (String cls : e.getValue()) {
                try {
                    Class<?> c = Class.forName(cls, false, DocumentationTest.class.getClassLoader());
                    if (Modifier.isPublic(c.getModifiers()) && !cls.startsWith("io.matterhorn.examples.")) {
                        publicOnes.add(cls);
                    }
                } catch (ReflectiveOperationException | LinkageError ignored) {
                    // not loadable here: not offered as an import
                }
            }
            if (publicOnes.size() == 1) {
                index.put(e.getKey(), publicOnes.get(0));
            }
        }
        for (String extra : Arrays.asList("org.nd4j.linalg.api.ndarray.INDArray", "org.nd4j.linalg.factory.Nd4j",
                "org.nd4j.linalg.api.buffer.DataType", "org.nd4j.linalg.indexing.NDArrayIndex", "java.nio.file.Path",
                "java.nio.file.Files", "java.util.List", "java.util.Map", "java.util.Set", "java.util.ArrayList",
                "java.util.Arrays", "java.util.Random", "java.util.HashMap", "java.nio.ByteOrder",
                "io.matterhorn.examples.mlp.MlpExample", "io.matterhorn.examples.mlp.MlpConfig")) {
            index.put(extra.substring(extra.lastIndexOf('.') + 1), extra);
        }
        return index;
    }

    private static List<String> classNames(Path entry) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> s = Files.walk(entry)) {
                s.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(entry.relativize(f).toString()
                        .replace(File.separatorChar, '.').replaceAll("\\.class$", "")));
            }
        } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> names.add(n.replace('/', '.').replaceAll("\\.class$", "")));
            }
        }
        return names;
    }
}
