package io.matterhorn.tensor;

/**
 * Switch for gradient recording, per thread. Recording is on by default; evaluation code turns it off so
 * no graph is built:
 *
 * <pre>{@code
 * try (var ignored = Grad.disabled()) {
 *     Tensor out = model.forward(x);   // out.requiresGrad() == false
 * }
 * }</pre>
 */
public final class Grad {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Grad() {
    }

    /** @return whether operations on this thread currently record a graph */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Turns recording off until the returned scope is closed; scopes nest.
     *
     * @return a scope that restores the previous setting when closed
     */
    public static Scope disabled() {
        return set(false);
    }

    /**
     * Turns recording on until the returned scope is closed (inside a {@link #disabled()} scope).
     *
     * @return a scope that restores the previous setting when closed
     */
    public static Scope enabled() {
        return set(true);
    }

    private static Scope set(boolean value) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = value;
        return () -> flag[0] = previous;
    }

    /** A scope that restores the previous recording setting. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
