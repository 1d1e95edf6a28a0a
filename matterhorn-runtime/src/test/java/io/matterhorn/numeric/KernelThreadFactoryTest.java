package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.junit.jupiter.api.Test;

/**
 * The kernel pool's workers must not keep a program alive: they are daemon threads, and they live outside the
 * thread group of the program that submitted work (Maven's exec:java waits for every thread of that group).
 */
class KernelThreadFactoryTest {

    @Test
    void workersAreDaemonsOutsideTheSubmittersGroup() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(3, new KernelThreadFactory("test-kernels"), null, false);
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        ThreadGroup program = new ThreadGroup("program");
        Thread main = new Thread(program, () -> {
            RecursiveAction[] tasks = new RecursiveAction[6];
            for (int i = 0; i < tasks.length; i++) {
                tasks[i] = new RecursiveAction() {
                    @Override
                    protected void compute() {
                        workers.add(Thread.currentThread());
                        long until = System.nanoTime() + 20_000_000L; // long enough for the pool to add workers
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }
                };
            }
            pool.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }, "program-main");
        main.start();
        main.join();
        try {
            assertTrue(pool.getPoolSize() >= 1, "the pool started workers");
            assertTrue(!workers.isEmpty());
            for (Thread w : workers) {
                assertTrue(w.isDaemon(), w.getName());
                assertNotSame(program, w.getThreadGroup(), w.getName());
                assertEquals("test-kernels", w.getThreadGroup().getName(), w.getName());
                assertTrue(w.getName().startsWith("test-kernels-"), w.getName());
            }
            assertEquals(0, program.activeCount(), "no thread may remain in the program's group after main ends");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelLeavesNoThreadInTheProgramsGroup() throws Exception {
        ThreadGroup program = new ThreadGroup("program");
        long[] sums = new long[Parallel.chunks(1 << 20, 1 << 10)];
        Thread main = new Thread(program, () -> Parallel.forRange(1 << 20, 1 << 10, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                sums[chunk] += i;
            }
        }), "program-main");
        main.start();
        main.join();
        long total = 0;
        for (long s : sums) {
            total += s;
        }
        assertEquals((1L << 20) * ((1L << 20) - 1) / 2, total);
        assertEquals(0, program.activeCount(), "no kernel worker may live in the program's thread group");
    }
}
