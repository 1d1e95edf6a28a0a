package io.matterhorn.examples.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Warm-up of a training benchmark that lasts until the JVM's just-in-time compiler has gone quiet, so that the
 * timed rounds measure the steady state, as the PyTorch references do (they have no compiler to wait for and time
 * after warm-up steps or a first epoch).
 *
 * <p>The JIT compiles the hot Java code of a training step in the background for several seconds: on the 2-core
 * development machine (2026-12-07) example 1's {@code bench} saw C2 compilations until about 7 s after start, on
 * one of the two cores the kernels use; with the former fixed 40 warm-up batches (about 0.7 s) its timed rounds ran
 * in that time and gave 14,600-14,800 samples/s, against 18,200-20,100 after 300 warm-up batches (three interleaved
 * pairs). The warm-up therefore runs steps in windows of at least {@link #WINDOW_NANOS} and stops after the first
 * window in which the compiler spent less than {@link #QUIET_SHARE} of the window's wall time, after at least the
 * minimum number of steps, and at the latest after the first window that ends past {@code maxSeconds}.
 *
 * <p>Not thread-safe; one per benchmark run.
 */
final class JitWarmUp {
    /** Shortest window over which the compiler's activity is judged. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** Compilation time, as a share of a window's wall time, under which the compiler counts as quiet. */
    static final double QUIET_SHARE = 0.01;

    private JitWarmUp() {
    }

    /**
     * What a warm-up did.
     *
     * @param steps training steps run
     * @param seconds wall time
     * @param lastWindowCompileMillis compilation time in the last window, -1 where not reported
     * @param quiet whether it ended because the compiler was quiet (false: time limit, or not reported)
     */
    record Result(int steps, double seconds, long lastWindowCompileMillis, boolean quiet) {
        /** @return one line for the benchmark's output */
        String describe() {
            if (lastWindowCompileMillis < 0) {
                return String.format(Locale.ROOT, "warm-up: %d steps in %.1f s (this JVM does not report its JIT "
                        + "compilation time)", steps, seconds);
            }
            return String.format(Locale.ROOT, "warm-up: %d steps in %.1f s, %s (%d ms of JIT compilation in the last "
                    + "window)", steps, seconds, quiet ? "the JIT compiler quiet" : "stopped at the time limit "
                    + "with the JIT compiler still busy", lastWindowCompileMillis);
        }
    }

    /**
     * Runs warm-up steps until the JIT compiler is quiet (see the class comment). Where the JVM does not report
     * compilation time, runs exactly {@code minSteps}.
     *
     * @param step runs {@code n} training steps
     * @param minSteps steps to run at least, {@code >= 0}
     * @param maxSeconds wall-time limit of the warm-up, {@code > 0} (infinity: none)
     * @return what was done
     * @throws IllegalArgumentException if {@code minSteps < 0} or {@code maxSeconds} is not positive
     */
    static Result run(IntConsumer step, int minSteps, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean reported = jit != null && jit.isCompilationTimeMonitoringSupported();
        return run(step, minSteps, maxSeconds, reported ? jit::getTotalCompilationTime : null);
    }

    /**
     * {@link #run(IntConsumer, int, double)} with the compiler's accumulated compilation time read from
     * {@code compileMillis} (null: not reported, run exactly {@code minSteps}).
     *
     * @param step runs {@code n} training steps
     * @param minSteps steps to run at least, {@code >= 0}
     * @param maxSeconds wall-time limit of the warm-up, {@code > 0}
     * @param compileMillis accumulated compilation time in milliseconds, or null
     * @return what was done
     */
    static Result run(IntConsumer step, int minSteps, double maxSeconds, LongSupplier compileMillis) {
        if (minSteps < 0 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("warm-up: minSteps must be >= 0 and maxSeconds > 0, got " + minSteps
                    + " and " + maxSeconds);
        }
        long start = System.nanoTime();
        step.accept(minSteps);
        if (compileMillis == null) {
            return new Result(minSteps, (System.nanoTime() - start) / 1e9, -1, false);
        }
        int steps = minSteps;
        // compared with the elapsed time, so that a limit of centuries or infinity cannot overflow start + limit
        long limitNanos = maxSeconds * 1e9 >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) (maxSeconds * 1e9);
        while (true) {
            long windowStart = System.nanoTime();
            long compileStart = compileMillis.getAsLong();
            long now = windowStart;
            while (now - windowStart < WINDOW_NANOS) {
                step.accept(1);
                steps++;
                now = System.nanoTime();
            }
            long compiled = compileMillis.getAsLong() - compileStart;
            boolean quiet = compiled < QUIET_SHARE * (now - windowStart) / 1e6;
            if (quiet || now - start >= limitNanos) {
                return new Result(steps, (now - start) / 1e9, compiled, quiet);
            }
        }
    }
}
