package io.matterhorn.runtime;

import io.matterhorn.format.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The state of one stream of a {@link StreamingNetwork}: every layer's neuron state, the values a recurrent edge
 * carries to the next step, the decoder's running sum, the step count and the encoder's generator, plus the
 * working buffers of a step (so that stepping allocates nothing). Created at rest by
 * {@link StreamingNetwork#newState()}; {@link #reset()} returns it to rest; {@link #copy()} forks a stream;
 * {@link #toBytes()} and {@link StreamingNetwork#restoreState(byte[])} move it between processes.
 *
 * <p>Not thread-safe: one thread steps a stream at a time (different streams may be stepped concurrently).
 */
public final class StreamState {
    private static final int MAGIC = 0x4D485354; // "MHST"
    private static final int VERSION = 1;

    final StreamingNetwork network;
    final float[] state;
    final Signal input;
    final Signal[] outputs;
    final Signal[] sums;
    final Signal[] previous;
    final float[] decoderSum;
    final Signal[] head;
    final StreamRandom random;
    final long seed;
    long steps;
    /** Inputs of the previous {@link StreamingNetwork#stepSpikes} call still set in {@link #input}. */
    int inputOnes;

    StreamState(StreamingNetwork network, long seed) {
        this.network = network;
        this.seed = seed;
        Program p = network.program();
        this.state = new float[network.stateSize()];
        this.input = new Signal(p.inputSize());
        int n = p.size();
        this.outputs = new Signal[n];
        this.sums = new Signal[n];
        this.previous = new Signal[n];
        boolean[] readPrevious = new boolean[n];
        for (int k = 0; k < n; k++) {
            Op op = p.ops().get(k);
            outputs[k] = new Signal(op.outSize);
            int[] src = p.sources()[k];
            boolean needsSum = src.length > 1;
            for (int i = 0; i < src.length; i++) {
                if (p.previous()[k][i]) {
                    readPrevious[src[i]] = true;
                    needsSum = true;
                }
            }
            if (needsSum) {
                sums[k] = new Signal(op.inSize);
            }
        }
        for (int k = 0; k < n; k++) {
            if (readPrevious[k]) {
                previous[k] = new Signal(outputs[k].size());
            }
        }
        this.decoderSum = new float[network.outputSize()];
        Readout r = network.readout();
        this.head = new Signal[r.head().size() + 1];
        head[0] = new Signal(network.outputSize());
        for (int i = 0; i < r.head().size(); i++) {
            head[i + 1] = new Signal(r.head().get(i).outSize);
        }
        this.random = new StreamRandom(seed);
        reset();
    }

    /** @return the network this state belongs to */
    public StreamingNetwork network() {
        return network;
    }

    /** @return the number of steps taken since creation or the last {@link #reset()} */
    public long steps() {
        return steps;
    }

    /** Returns the stream to rest: neuron states at rest, recurrent values and decoder sums zero, step count 0, the
     * encoder's generator at its seed. */
    public void reset() {
        Program p = network.program();
        for (int k = 0; k < p.size(); k++) {
            p.ops().get(k).rest(state, network.stateOffset(k));
            if (previous[k] != null) {
                Arrays.fill(previous[k].values, 0f);
                previous[k].binary = false;
            }
        }
        Arrays.fill(decoderSum, 0f);
        Arrays.fill(input.values, 0f);
        inputOnes = 0;
        steps = 0;
        random.setState(seed);
    }

    /** @return an independent stream with the same state (it continues identically) */
    public StreamState copy() {
        StreamState c = new StreamState(network, seed);
        c.copyFrom(this);
        return c;
    }

    private void copyFrom(StreamState o) {
        System.arraycopy(o.state, 0, state, 0, state.length);
        for (int k = 0; k < previous.length; k++) {
            if (previous[k] != null) {
                previous[k].copyFrom(o.previous[k]);
            }
        }
        System.arraycopy(o.decoderSum, 0, decoderSum, 0, decoderSum.length);
        steps = o.steps;
        random.setState(o.random.state());
    }

    /**
     * The state as bytes: a header (magic, version, the network's fingerprint), the step count, the generator, every
     * float of state, the recurrent values and the decoder sums, and a CRC-32 of all of it.
     *
     * @return the bytes, read back by {@link StreamingNetwork#restoreState(byte[])} of the same network
     */
    public byte[] toBytes() {
        int floats = state.length + decoderSum.length;
        for (Signal s : previous) {
            floats += s == null ? 0 : s.size();
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + 4 + 4 * floats + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(network.fingerprint()).putLong(steps).putLong(random.state());
        b.putInt(floats);
        put(b, state);
        for (Signal s : previous) {
            if (s != null) {
                put(b, s.values);
            }
        }
        put(b, decoderSum);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        return b.array();
    }

    private static void put(ByteBuffer b, float[] v) {
        for (float x : v) {
            b.putFloat(x);
        }
    }

    /**
     * Reads bytes written by {@link #toBytes()} into this (fresh) state.
     *
     * @throws ModelFormatException for bytes that are truncated, corrupt, or from another network
     */
    void readBytes(byte[] bytes) throws ModelFormatException {
        String src = "stream state bytes";
        if (bytes == null || bytes.length < 44) {
            throw new ModelFormatException(src, "truncated: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (b.getLong(bytes.length - 8) != crc.getValue()) {
            throw new ModelFormatException(src, "checksum mismatch: the bytes are corrupt or truncated");
        }
        if (b.getInt() != MAGIC) {
            throw new ModelFormatException(src, "not a Matterhorn stream state (bad magic)");
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new ModelFormatException(src, "version " + version + ", this runtime reads " + VERSION);
        }
        if (b.getLong() != network.fingerprint()) {
            throw new ModelFormatException(src, "written by a different network (fingerprint mismatch)");
        }
        long savedSteps = b.getLong();
        long rng = b.getLong();
        int floats = b.getInt();
        int expected = state.length + decoderSum.length;
        for (Signal s : previous) {
            expected += s == null ? 0 : s.size();
        }
        if (floats != expected || bytes.length != 36 + 4 * (long) floats + 8 || savedSteps < 0) {
            throw new ModelFormatException(src, "holds " + floats + " state values, this network has " + expected);
        }
        get(b, state);
        for (Signal s : previous) {
            if (s != null) {
                get(b, s.values);
                s.binary = false;
            }
        }
        get(b, decoderSum);
        for (float v : state) {
            if (!Float.isFinite(v)) {
                throw new ModelFormatException(src, "holds a non-finite state value");
            }
        }
        steps = savedSteps;
        random.setState(rng);
    }

    private static void get(ByteBuffer b, float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
    }
}
