package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.PoissonDraws;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU library's Poisson-encoder draws ({@link NativeBridge#poissonFill}) against the Java loop
 * ({@link PoissonDraws#fillInJava}) element for element on every instruction-set copy, its argument checks, and the
 * encoder's recorded spike streams (the same digests as matterhorn-core's PoissonEncoderGoldenTest) with the native
 * draws installed.
 */
class NativePoissonDrawsTest {

    @BeforeEach
    void requireNative() {
        NativeTestSupport.requireNative();
    }

    /** Candidates of the given row sizes; thresholds 2^24, 1, 0, -1, wrapping extremes and uniform ones. */
    private static int[][] candidates(SplittableRandom r, int[] sizes) {
        int[] rowEnd = new int[sizes.length];
        int total = 0;
        for (int i = 0; i < sizes.length; i++) {
            total += sizes[i];
            rowEnd[i] = total;
        }
        int[] column = new int[total];
        int[] threshold = new int[total];
        for (int e = 0; e < total; e++) {
            column[e] = r.nextInt(100_000) - 50;
            int kind = r.nextInt(10);
            threshold[e] = kind == 0 ? 1 << 24 : kind == 1 ? 1 : kind == 2 ? 0 : kind == 3 ? -1
                    : kind == 4 ? Integer.MIN_VALUE : kind == 5 ? Integer.MAX_VALUE : 1 + r.nextInt(1 << 24);
        }
        return new int[][] {column, threshold, rowEnd};
    }

    private static void assertSameAsJava(String what, int[][] c, long state) {
        int rows = c[2].length;
        int total = c[0].length;
        int[] out = new int[total + 3];
        int[] ends = new int[rows + 2];
        int[] javaOut = new int[total + 3];
        int[] javaEnds = new int[rows + 2];
        int n = NativeBridge.poissonFill(c[0], c[1], c[2], rows, state, out, ends);
        int m = PoissonDraws.fillInJava(c[0], c[1], c[2], rows, state, javaOut, javaEnds);
        assertEquals(m, n, what);
        assertArrayEquals(Arrays.copyOf(javaOut, m), Arrays.copyOf(out, n), what);
        assertArrayEquals(javaEnds, ends, what);
    }

    @Test
    void nativeFillEqualsTheJavaLoopOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            SplittableRandom r = new SplittableRandom(100 + index);
            int[][] shapes = {{}, {0}, {0, 0, 0}, {1}, {2}, {15}, {16}, {17}, {0, 0, 33, 0, 1, 0}, {1, 1, 1, 1, 1},
                {3, 0, 5, 7, 0, 0, 9, 31, 16, 16, 1}, {150, 149, 151, 0, 148}};
            for (int[] sizes : shapes) {
                for (long state : new long[] {0L, -1L, 42L, r.nextLong()}) {
                    assertSameAsJava(isa + " rows " + Arrays.toString(sizes) + " state " + state,
                            candidates(r, sizes), state);
                }
            }
            for (int trial = 0; trial < 40; trial++) {
                int[] sizes = new int[1 + r.nextInt(300)];
                for (int i = 0; i < sizes.length; i++) {
                    sizes[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(4) == 0 ? 2 * r.nextInt(40) + 1 : r.nextInt(300);
                }
                assertSameAsJava(isa + " trial " + trial, candidates(r, sizes), r.nextLong());
            }
        });
    }

    @Test
    void alwaysAndNeverFiringThresholdsOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            int[] column = new int[37];
            int[] always = new int[37];
            int[] never = new int[37];
            for (int e = 0; e < 37; e++) {
                column[e] = e;
                always[e] = 1 << 24;
                never[e] = -(1 << 24);
            }
            int[] rowEnd = {0, 17, 17, 37};
            int[] out = new int[37];
            int[] ends = new int[4];
            assertEquals(37, NativeBridge.poissonFill(column, always, rowEnd, 4, 5L, out, ends), isa);
            assertArrayEquals(column, out, isa);
            assertArrayEquals(new int[] {0, 17, 17, 37}, ends, isa);
            assertEquals(0, NativeBridge.poissonFill(column, never, rowEnd, 4, 5L, out, ends), isa);
            assertArrayEquals(new int[4], ends, isa);
        });
    }

    @Test
    void malformedArgumentsAreRefusedNamingTheArgument() {
        int[] c = new int[10];
        int[] t = new int[10];
        int[] e = {4, 10};
        int[] out = new int[10];
        int[] ends = new int[2];
        assertRefused("rows", () -> NativeBridge.poissonFill(c, t, e, -1, 1L, out, ends));
        assertRefused("rowEnd", () -> NativeBridge.poissonFill(c, t, null, 2, 1L, out, ends));
        assertRefused("rowEnd", () -> NativeBridge.poissonFill(c, t, new int[1], 2, 1L, out, ends));
        assertRefused("rowEnd", () -> NativeBridge.poissonFill(c, t, new int[] {5, 4}, 2, 1L, out, ends));
        assertRefused("rowEnd", () -> NativeBridge.poissonFill(c, t, new int[] {-1, 4}, 2, 1L, out, ends));
        assertRefused("column", () -> NativeBridge.poissonFill(null, t, e, 2, 1L, out, ends));
        assertRefused("column", () -> NativeBridge.poissonFill(new int[9], t, e, 2, 1L, out, ends));
        assertRefused("threshold", () -> NativeBridge.poissonFill(c, null, e, 2, 1L, out, ends));
        assertRefused("threshold", () -> NativeBridge.poissonFill(c, new int[9], e, 2, 1L, out, ends));
        assertRefused("out", () -> NativeBridge.poissonFill(c, t, e, 2, 1L, null, ends));
        assertRefused("out", () -> NativeBridge.poissonFill(c, t, e, 2, 1L, new int[9], ends));
        assertRefused("ends", () -> NativeBridge.poissonFill(c, t, e, 2, 1L, out, null));
        assertRefused("ends", () -> NativeBridge.poissonFill(c, t, e, 2, 1L, out, new int[1]));
        // only the first `rows` row ends count: a longer array is fine
        assertEquals(PoissonDraws.fillInJava(c, t, e, 1, 1L, new int[10], new int[1]),
                NativeBridge.poissonFill(c, t, new int[] {4, -7}, 1, 1L, out, ends));
    }

    private static void assertRefused(String argument, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run, argument);
        assertTrue(e.getMessage().startsWith("native Poisson draws: ") && e.getMessage().contains(argument),
                e.getMessage());
    }

    /** The native backend installs the draws, and the encoder then keeps its recorded spikes on every copy. */
    @Test
    void encoderKeepsItsRecordedSpikesWithTheNativeDraws() {
        String selected = Backends.provider().name(); // selecting a backend installs its accelerators
        boolean nativeSelected = "native".equals(selected) || "cuda".equals(selected);
        assertEquals(nativeSelected, PoissonDraws.accelerated(), "selected " + selected);
        PoissonDraws.accelerate(new BridgePoissonDraws());
        try {
            Tensor x = mnistLike(256, 784, 7L);
            NativeTestSupport.forEachIsa((isa, index) -> {
                long calls = NativeBridge.callCount(NativeBridge.CPU);
                PoissonEncoder enc = new PoissonEncoder(32, 20240607L);
                assertEquals("c4b9c76a0c5f30ae 829d16b138c0fa04 780054", digest(enc.forward(x)), isa);
                assertEquals("703cb51953741ce5 c66e9449fe94554d 779905", digest(enc.forward(x)), isa);
                assertTrue(NativeBridge.callCount(NativeBridge.CPU) >= calls + 60, isa + ": native draws used");
            });
            PoissonEncoder rare = new PoissonEncoder(256, 1.0, 0.0, 31L);
            Tensor y = sparseOnZeros(4, 16384, 11L);
            StringBuilder all = new StringBuilder();
            for (int call = 0; call < 3; call++) {
                all.append(digest(rare.forward(y))).append(call < 2 ? " | " : "");
            }
            assertEquals("78b6c5e18e6b1251 61e96d2fd080fe30 137688 | d1ca97488eb7dd8f 7bc92fa5c15b6578 137632 | "
                    + "907ac4483fee3f30 09b58c16d274b0ad 137824", all.toString());
        } finally {
            PoissonDraws.accelerate(Backends.provider().poissonDraws());
        }
    }

    // The inputs and digest of matterhorn-core's PoissonEncoderGoldenTest (copied: test classes are not shared).

    private static Tensor mnistLike(int batch, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[batch * features];
        for (int i = 0; i < v.length; i++) {
            double u = r.nextDouble();
            v[i] = u < 0.81 ? 0f : u < 0.86 ? 1f : (float) r.nextDouble();
        }
        return Tensor.of(Nd4j.create(v, new long[] {batch, features}));
    }

    private static Tensor sparseOnZeros(int batch, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[batch * features];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(64) == 0 ? (float) r.nextDouble() : 0f;
        }
        return Tensor.of(Nd4j.create(v, new long[] {batch, features}));
    }

    private static String digest(Tensor spikes) {
        float[] s = spikes.toFloatArray();
        long h = 0x2545F4914F6CDD1DL;
        int ones = 0;
        for (int i = 0; i < s.length; i++) {
            h = mix(h ^ (((long) i << 32) | Float.floatToRawIntBits(s[i])));
            ones += s[i] != 0f ? 1 : 0;
        }
        SparseRows sr = spikes.sparseRows();
        long g = mix(((long) sr.rows() << 32) ^ sr.cols());
        for (int v : sr.rowStart()) {
            g = mix(g ^ v);
        }
        for (int v : sr.columns()) {
            g = mix(g ^ (v + 0x100000000L));
        }
        return String.format("%016x %016x %d", h, g, ones);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
