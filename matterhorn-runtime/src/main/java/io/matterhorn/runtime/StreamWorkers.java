package io.matterhorn.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads of {@link StreamingNetwork#stepAll}: one daemon thread per available processor but one (the
 * calling thread works too), started on first use. A batch hands out streams by an atomic counter; workers park
 * between batches. Nothing is allocated per batch. One batch runs at a time (callers queue on the monitor).
 * Thread-safe.
 */
final class StreamWorkers {
    private static final StreamWorkers SHARED = new StreamWorkers(Runtime.getRuntime().availableProcessors() - 1);

    private final Thread[] threads;
    /** The batch's generation in the high 32 bits, the next unclaimed stream in the low 32 bits. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile long generation;
    private volatile Thread caller;
    private StreamingNetwork network;
    private float[][] inputs;
    private StreamState[] states;
    private float[][] outputs;
    private int count;

    private StreamWorkers(int workers) {
        threads = new Thread[Math.max(0, workers)];
        for (int i = 0; i < threads.length; i++) {
            Thread t = new Thread(this::work, "matterhorn-stream-" + i);
            t.setDaemon(true);
            threads[i] = t;
            t.start();
        }
    }

    static StreamWorkers shared() {
        return SHARED;
    }

    synchronized void run(StreamingNetwork net, float[][] in, StreamState[] st, float[][] out) {
        network = net;
        inputs = in;
        states = st;
        outputs = out;
        count = st.length;
        done.set(0);
        failure.set(null);
        caller = Thread.currentThread();
        long g = generation + 1;
        ticket.set(g << 32);
        generation = g;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        process(g);
        while (done.get() < count) {
            LockSupport.parkNanos(this, 50_000L);
        }
        network = null;
        inputs = null;
        states = null;
        outputs = null;
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Claims and steps streams of batch {@code g} until none is left; a claim from another batch fails. */
    private void process(long g) {
        int n = count;
        while (true) {
            long t = ticket.get();
            int i = (int) t;
            if (t >>> 32 != g || i >= n) {
                return;
            }
            if (!ticket.compareAndSet(t, t + 1)) {
                continue;
            }
            try {
                network.step(inputs[i], states[i], outputs == null ? null : outputs[i]);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            if (done.incrementAndGet() == n) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void work() {
        long seen = 0;
        while (true) {
            long g = generation;
            if (g == seen) {
                LockSupport.park(this);
                continue;
            }
            seen = g;
            process(g);
        }
    }
}
