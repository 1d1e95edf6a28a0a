package io.matterhorn.examples.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * Base of every command of {@link io.matterhorn.examples.Main}: the {@code --help} and {@code --verbose} options
 * every command takes, and the streams it prints to. A command declares its options as picocli {@code @Option}
 * fields (with a description each, which {@code --help} lists) and implements {@link #run()}.
 *
 * <p>Exit codes, the same for every command: 0 on success, 1 when the run fails (missing data, an unreadable
 * file), 2 for bad arguments (an unknown option, a value out of range; an {@link IllegalArgumentException} thrown by
 * {@link #run()} counts as one). Errors are printed as one {@code error: ...} line on stderr; the stack trace only
 * with {@code --verbose}.
 */
public abstract class ExampleCommand implements Callable<Integer> {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code of a run that failed (missing data, an unreadable file, ...). */
    public static final int FAILED = 1;
    /** Exit code for bad arguments. */
    public static final int BAD_ARGUMENTS = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print the options of this command and exit.")
    private boolean help;

    @Option(names = "--verbose", description = "On an error, print the stack trace too.")
    private boolean verbose;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /**
     * Sets the streams the command prints to.
     *
     * @param out results, tables
     * @param err errors, progress bars
     * @return this command
     */
    public final ExampleCommand streams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        return this;
    }

    /** @return where results go */
    protected final PrintStream out() {
        return out;
    }

    /** @return where errors and progress bars go */
    protected final PrintStream err() {
        return err;
    }

    /** @return whether {@code --verbose} was given */
    public final boolean verbose() {
        return verbose;
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /**
     * Runs the command with its parsed options.
     *
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #BAD_ARGUMENTS}
     * @throws IllegalArgumentException for bad option values (exit code 2)
     * @throws Exception when the run fails (exit code 1)
     */
    protected abstract int run() throws Exception;
}
