package io.matterhorn.snn.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.numeric.SparseRows;
import io.matterhorn.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The spike stream of {@link PoissonEncoder} for a given seed is part of its contract (checkpoints store only the
 * seed and {@link PoissonEncoder#drawCount()}): hashes of the spikes and of the attached sparse rows, recorded
 * before the encoder's generator and fill were rewritten, must not change, whichever fill (Java or native) runs.
 */
class PoissonEncoderGoldenTest {

    /** Example 1's shape: [256, 784] MNIST-like intensities (about 80% zeros, some exactly 1), T = 32. */
    @Test
    void mnistLikeBatchKeepsItsSpikes() {
        PoissonEncoder enc = new PoissonEncoder(32, 20240607L);
        Tensor x = mnistLike(256, 784, 7L);
        assertEquals("c4b9c76a0c5f30ae 829d16b138c0fa04 780054", digest(enc.forward(x)));
        assertEquals("703cb51953741ce5 c66e9449fe94554d 779905", digest(enc.forward(x)));
    }

    /**
     * Small rows with odd candidate counts, elements with p &gt;= 1 (always fire), p &lt; 0 (never) and p = 0
     * (thr = 0, fire only on a draw of exactly 0), over several calls.
     */
    @Test
    void smallMixedShapesKeepTheirSpikes() {
        PoissonEncoder enc = new PoissonEncoder(5, 2.0, -1.0, 99L);
        Tensor x = mixed(3, 37, 3L, -1.0, 2.0);
        assertEquals("5eb22fe3df0d7f1a 4ee33552e22dd7cc 228", digest(enc.forward(x)));
        assertEquals("2c7ff8a39803cee5 9b75720c07f1b84c 236", digest(enc.forward(x)));
        Tensor y = mixed(1, 1, 5L, -1.0, 2.0);
        assertEquals("8de780658777f035 b347b8c0b04777a4 3", digest(new PoissonEncoder(3, 2.0, -1.0, 4L).forward(y)));
    }

    /**
     * Mostly thr = 0 elements (p = 0), so that some steps have rare firings (about 2^-24 per element and step),
     * mixed with ordinary candidates in the same rows.
     */
    @Test
    void rareFiringsKeepTheirPlaces() {
        assertEquals("78b6c5e18e6b1251 61e96d2fd080fe30 137688 | d1ca97488eb7dd8f 7bc92fa5c15b6578 137632 | "
                + "907ac4483fee3f30 09b58c16d274b0ad 137824",
                rareCallDigests(new PoissonEncoder(256, 1.0, 0.0, 31L), sparseOnZeros(4, 16384, 11L), 3));
    }

    /**
     * The digests of {@code calls} calls of {@code enc} on {@code x}, joined by " | ", after checking that the
     * calls fired at least two rare elements (input exactly 0), so that the rare path is exercised.
     */
    private static String rareCallDigests(PoissonEncoder enc, Tensor x, int calls) {
        int rareHits = 0;
        StringBuilder all = new StringBuilder();
        for (int call = 0; call < calls; call++) {
            Tensor s = enc.forward(x);
            rareHits += rareHits(s, x);
            all.append(digest(s)).append(call < calls - 1 ? " | " : "");
        }
        assertTrue(rareHits >= 2, "the seed must exercise the rare path, got " + rareHits + " rare firings");
        return all.toString();
    }

    static Tensor mnistLike(int batch, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[batch * features];
        for (int i = 0; i < v.length; i++) {
            double u = r.nextDouble();
            v[i] = u < 0.81 ? 0f : u < 0.86 ? 1f : (float) r.nextDouble();
        }
        return Tensor.of(Nd4j.create(v, new long[] {batch, features}));
    }

    private static Tensor mixed(int batch, int features, long seed, double min, double max) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[batch * features];
        for (int i = 0; i < v.length; i++) {
            int kind = r.nextInt(5);
            v[i] = (float) (kind == 0 ? min : kind == 1 ? max + 0.5 : kind == 2 ? min - 1 : min
                    + (max - min) * r.nextDouble());
        }
        return Tensor.of(Nd4j.create(v, new long[] {batch, features}));
    }

    /**
     * As {@link #rareFiringsKeepTheirPlaces} over 32 rows, enough for the candidate lists to be built in several row
     * chunks on a multi-core machine (hashes recorded with the single-pass build, before the lists were built in
     * chunks).
     */
    @Test
    void rareFiringsOverManyRowsKeepTheirPlaces() {
        assertEquals("b4c99962db92db33 0575c0b161111f57 130145 | 1263b192aae39e21 ca5792e958a16f64 130033 | "
                + "cd9d9ecdbcca97f3 f259780629840621 129993 | af601a59760578a3 77611e53d449e216 130365",
                rareCallDigests(new PoissonEncoder(256, 1.0, 0.0, 47L), sparseOnZeros(32, 2048, 13L), 4));
    }

    private static Tensor sparseOnZeros(int batch, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[batch * features];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(64) == 0 ? (float) r.nextDouble() : 0f;
        }
        return Tensor.of(Nd4j.create(v, new long[] {batch, features}));
    }

    /** Spikes at elements whose input is exactly 0 (the rare elements of {@link #sparseOnZeros}). */
    private static int rareHits(Tensor spikes, Tensor x) {
        float[] s = spikes.toFloatArray();
        float[] in = x.toFloatArray();
        int hits = 0;
        for (int i = 0; i < s.length; i++) {
            hits += s[i] != 0f && in[i % in.length] == 0f ? 1 : 0;
        }
        return hits;
    }

    /** "dense-hash sparse-hash ones": 64-bit hashes of the dense spikes and of the sparse rows, and the count. */
    static String digest(Tensor spikes) {
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
        assertTrue(sr.values() == null);
        return String.format("%016x %016x %d", h, g, ones);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
