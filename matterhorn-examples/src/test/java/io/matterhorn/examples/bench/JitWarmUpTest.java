package io.matterhorn.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {
    /** A step of about 2 ms that counts the steps it was asked for. */
    private static IntConsumer counting(AtomicLong count) {
        return n -> {
            count.addAndGet(n);
            for (int i = 0; i < n; i++) {
                sleepMillis(2);
            }
        };
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aQuietCompilerEndsTheWarmUpAfterTheMinimumAndOneWindow() {
        AtomicLong count = new AtomicLong();
        JitWarmUp.Result r = JitWarmUp.run(counting(count), 5, 30, () -> 1234);
        assertTrue(r.quiet(), r.describe());
        assertEquals(count.get(), r.steps());
        assertTrue(r.steps() > 5, "one window of steps after the minimum: " + r.steps());
        assertTrue(r.seconds() >= 1.0, "at least one window of a second: " + r.describe());
        assertEquals(0, r.lastWindowCompileMillis());
        assertTrue(r.describe().contains("the JIT compiler quiet"), r.describe());
    }

    @Test
    void aBusyCompilerKeepsItGoingUntilItGoesQuietOrTheLimit() {
        AtomicLong count = new AtomicLong();
        // 100 ms of compilation per reading: busy in every window of about 1 s
        AtomicLong busy = new AtomicLong();
        JitWarmUp.Result limited = JitWarmUp.run(counting(count), 0, 2.5, () -> busy.addAndGet(100));
        assertFalse(limited.quiet(), limited.describe());
        assertTrue(limited.seconds() >= 2.5, "ran to the limit: " + limited.describe());
        assertEquals(100, limited.lastWindowCompileMillis());
        assertTrue(limited.describe().contains("still busy"), limited.describe());
        // busy for the first two windows (four readings), quiet from then on
        AtomicLong readings = new AtomicLong();
        JitWarmUp.Result settled = JitWarmUp.run(counting(count), 0, 30,
                () -> 100 * Math.min(4, readings.incrementAndGet()));
        assertTrue(settled.quiet(), settled.describe());
        assertTrue(settled.seconds() >= 3.0, "two busy windows, then a quiet one: " + settled.describe());
    }

    @Test
    void anInfiniteOrHugeLimitWaitsForTheCompiler() {
        for (double max : new double[] {Double.POSITIVE_INFINITY, 1e300}) {
            AtomicLong count = new AtomicLong();
            AtomicLong readings = new AtomicLong();
            JitWarmUp.Result r = JitWarmUp.run(counting(count), 0, max,
                    () -> 100 * Math.min(4, readings.incrementAndGet()));
            assertTrue(r.quiet(), "ended by the quiet compiler, not by an overflowed limit: " + r.describe());
            assertTrue(r.seconds() >= 3.0, "two busy windows, then a quiet one: " + r.describe());
        }
    }

    @Test
    void withoutCompilationTimeItRunsExactlyTheMinimum() {
        AtomicLong count = new AtomicLong();
        JitWarmUp.Result r = JitWarmUp.run(counting(count), 3, 30, null);
        assertEquals(3, count.get());
        assertEquals(3, r.steps());
        assertFalse(r.quiet());
        assertTrue(r.describe().contains("does not report"), r.describe());
    }

    @Test
    void badArgumentsAreRefused() {
        IntConsumer none = n -> { };
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run(none, -1, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run(none, 0, 0, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> JitWarmUp.run(none, 0, Double.NaN, () -> 0));
    }
}
