package io.matterhorn.data.loader;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The batches of one epoch of a {@link BatchLoader}, built on demand or ahead by a background thread.
 *
 * <p>With {@code prefetch > 0} a daemon thread builds the batches in order and hands them over through a queue
 * holding at most
 * {@code prefetch} batches, so memory stays bounded however slow the consumer is. An exception in the worker is
 * rethrown by {@link #next()} as a {@link BatchLoadingException} with the original as its cause. {@link #close()}
 * stops the worker and drops queued batches; iterating to the end also ends the worker. Use it in
 * try-with-resources when the loop may stop early. With {@code prefetch == 0} no thread is started and each batch
 * is built in {@link #next()}.
 *
 * <p>With prefetch the stream can be iterated once; without, each further {@link #iterator()} call starts the
 * epoch again (the same batches, built afresh). An instance is for a single consumer thread.
 */
public final class EpochStream implements Iterator<Batch>, Iterable<Batch>, AutoCloseable {

    private static final Object END = new Object();

    private final int batches;
    private final int epoch;
    private final IntFunction<Batch> builder;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile boolean closed;
    private boolean iterated;
    private int delivered;
    private final int prefetch;

    EpochStream(int batches, int epoch, int prefetch, IntFunction<Batch> builder) {
        this.batches = batches;
        this.epoch = epoch;
        this.builder = builder;
        this.prefetch = prefetch;
        if (prefetch > 0 && batches > 0) {
            this.queue = new ArrayBlockingQueue<>(prefetch);
            this.worker = new Thread(this::produce, "matterhorn-prefetch-epoch-" + epoch);
            worker.setDaemon(true);
            worker.start();
        } else {
            this.queue = null;
            this.worker = null;
        }
    }

    /** Worker loop: builds every batch in order, then the end marker; a failure is queued as its Throwable. */
    private void produce() {
        try {
            for (int b = 0; b < batches && !closed; b++) {
                Object item;
                try {
                    item = builder.apply(b);
                } catch (Throwable t) {
                    queue.put(new Failure(b, t));
                    return;
                }
                queue.put(item);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // close() asked the worker to stop
        }
    }

    /** A worker failure while building one batch. */
    private record Failure(int batch, Throwable cause) {
    }

    /**
     * Returns this stream for a for-each loop; without prefetch, a further call returns a fresh stream over the same
     * epoch.
     *
     * @return {@code this} on the first call
     * @throws IllegalStateException on a second call to a prefetching stream
     */
    @Override
    public Iterator<Batch> iterator() {
        if (iterated && prefetch == 0) {
            return new EpochStream(batches, epoch, 0, builder);
        }
        if (iterated) {
            throw new IllegalStateException("an epoch stream with prefetch can be iterated only once; call "
                    + "loader.epoch(e) again");
        }
        iterated = true;
        return this;
    }

    @Override
    public boolean hasNext() {
        return !closed && delivered < batches;
    }

    /**
     * Returns the next batch, waiting for the worker if needed.
     *
     * @return the batch
     * @throws NoSuchElementException if the epoch is over or the stream was closed
     * @throws BatchLoadingException  if building the batch failed
     */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "epoch stream closed" : "epoch has only " + batches
                    + " batches");
        }
        int b = delivered;
        if (queue == null) {
            try {
                Batch batch = builder.apply(b);
                delivered++;
                return batch;
            } catch (RuntimeException e) {
                close();
                throw new BatchLoadingException("building batch " + b + " of epoch " + epoch + " failed: "
                        + e.getMessage(), e);
            }
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new BatchLoadingException("interrupted while waiting for batch " + b + " of epoch " + epoch, e);
        }
        if (item instanceof Failure f) {
            close();
            throw new BatchLoadingException("prefetch thread failed building batch " + f.batch() + " of epoch "
                    + epoch + ": " + f.cause(), f.cause());
        }
        if (item == END) {
            close();
            throw new NoSuchElementException("prefetch thread ended early at batch " + b);
        }
        delivered++;
        if (delivered == batches) {
            closed = true; // the worker puts END and exits by itself
        }
        return (Batch) item;
    }

    /**
     * Returns the number of batches of this epoch.
     *
     * @return the batch count
     */
    public int batches() {
        return batches;
    }

    /** Stops the worker thread (waiting up to 10 s for it) and drops queued batches. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (worker != null && worker.isAlive()) {
            worker.interrupt();
            queue.clear();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (queue != null) {
            queue.clear();
        }
    }

    /** Tells whether the worker thread is still running (for tests). */
    boolean workerAlive() {
        return worker != null && worker.isAlive();
    }
}
