package io.matterhorn.spark;

import io.matterhorn.snn.Module;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Executor-side pool of models rebuilt from broadcast model bytes, keyed by the broadcast's id: a model is built
 * once per concurrently running task slot and reused by later tasks of the same job, instead of once per task.
 * A borrowed model belongs to one task until it is given back; callers load the parameters they need and reset
 * the temporal state themselves. Executors keep the pools of the {@value #MAX_POOLS} newest broadcasts (ids grow).
 *
 * <p>Thread-safe.
 */
final class ModelPool {
    /** Pools of this many broadcasts at most per JVM; older ones (smaller ids) are dropped first. */
    static final int MAX_POOLS = 8;
    private static final Map<Long, Queue<Module>> POOLS = new ConcurrentHashMap<>();

    private ModelPool() {
    }

    static Module borrow(long key, Supplier<byte[]> bytes) {
        Module m = POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return m != null ? m : ModelBytes.load(bytes.get());
    }

    static void giveBack(long key, Module model) {
        POOLS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(model);
        // executors never hear that a trainer or scorer was closed: bound the memory held for old broadcasts
        while (POOLS.size() > MAX_POOLS) {
            POOLS.keySet().stream().min(Long::compare).ifPresent(POOLS::remove);
        }
    }

    /** Drops the models of one broadcast (called on the driver, where local mode runs its tasks). */
    static void release(long key) {
        POOLS.remove(key);
    }
}
