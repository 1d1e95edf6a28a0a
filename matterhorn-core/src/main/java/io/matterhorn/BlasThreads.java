package io.matterhorn;

import java.util.Locale;
import java.util.function.IntConsumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The number of threads of ND4J's BLAS (OpenBLAS on the CPU backend), set once per JVM from the system property
 * {@value #PROPERTY} when the first {@code Module} is created.
 *
 * <p><b>Why one thread by default.</b> OpenBLAS's worker threads do not sleep after a product: they poll for the
 * next one, calling {@code sched_yield} in a loop, for about 2^28 cycles (a tenth of a second). A training step
 * calls a BLAS product (a readout layer, say) and then runs Matterhorn's own parallel kernels (OpenMP or the Java
 * fork-join pool) for tens of milliseconds, so the polling worker never sleeps and takes a core from them. On
 * example 4's conv model (2 cores, 2026-12-07) the polling thread held a quarter of the process's CPU samples,
 * and one BLAS thread made the step 1.2x faster with half the spread between rounds. The products Matterhorn
 * leaves to BLAS are small (readouts, dense first layers); its large ones (event-driven layers, convolutions)
 * run in its own kernels, which use every core.
 *
 * <p>Values of {@value #PROPERTY}: unset or {@code 1} (the default) for one thread; an integer {@code n >= 1}
 * for {@code n} threads; {@code keep} to leave ND4J's own setting (its default follows {@code OMP_NUM_THREADS}).
 * Anything else is refused with an {@link IllegalArgumentException} naming the property.
 *
 * <p>Thread-safety: {@link #applyOnce()} is thread-safe and acts once per JVM; {@link #parse(String)} is pure.
 */
public final class BlasThreads {
    /** The system property read by {@link #applyOnce()}. */
    public static final String PROPERTY = "matterhorn.blas.threads";
    /** The value of {@value #PROPERTY} that leaves ND4J's setting alone; {@link #parse} returns {@link #KEEP}. */
    public static final String KEEP_VALUE = "keep";
    /** What {@link #parse} returns for {@link #KEEP_VALUE}. */
    public static final int KEEP = 0;

    private static final Object LOCK = new Object();
    private static volatile String applied;

    private BlasThreads() {
    }

    /**
     * Reads {@value #PROPERTY} and sets ND4J's BLAS threads accordingly, the first time it is called in this JVM;
     * later calls do nothing.
     *
     * @return a short description of the setting in effect, for the start-up line, for example
     *     {@code "1 (matterhorn.blas.threads default)"}
     * @throws IllegalArgumentException if the property is neither an integer >= 1 nor {@code keep}
     */
    public static String applyOnce() {
        String done = applied;
        if (done != null) {
            return done;
        }
        synchronized (LOCK) {
            if (applied == null) {
                String value = System.getProperty(PROPERTY);
                applied = apply(value, n -> Nd4j.factory().blas().setMaxThreads(n));
            }
            return applied;
        }
    }

    /**
     * Applies one value of {@value #PROPERTY} through {@code setter} (ND4J's {@code Blas.setMaxThreads} in
     * {@link #applyOnce()}).
     *
     * @param value  the property's value, or {@code null} when unset
     * @param setter receives the thread count; not called for {@code keep}
     * @return a short description of the setting in effect
     */
    static String apply(String value, IntConsumer setter) {
        int threads = parse(value);
        if (threads == KEEP) {
            return "ND4J's own (" + PROPERTY + "=" + KEEP_VALUE + ")";
        }
        setter.accept(threads);
        return threads + " (" + PROPERTY + (value == null ? " default" : "=" + value.trim()) + ")";
    }

    /**
     * Parses a value of {@value #PROPERTY}.
     *
     * @param value the value, or {@code null} when unset (meaning 1)
     * @return the thread count, or {@link #KEEP} for {@code keep}
     * @throws IllegalArgumentException if the value is neither an integer >= 1 nor {@code keep}
     */
    public static int parse(String value) {
        if (value == null) {
            return 1;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(KEEP_VALUE)) {
            return KEEP;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected values
        }
        throw new IllegalArgumentException(PROPERTY + "=" + value + ": expected an integer >= 1 (BLAS threads) or '"
                + KEEP_VALUE + "' (leave ND4J's setting)");
    }
}
