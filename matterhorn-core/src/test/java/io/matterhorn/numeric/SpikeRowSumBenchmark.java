package io.matterhorn.numeric;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inner loop of every event-driven product ({@link SpikeMatmul#sumEntries}, spikes: four rows per pass,
 * {@code acc += (a + b) + (c + d)}) on rows picked at random from a table of 784 rows, as example 1's first layer
 * picks its weight rows (784 inputs, 80 outputs): the rate the physical bound in docs/benchmarks.md is computed
 * from. One operation is one added row; {@code width} 96 and 128 show whether padding the rows would help.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh
 * matterhorn-core SpikeRowSum}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SpikeRowSumBenchmark {
    private static final int ENTRIES = 1 << 16;

    @Param({"80", "96", "128"})
    int width;

    private float[][] rows;
    private int[] index;
    private float[] acc;

    /** A table of 784 random rows and 65,536 random row indices (seed 0). */
    @Setup
    public void setUp() {
        Random r = new Random(0);
        rows = new float[784][width];
        for (float[] row : rows) {
            for (int q = 0; q < width; q++) {
                row[q] = r.nextFloat();
            }
        }
        index = new int[ENTRIES];
        for (int k = 0; k < ENTRIES; k++) {
            index[k] = r.nextInt(rows.length);
        }
        acc = new float[width];
    }

    /** @return the accumulator (kept alive so that the sums are not eliminated) */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public float[] addRows() {
        SpikeMatmul.sumEntries(acc, 0, ENTRIES, index, null, rows, width);
        return acc;
    }
}
