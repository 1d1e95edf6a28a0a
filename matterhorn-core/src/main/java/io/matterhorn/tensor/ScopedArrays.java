package io.matterhorn.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Large Java work arrays that live as long as the innermost open {@link MemoryScope}, reused from one iteration
 * of that scope to the next, like the scope's ND4J memory.
 *
 * <p>Why: a fused soma keeps its membrane potentials {@code [T, N]} for the backward in a Java array. Allocated
 * fresh each step, a 19 MB array (example 4's first layer) cost 15 ms: the JVM zeroes it, and such humongous
 * allocations start garbage collections. Reused, it costs nothing.
 *
 * <p>Contract: an array obtained inside a scope must not be used after that scope closes (the same rule as for the
 * scope's ND4J arrays); its initial contents are unspecified. Outside any scope a new array is returned. Each
 * thread has its own pools: the class is thread-safe, and an array is never shared between threads.
 */
public final class ScopedArrays {
    private static final ThreadLocal<ArrayDeque<Frame>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<Map<String, Map<Integer, ArrayDeque<float[]>>>> POOLS =
            ThreadLocal.withInitial(HashMap::new);

    private ScopedArrays() {
    }

    /** The arrays one open scope has handed out. */
    private static final class Frame {
        private final String name;
        private final List<float[]> borrowed = new ArrayList<>();

        Frame(String name) {
            this.name = name;
        }
    }

    /**
     * @param length number of elements, non-negative
     * @return an array of that length with unspecified contents, reused from an earlier iteration of the
     *     innermost open scope when one is free, else new
     */
    public static float[] floats(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("ScopedArrays: length must be non-negative, got " + length);
        }
        Frame frame = OPEN.get().peek();
        if (frame == null || frame.name == null) {
            return new float[length];
        }
        ArrayDeque<float[]> free = POOLS.get().computeIfAbsent(frame.name, k -> new HashMap<>()).get(length);
        float[] a = free == null || free.isEmpty() ? new float[length] : free.pop();
        frame.borrowed.add(a);
        return a;
    }

    /**
     * Called when a scope opens on this thread.
     *
     * @param name the scope's name, or null for a region outside every scope ({@link MemoryScope#outside})
     */
    static void opened(String name) {
        OPEN.get().push(new Frame(name));
    }

    /**
     * Called when a scope closes on this thread: its arrays become free for the next iteration of a scope of the
     * same name. Only the arrays of this last iteration are kept, so the pool never holds more than one
     * iteration's worth.
     */
    static void closed() {
        Frame frame = OPEN.get().poll();
        if (frame == null || frame.name == null) {
            return;
        }
        Map<Integer, ArrayDeque<float[]>> pool = new HashMap<>();
        for (float[] a : frame.borrowed) {
            pool.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        }
        POOLS.get().put(frame.name, pool);
    }
}
