package io.matterhorn;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.Parallel;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Library-wide settings and facts: the global random seed, and the start-up line.
 *
 * <p><b>Seeding.</b> After {@code Matterhorn.seed(42)} every source of randomness in the library that was not
 * given its own {@link Random} or seed is derived from 42, in the order the program asks for it:
 * weight initialisation ({@code Linear}, {@code Conv*}, {@code SRM0Linear}, {@code STDPLinear},
 * {@code TemporalWiseAttention}), the spike generators of {@code PoissonEncoder} and {@code TemporalEncoder},
 * the shuffle order of the data loaders, and ND4J's own generator ({@code Nd4j.getRandom()}). Running the same
 * program twice in one JVM, each time starting with the same {@code seed} call, gives bit-identical parameters
 * and outputs. Without a {@code seed} call each source is seeded from fresh entropy (loaders keep their
 * documented default seed 0).
 *
 * <p>The k-th request after {@code seed(s)} receives {@code mix(s + k * 0x9E3779B97F4A7C15)}, where {@code mix}
 * is the 64-bit MurmurHash3 finaliser, so neighbouring seeds and requests give unrelated streams.
 *
 * <p><b>Start-up line.</b> When the first {@code Module} is created, the library logs one INFO line through
 * slf4j under the logger {@code io.matterhorn.Matterhorn} (see {@link #runtimeSummary()}): the version, the kernel
 * backend with its instruction set and threads, ND4J's backend, and ND4J's BLAS threads, which the library sets to
 * one at that moment (see {@link BlasThreads} for why, and for the property that changes it).
 *
 * <p>Thread-safety: all methods are thread-safe. Determinism needs the requests to come in the same order,
 * so build models and loaders on one thread.
 */
public final class Matterhorn {
    private static final Logger LOG = LoggerFactory.getLogger(Matterhorn.class);
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static volatile boolean seeded;
    private static volatile long globalSeed;

    private Matterhorn() {
    }

    /**
     * Seeds every random source the library creates from now on, and ND4J's global generator; restarts the
     * sequence of derived seeds, so a program that starts with the same call repeats itself exactly.
     *
     * @param seed any value
     */
    public static synchronized void seed(long seed) {
        globalSeed = seed;
        REQUESTS.set(0);
        seeded = true;
        Nd4j.getRandom().setSeed(seed);
    }

    /**
     * Forgets the global seed: later sources are seeded from fresh entropy again.
     */
    public static synchronized void unseed() {
        seeded = false;
        REQUESTS.set(0);
    }

    /** @return whether {@link #seed(long)} was called (and not undone by {@link #unseed()}) */
    public static boolean isSeeded() {
        return seeded;
    }

    /**
     * The next derived seed: the next value of the global sequence after {@link #seed(long)}, or fresh entropy
     * when unseeded.
     *
     * @return a seed for one random source
     */
    public static long nextSeed() {
        if (!seeded) {
            return new SplittableRandom().nextLong();
        }
        return mix(globalSeed + REQUESTS.incrementAndGet() * GOLDEN);
    }

    /**
     * The next derived seed, or {@code unseededDefault} when no global seed is set (for sources whose documented
     * default is a fixed seed, such as the data loaders' shuffle).
     *
     * @param unseededDefault value returned when unseeded
     * @return a seed for one random source
     */
    public static long nextSeedOr(long unseededDefault) {
        return seeded ? nextSeed() : unseededDefault;
    }

    /**
     * A new generator for one consumer (a layer's initialisation, for example), seeded with {@link #nextSeed()}.
     *
     * @return a generator owned by the caller (java.util.Random; not shared)
     */
    public static Random random() {
        return new Random(nextSeed());
    }

    /** @return this library's version from the jar manifest, or "dev" when run from class folders */
    public static String version() {
        String v = Matterhorn.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * One line describing the run time, for example {@code Matterhorn 0.2.0: kernels native (C++
     * libmatterhorn_kernels.so, avx2, 2 OpenMP threads), matterhorn.backend=auto; Java kernel threads 2; ND4J
     * CpuBackend (OPENBLAS) on amd64, BLAS threads 1 (matterhorn.blas.threads default)}. Choosing the kernel
     * backend here is the same one-time choice as {@link Backends#selection()}, and the BLAS threads are set as by
     * {@link BlasThreads#applyOnce()}; a backend that cannot be used, or a bad BLAS setting, is reported in the
     * line instead of thrown.
     *
     * @return the description
     */
    public static String runtimeSummary() {
        String kernels;
        try {
            Backends.Selection s = Backends.selection();
            kernels = s.provider().name() + " (" + s.detail() + "), " + Backends.PROPERTY + "=" + s.request()
                    + (s.skipped().isEmpty() ? "" : "; skipped " + String.join(", ", s.skipped()));
        } catch (RuntimeException e) {
            kernels = "unavailable: " + e.getMessage();
        }
        String nd4j;
        try {
            nd4j = Nd4j.getBackend().getClass().getSimpleName() + " (" + Nd4j.factory().blas().getBlasVendor() + ")";
        } catch (RuntimeException | LinkageError e) {
            nd4j = "unavailable: " + e;
        }
        String blas;
        try {
            blas = BlasThreads.applyOnce();
        } catch (IllegalArgumentException e) {
            blas = "ND4J's own (" + e.getMessage() + ")";
        } catch (RuntimeException | LinkageError e) {
            blas = "unavailable: " + e;
        }
        return "Matterhorn " + version() + ": kernels " + kernels + "; Java kernel threads " + Parallel.threads()
                + "; ND4J " + nd4j + " on " + System.getProperty("os.arch") + ", BLAS threads " + blas;
    }

    /**
     * Sets ND4J's BLAS threads ({@link BlasThreads#applyOnce()}: one unless {@value BlasThreads#PROPERTY} says
     * otherwise; a bad value is logged at WARN and ND4J's setting kept) and logs {@link #runtimeSummary()} at INFO,
     * once per JVM (called when the first module is created; later calls do nothing). Silence the line with the
     * logger level of {@code io.matterhorn.Matterhorn}.
     */
    public static void logStartup() {
        if (ANNOUNCED.compareAndSet(false, true)) {
            try {
                BlasThreads.applyOnce();
            } catch (IllegalArgumentException e) {
                LOG.warn("{}; ND4J's BLAS thread setting left as it is", e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("could not set ND4J's BLAS threads: {}", e.toString());
            }
            if (LOG.isInfoEnabled()) {
                LOG.info(runtimeSummary());
            }
        }
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
