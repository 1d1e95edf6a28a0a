package io.matterhorn.nativebench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every kernel benchmark of this module shares, inherited by extending this class (JMH reads its
 * class-level annotations from the superclasses; a subclass overrides one by carrying its own): average time per
 * operation in milliseconds, 5 warm-up and 5 measured iterations of one second, one fork with a 2 GiB heap, one
 * state object per benchmark.
 *
 * <p>Not thread-safe (see the benchmarks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public abstract class KernelBenchmarkSettings {
}
