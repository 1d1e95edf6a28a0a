package io.matterhorn.runtime;

import static io.matterhorn.runtime.ModelFiles.linear;
import static io.matterhorn.runtime.ModelFiles.lif;
import static io.matterhorn.runtime.ModelFiles.node;
import static io.matterhorn.runtime.ModelFiles.sequential;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.format.ModelFormatException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingNetworkTest {
    /** Linear(2 -> 1, W = [2, 1], no bias) then LIF(tau 2, threshold 1, hard reset to 0). */
    private static StreamingNetwork tiny() throws Exception {
        byte[] file = new ModelFiles().tensor("0.weight", new float[] {2f, 1f}, 1, 2)
                .tensor("1.module.tau_m", new float[] {2f})
                .write(sequential(linear(2, 1, false), lif(1.0, true)));
        return StreamingNetwork.load(file);
    }

    /** A 20-16-4 network with random weights, for properties that need some activity. */
    private static StreamingNetwork random(long seed) throws Exception {
        Random r = new Random(seed);
        float[] w1 = new float[16 * 20];
        float[] w2 = new float[4 * 16];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (r.nextGaussian() * 0.8);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (r.nextGaussian() * 0.9);
        }
        byte[] file = new ModelFiles().tensor("0.weight", w1, 16, 20).tensor("1.module.tau_m", new float[] {2f})
                .tensor("2.weight", w2, 4, 16).tensor("3.module.tau_m", new float[] {2f})
                .write(sequential(linear(20, 16, false), lif(1.0, true), linear(16, 4, false), lif(0.5, false),
                        node("AvgSpikeDecoder", "")));
        return StreamingNetwork.load(file);
    }

    @Test
    void handComputedSteps() throws Exception {
        // u_t = h + (x - h) / 2 with x = W input: t0 x = 3 -> u = 1.5, fires, h = 0; t1 x = 2 -> u = 1, fires (>=);
        // t2 x = 0 -> u = 0; t3 x = 1 -> u = 0.5; t4 x = 1 -> u = 0.75; t5 x = 3 -> u = 1.875, fires
        StreamingNetwork net = tiny();
        assertEquals(2, net.inputSize());
        assertEquals(1, net.outputSize());
        StreamState s = net.newState();
        float[][] in = {{1, 1}, {1, 0}, {0, 0}, {0, 1}, {0, 1}, {1, 1}};
        float[] want = {1, 1, 0, 0, 0, 1};
        float[] out = new float[1];
        for (int t = 0; t < in.length; t++) {
            net.step(in[t], s, out);
            assertEquals(want[t], out[0], "step " + t);
        }
        assertEquals(6, s.steps());
    }

    @Test
    void analogInputRunsTheDenseProduct() throws Exception {
        StreamingNetwork net = tiny();
        StreamState s = net.newState();
        float[] out = new float[1];
        net.step(new float[] {0.25f, 0.5f}, s, out); // x = 1, u = 0.5
        assertEquals(0f, out[0]);
        net.step(new float[] {0.75f, 0f}, s, out); // x = 1.5, u = 0.5 + 0.5 = 1
        assertEquals(1f, out[0]);
    }

    @Test
    void spikeIndicesEqualDenseSpikesAndStreamsAreIndependent() throws Exception {
        StreamingNetwork net = random(3);
        Random r = new Random(4);
        StreamState dense = net.newState();
        StreamState sparse = net.newState();
        StreamState other = net.newState();
        float[] a = new float[4];
        float[] b = new float[4];
        int fired = 0;
        for (int t = 0; t < 200; t++) {
            float[] x = new float[20];
            int[] idx = new int[20];
            int n = 0;
            for (int j = 0; j < 20; j++) {
                if (r.nextDouble() < 0.3) {
                    x[j] = 1f;
                    idx[n++] = j;
                }
            }
            net.step(x, dense, a);
            net.step(new float[20], other, null);
            net.stepSpikes(idx, n, sparse, b);
            assertArrayEquals(a, b, "step " + t);
            for (float v : a) {
                fired += (int) v;
            }
        }
        assertTrue(fired > 20, "the network fired " + fired + " times; the comparison would be empty");
        float[] d1 = net.decoded(dense, new float[4]);
        float[] d2 = net.decoded(other, new float[4]);
        assertNotEquals(Arrays.toString(d1), Arrays.toString(d2), "a silent stream must not see another's input");
    }

    @Test
    void copiesAndBytesContinueIdentically() throws Exception {
        StreamingNetwork net = random(5);
        StreamState s = net.newState();
        Random r = new Random(6);
        float[][] inputs = new float[100][20];
        for (float[] x : inputs) {
            for (int j = 0; j < 20; j++) {
                x[j] = r.nextDouble() < 0.3 ? 1f : 0f;
            }
        }
        for (int t = 0; t < 50; t++) {
            net.step(inputs[t], s, null);
        }
        StreamState copy = s.copy();
        StreamState restored = net.restoreState(s.toBytes());
        assertEquals(50, restored.steps());
        float[] a = new float[4];
        float[] b = new float[4];
        float[] c = new float[4];
        for (int t = 50; t < 100; t++) {
            net.step(inputs[t], s, a);
            net.step(inputs[t], copy, b);
            net.step(inputs[t], restored, c);
            assertArrayEquals(a, b);
            assertArrayEquals(a, c);
        }
        assertArrayEquals(net.decoded(s, new float[4]), net.decoded(restored, new float[4]));
        s.reset();
        assertEquals(0, s.steps());
        assertArrayEquals(new float[4], net.decoded(s, new float[4]));
    }

    @Test
    void corruptTruncatedOrForeignStateBytesAreRefused() throws Exception {
        StreamingNetwork net = random(7);
        StreamState s = net.newState();
        for (int t = 0; t < 10; t++) {
            float[] x = new float[20];
            x[t] = 1f;
            net.step(x, s, null);
        }
        byte[] bytes = s.toBytes();
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x10;
            assertThrows(ModelFormatException.class, () -> net.restoreState(flipped), "byte " + i);
        }
        for (int len : new int[] {0, 10, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThrows(ModelFormatException.class, () -> net.restoreState(cut), "length " + len);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> tiny().restoreState(bytes));
        assertTrue(e.getMessage().contains("different network"), e.getMessage());
    }

    @Test
    void badInputIsRefusedWithItsName() throws Exception {
        StreamingNetwork net = tiny();
        StreamState s = net.newState();
        assertThrows(IllegalArgumentException.class, () -> net.step(new float[3], s, null));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> net.step(new float[] {Float.NaN, 0f}, s, null));
        assertTrue(nan.getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> net.stepSpikes(new int[] {1, 0}, 2, s, null));
        assertThrows(IllegalArgumentException.class, () -> net.stepSpikes(new int[] {2}, 1, s, null));
        assertThrows(IllegalArgumentException.class, () -> net.stepSpikes(new int[] {0}, 2, s, null));
        assertThrows(IllegalArgumentException.class, () -> net.step(new float[2], random(1).newState(), null));
        assertThrows(IllegalArgumentException.class, () -> net.step(new float[2], s, new float[2]));
    }

    @Test
    void unsupportedModulesAreRefusedByPositionAndType() {
        byte[] file = new ModelFiles().tensor("0.weight", new float[4], 2, 2)
                .write(sequential(linear(2, 2, false), node("KLIF", "\"tau_m\":2.0")));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> StreamingNetwork.load(file));
        assertTrue(e.getMessage().contains("model.1 (KLIF) is not supported"), e.getMessage());
        byte[] conv = new ModelFiles().tensor("0.weight", new float[9], 1, 1, 3, 3).write(sequential(node("Conv2d",
                "\"in_channels\":1,\"out_channels\":1,\"kernel_size\":[3,3],\"stride\":[1,1],\"dilation\":[1,1],"
                        + "\"output_padding\":[0,0],\"groups\":1,\"bias\":false,\"padding\":[1,1]")));
        ModelFormatException noShape = assertThrows(ModelFormatException.class, () -> StreamingNetwork.load(conv));
        assertTrue(noShape.getMessage().contains("give the per-sample input shape"), noShape.getMessage());
        byte[] missing = new ModelFiles().write(sequential(linear(2, 2, false)));
        ModelFormatException m = assertThrows(ModelFormatException.class, () -> StreamingNetwork.load(missing));
        assertTrue(m.getMessage().contains("no tensor '0.weight'"), m.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StreamingNetwork.load((byte[]) null));
        assertThrows(IllegalArgumentException.class, () -> StreamingNetwork.load((java.nio.file.Path) null));
        assertThrows(IllegalArgumentException.class, () -> StreamingNetwork.loadNir(null, 1e-3));
        assertThrows(ModelFormatException.class, () -> StreamingNetwork.load(new byte[] {1, 2, 3}));
        byte[] lying = new ModelFiles().tensor("w", new float[] {1f}, 1).write(sequential());
        lying[0] += 50; // header length beyond the file
        assertThrows(ModelFormatException.class, () -> StreamingNetwork.load(lying));
    }

    @Test
    void poissonEncoderDrawsFromTheStreamsOwnSeed() throws Exception {
        byte[] file = new ModelFiles().write(sequential(node("PoissonEncoder",
                "\"time_steps\":8,\"max_value\":1.0,\"min_value\":0.0,\"seed\":1"), node("Flatten",
                "\"start_dim\":1,\"end_dim\":-1")));
        StreamingNetwork net = StreamingNetwork.load(file, 1000);
        float[] x = new float[1000];
        Arrays.fill(x, 0.3f);
        x[0] = 0f;
        x[1] = 1f;
        StreamState a = net.newState(42);
        StreamState b = net.newState(42);
        StreamState c = net.newState(43);
        float[] ya = new float[1000];
        float[] yb = new float[1000];
        float[] yc = new float[1000];
        long ones = 0;
        boolean differs = false;
        for (int t = 0; t < 20; t++) {
            net.step(x, a, ya);
            net.step(x, b, yb);
            net.step(x, c, yc);
            assertArrayEquals(ya, yb);
            differs |= !Arrays.equals(ya, yc);
            assertEquals(0f, ya[0], "p = 0 never fires");
            assertEquals(1f, ya[1], "p = 1 always fires");
            for (float v : ya) {
                ones += (long) v;
            }
        }
        assertTrue(differs, "another seed gives other spikes");
        double rate = (ones - 20) / (20.0 * 998);
        assertEquals(0.3, rate, 0.02, "firing rate of p = 0.3");
    }

    @Test
    void stepAllEqualsSteppingEachStream() throws Exception {
        StreamingNetwork net = random(9);
        int n = 37;
        StreamState[] batch = new StreamState[n];
        StreamState[] single = new StreamState[n];
        for (int i = 0; i < n; i++) {
            batch[i] = net.newState();
            single[i] = net.newState();
        }
        Random r = new Random(10);
        float[][] in = new float[n][20];
        float[][] out = new float[n][4];
        float[] one = new float[4];
        for (int t = 0; t < 30; t++) {
            for (float[] x : in) {
                for (int j = 0; j < 20; j++) {
                    x[j] = r.nextDouble() < 0.3 ? 1f : 0f;
                }
            }
            net.stepAll(in, batch, out);
            for (int i = 0; i < n; i++) {
                net.step(in[i], single[i], one);
                assertArrayEquals(one, out[i], "stream " + i + " step " + t);
            }
        }
        in[3][0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> net.stepAll(in, batch, out));
    }

    @Test
    void aStepAllocatesNothingAfterWarmUp() throws Exception {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StreamingNetwork net = random(11);
        StreamState s = net.newState();
        float[][] inputs = new float[64][20];
        int[][] idx = new int[64][20];
        int[] counts = new int[64];
        Random r = new Random(12);
        for (int k = 0; k < 64; k++) {
            for (int j = 0; j < 20; j++) {
                if (r.nextDouble() < 0.3) {
                    inputs[k][j] = 1f;
                    idx[k][counts[k]++] = j;
                }
            }
        }
        float[] out = new float[4];
        float[] dec = new float[4];
        for (int t = 0; t < 200_000; t++) {
            net.step(inputs[t & 63], s, out);
            net.stepSpikes(idx[t & 63], counts[t & 63], s, out);
            net.decoded(s, dec);
        }
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int t = 0; t < 100_000; t++) {
            net.step(inputs[t & 63], s, out);
            net.stepSpikes(idx[t & 63], counts[t & 63], s, out);
            net.decoded(s, dec);
        }
        long after = bean.getThreadAllocatedBytes(id);
        // the two calls of getThreadAllocatedBytes themselves may allocate a few bytes
        assertTrue(after - before < 1024, (after - before) + " bytes allocated by 300,000 calls");
    }
}
