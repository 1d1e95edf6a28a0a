package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SpikeMatmul#weightGradInJava}: {@code dW^T[i, :] = sum over rows r with x[r, i] != 0 of x[r, i] g[r, :]},
 * checked against the same sum taken independently in double precision, for spikes and for valued inputs, with
 * uneven column activity, empty rows and empty columns; and bit-identical results for 1 and several kernel threads
 * (in separate JVMs, since the thread count is fixed when {@link Parallel} loads).
 */
class SpikeMatmulWeightGradTest {
    /** Shapes of the cases: rows, in, out. Several row blocks of the gradient for the larger ones. */
    private static final int[][] SHAPES = {{3000, 50, 37}, {2500, 23, 10}, {700, 784, 80}, {5, 4, 3}, {0, 6, 5}};

    /**
     * A sparse input whose column activity is uneven: a few columns never fire, a few fire in most rows, the rest
     * rarely; every 7th row is empty.
     */
    private static SparseRows input(int rows, int in, boolean valued, long seed) {
        Random rnd = new Random(seed);
        double[] p = new double[in];
        for (int i = 0; i < in; i++) {
            p[i] = i % 5 == 1 ? 0 : i % 5 == 3 ? 0.9 : rnd.nextDouble() * 0.2;
        }
        int[] start = new int[rows + 1];
        List<Integer> cols = new ArrayList<>();
        List<Float> vals = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < in && r % 7 != 3; i++) {
                if (rnd.nextDouble() < p[i]) {
                    cols.add(i);
                    vals.add((float) (rnd.nextGaussian() * 2));
                }
            }
            start[r + 1] = cols.size();
        }
        int[] c = cols.stream().mapToInt(Integer::intValue).toArray();
        float[] v = null;
        if (valued) {
            v = new float[c.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = vals.get(k);
            }
        }
        return new SparseRows(rows, in, start, c, v);
    }

    /** Output gradient rows; empty input rows get huge values, so that counting them in would show. */
    private static float[][] gradient(SparseRows x, int out, long seed) {
        Random rnd = new Random(seed);
        float[][] g = new float[x.rows()][out];
        for (int r = 0; r < x.rows(); r++) {
            boolean empty = x.rowStart()[r] == x.rowStart()[r + 1];
            for (int q = 0; q < out; q++) {
                g[r][q] = empty ? 1e6f : (float) rnd.nextGaussian();
            }
        }
        return g;
    }

    /** The cases' results, in order: spikes then values for each shape. */
    private static List<float[]> results() {
        List<float[]> all = new ArrayList<>();
        long seed = 11;
        for (int[] s : SHAPES) {
            for (boolean valued : new boolean[] {false, true}) {
                SparseRows x = input(s[0], s[1], valued, seed++);
                all.add(SpikeMatmul.weightGradInJava(x, gradient(x, s[2], seed++), s[2]));
            }
        }
        return all;
    }

    @Test
    void equalsTheDoublePrecisionSum() {
        long seed = 11;
        for (int[] s : SHAPES) {
            for (boolean valued : new boolean[] {false, true}) {
                int rows = s[0];
                int in = s[1];
                int out = s[2];
                SparseRows x = input(rows, in, valued, seed++);
                float[][] g = gradient(x, out, seed++);
                float[] dwT = SpikeMatmul.weightGradInJava(x, g, out);
                assertEquals(in * out, dwT.length);
                double[] sum = new double[in * out];
                double[] magnitude = new double[in * out];
                int[] count = new int[in];
                for (int r = 0; r < rows; r++) {
                    for (int k = x.rowStart()[r]; k < x.rowStart()[r + 1]; k++) {
                        int i = x.columns()[k];
                        double v = valued ? x.values()[k] : 1.0;
                        count[i]++;
                        for (int q = 0; q < out; q++) {
                            sum[i * out + q] += v * g[r][q];
                            magnitude[i * out + q] += Math.abs(v * g[r][q]);
                        }
                    }
                }
                String name = Arrays.toString(s) + (valued ? " valued" : " spikes");
                boolean sawEmptyColumn = false;
                for (int i = 0; i < in; i++) {
                    sawEmptyColumn |= count[i] == 0;
                    for (int q = 0; q < out; q++) {
                        int e = i * out + q;
                        if (count[i] == 0) {
                            assertEquals(0f, dwT[e], name + ": column " + i + " has no entries");
                        } else {
                            assertEquals(sum[e], dwT[e], 1e-5 * magnitude[e] + 1e-6, name + ": dW^T[" + i + ", " + q
                                    + "], " + count[i] + " entries");
                        }
                    }
                }
                assertTrue(in < 5 || sawEmptyColumn, name + ": the case should have an empty column");
            }
        }
    }

    @Test
    void sameBitsForOneAndSeveralThreads() throws IOException, InterruptedException {
        String here = digest(results());
        assertEquals(here, digestInJvm(1), "1 thread vs " + Parallel.threads() + " in this JVM");
        assertEquals(here, digestInJvm(3), "3 threads vs " + Parallel.threads() + " in this JVM");
    }

    /** Runs {@link #main} in a new JVM with the given kernel thread count and returns what it prints. */
    private static String digestInJvm(int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dmatterhorn.threads=" + threads, "-cp",
                System.getProperty("java.class.path"), SpikeMatmulWeightGradTest.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), "child JVM failed: " + output);
        return output;
    }

    /** The bits of every result, as one line of hexadecimal hashes. */
    private static String digest(List<float[]> results) {
        StringBuilder b = new StringBuilder();
        for (float[] r : results) {
            int[] bits = new int[r.length];
            for (int k = 0; k < r.length; k++) {
                bits[k] = Float.floatToRawIntBits(r[k]);
            }
            b.append(Integer.toHexString(Arrays.hashCode(bits))).append(' ');
        }
        return b.toString().trim();
    }

    /**
     * Child-JVM entry of {@link #sameBitsForOneAndSeveralThreads}: prints the digest of the results.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println(digest(results()));
    }
}
