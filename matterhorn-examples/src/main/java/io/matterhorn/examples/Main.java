package io.matterhorn.examples;

import io.matterhorn.examples.bench.ConvBenchmark;
import io.matterhorn.examples.bench.EventBinningBenchmark;
import io.matterhorn.examples.bench.MlpBenchmark;
import io.matterhorn.examples.bench.SimulationReport;
import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.examples.cli.NirRunCommand;
import io.matterhorn.examples.mlp.MlpCommand;
import io.matterhorn.examples.smnist.SmnistCommand;
import io.matterhorn.examples.nmnist.NmnistCommand;
import io.matterhorn.examples.nmnist.SummedFrameBaselines;
import io.matterhorn.examples.plots.ShowEvents;
import io.matterhorn.examples.sew.SewCommand;
import io.matterhorn.examples.srm0.Srm0Command;
import io.matterhorn.examples.stdp.StdpCommand;
import io.matterhorn.examples.stream.StreamBenchmark;
import io.matterhorn.examples.stream.StreamDemo;
import io.matterhorn.examples.stream.StreamSoak;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line entry point of the examples: {@code Main <command> [options]}. {@code Main --help} lists the
 * commands, {@code Main <command> --help} the options of one (every option, with its default).
 *
 * <p>Exit codes: 0 on success, 1 when a run fails (missing data, an unreadable file), 2 for bad arguments. Errors
 * are one {@code error: ...} line on stderr; {@code --verbose} adds the stack trace.
 *
 * <p><b>Adding a command:</b> write a class that extends {@link ExampleCommand} with a picocli {@code @Command(name =
 * ..., description = ...)} annotation and {@code @Option} fields, and add one line to {@link #commands()}.
 */
@Command(name = "Main", synopsisSubcommandLabel = "COMMAND",
        description = "Matterhorn for Java: examples, benchmarks and tools. 'Main COMMAND --help' lists the options "
                + "of a command.",
        footer = {"", "Exit codes: 0 success, 1 failed run (missing data, unreadable file), 2 bad arguments.",
                "Run from a checkout: mvn -B -q -pl matterhorn-examples exec:java -Dexec.args=\"COMMAND [OPTIONS]\""})
public final class Main implements Runnable {
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this list and exit.")
    private boolean help;

    private CommandLine self;

    private Main() {
    }

    /**
     * The commands, in the order of the help list: the one place where commands are registered.
     *
     * @return one fresh instance of every command
     */
    static List<ExampleCommand> commands() {
        return List.of(
                new MlpCommand(),
                new SmnistCommand(),
                new StdpCommand(),
                new Srm0Command(),
                new NmnistCommand(),
                new SewCommand(),
                new ShowEvents.Command(),
                new NirRunCommand(),
                new MlpBenchmark.Command(),
                new ConvBenchmark.Command(),
                new EventBinningBenchmark.Command(),
                new StreamBenchmark.Command(),
                new StreamDemo.Command(),
                new StreamSoak.Command(),
                new SimulationReport.Command(),
                new SummedFrameBaselines.Command());
    }

    /**
     * Runs a command and exits with its code when that is not 0 (so that {@code mvn exec:java} ends normally on
     * success).
     *
     * @param args command and options
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs a command in this JVM without exiting.
     *
     * @param args command and options
     * @param out  where results and help go
     * @param err  where errors and progress go
     * @return the exit code: 0 success, 1 failed run, 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The command line with every command, for parsing only (documentation checks) or for running.
     *
     * @param out where results and help go
     * @param err where errors and progress go
     * @return the configured command line
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        main.self = cl;
        cl.addSubcommand(new CommandLine.HelpCommand());
        for (ExampleCommand c : commands()) {
            c.streams(out, err);
            cl.addSubcommand(c);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().showDefaultValues(true).sortOptions(false);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, Charset.defaultCharset()), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, Charset.defaultCharset()), true));
        cl.setParameterExceptionHandler(Main::badArguments);
        cl.setExecutionExceptionHandler((e, command, parseResult) -> failed(e, command, err));
        return cl;
    }

    /** Without a command: the list of commands. */
    @Override
    public void run() {
        self.usage(self.getOut());
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        String name = cl.getCommandSpec().qualifiedName(" ");
        err.println(cl.getParent() == null ? "Run 'Main --help' for the list of commands."
                : "Run '" + name + " --help' for its options.");
        err.flush();
        return ExampleCommand.BAD_ARGUMENTS;
    }

    private static int failed(Exception e, CommandLine command, PrintStream err) {
        boolean verbose = command.getCommand() instanceof ExampleCommand c && c.verbose();
        err.println("error: " + message(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof IllegalArgumentException ? ExampleCommand.BAD_ARGUMENTS : ExampleCommand.FAILED;
    }

    /** The exception's message, with its causes' messages where they add something. */
    static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                m = t.getClass().getSimpleName();
            }
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
