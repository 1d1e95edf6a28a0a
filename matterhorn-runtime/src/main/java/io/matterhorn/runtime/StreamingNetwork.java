package io.matterhorn.runtime;

import com.google.gson.JsonElement;
import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.SafeTensorsFile;
import io.matterhorn.format.StrictJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained spiking network compiled for streaming inference: one time step of one stream at a time, on plain
 * float arrays, with the state of each stream held apart ({@link StreamState}). Loaded from a model file written by
 * {@code io.matterhorn.io.Models.save} ({@link #load(Path, int...)}) or from a NIR graph ({@link #loadNir}).
 *
 * <pre>
 *   StreamingNetwork net = StreamingNetwork.load(Path.of("mlp.safetensors"));
 *   StreamState stream = net.newState();
 *   float[] out = new float[net.outputSize()];
 *   for (float[] frame : frames) {
 *       net.step(frame, stream, out);         // out: this step's output of the last layer
 *   }
 *   float[] scores = net.decoded(stream, new float[net.decodedSize()]);  // the decoder's value (and head)
 * </pre>
 *
 * <p><b>Per step.</b> Binary input (0/1, given densely or as the indices of its ones) runs event-driven: a linear
 * layer adds the weight rows of the active inputs only, a convolution scatters each active input into its output
 * taps; analog input runs the dense products. Evaluation-mode batch norms are folded into the synapse before them;
 * dropout is the identity. A step allocates nothing and calls no native code.
 *
 * <p><b>Encoders and decoders.</b> A model that starts with a {@code PoissonEncoder} draws its spikes per step from
 * the stream's own generator (seeded by {@link #newState(long)}); a {@code DirectEncoder} passes the input. A model
 * whose per-step layers end in an {@code AvgSpikeDecoder} or {@code SumSpikeDecoder} keeps the running value in the
 * state; {@link #decoded} returns it, through the stateless layers that follow the decoder (such as a linear head).
 *
 * <p>Immutable and thread-safe: any number of threads may step different streams of one network at once.
 */
public final class StreamingNetwork {
    private final Program program;
    private final Readout readout;
    private final int[] stateOffsets;
    private final int stateSize;
    private final long fingerprint;
    private final String description;

    StreamingNetwork(Program program, Readout readout, String description) {
        this.program = program;
        this.readout = readout;
        this.description = description;
        int n = program.size();
        stateOffsets = new int[n];
        long total = 0;
        long fp = 1125899906842597L;
        for (int k = 0; k < n; k++) {
            Op op = program.ops().get(k);
            stateOffsets[k] = (int) total;
            total += op.stateSize();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the network's state does not fit one array");
            }
            fp = 31 * fp + op.label.hashCode();
            fp = 31 * fp + op.inSize;
            fp = 31 * fp + op.outSize;
            fp = 31 * fp + op.stateSize();
        }
        stateSize = (int) total;
        fingerprint = fp;
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads a model file written by {@code Models.save}.
     *
     * @param modelFile the file
     * @param inputShape the per-sample input shape ({@code [2, 34, 34]}); may be omitted when the first synapse is
     *     a {@code Linear}, whose input size is then the input size
     * @return the compiled network
     * @throws ModelFormatException when the file is not a model file, is corrupt, or holds a module the runtime does
     *     not run (the message names the module and its position)
     * @throws IOException when the file cannot be read
     */
    public static StreamingNetwork load(Path modelFile, int... inputShape) throws IOException {
        if (modelFile == null) {
            throw new IllegalArgumentException("load: modelFile must not be null");
        }
        return fromModelFile(SafeTensorsFile.read(modelFile), modelFile, inputShape);
    }

    /**
     * Loads a model file held in memory (as {@code Models.save} writes it).
     *
     * @param modelBytes the file's bytes
     * @param inputShape the per-sample input shape, or nothing (see {@link #load(Path, int...)})
     * @return the compiled network
     * @throws ModelFormatException when the bytes are not a model file, are corrupt, or hold an unsupported module
     * @throws IllegalArgumentException when the bytes are null or the shape is not positive
     */
    public static StreamingNetwork load(byte[] modelBytes, int... inputShape) throws ModelFormatException {
        if (modelBytes == null) {
            throw new IllegalArgumentException("load: modelBytes must not be null");
        }
        return fromModelFile(SafeTensorsFile.read(modelBytes, "model bytes"), "model bytes", inputShape);
    }

    private static StreamingNetwork fromModelFile(SafeTensorsFile file, Object source, int[] inputShape)
            throws ModelFormatException {
        Map<String, String> meta = file.metadata();
        if (!"matterhorn-model".equals(meta.get("format"))) {
            throw new ModelFormatException(source, "not a Matterhorn model file (metadata 'format' is "
                    + meta.get("format") + "; a state dict alone does not say which network it belongs to)");
        }
        String arch = meta.get("architecture");
        if (arch == null) {
            throw new ModelFormatException(source, "has no 'architecture' in its metadata");
        }
        JsonElement root;
        try {
            root = StrictJson.parse(arch);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, "architecture is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelFormatException(source, "architecture must be a JSON object");
        }
        int[] shape = inputShape == null || inputShape.length == 0 ? null : inputShape.clone();
        if (shape != null) {
            for (int d : shape) {
                if (d < 1) {
                    throw new IllegalArgumentException("inputShape must be positive, got " + Arrays.toString(shape));
                }
            }
        }
        ModelCompiler.Compiled c = ModelCompiler.compile(source, root.getAsJsonObject(), file, shape);
        return new StreamingNetwork(c.program(), c.readout(), String.valueOf(source));
    }

    /**
     * Loads a NIR graph (HDF5, as the reference {@code nir} package writes it), discretised by forward Euler with
     * step {@code dt}. Graphs with a cycle (recurrence: the closing edge carries the previous step's value) and
     * {@code Delay} nodes run as well.
     *
     * @param nirFile the file
     * @param dt Euler step in seconds, positive
     * @return the compiled network
     * @throws ModelFormatException when the file is not a NIR graph or holds a node the runtime does not run
     * @throws IOException when the file cannot be read
     */
    public static StreamingNetwork loadNir(Path nirFile, double dt) throws IOException {
        if (nirFile == null) {
            throw new IllegalArgumentException("loadNir: nirFile must not be null");
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("loadNir: dt must be positive and finite, got " + dt);
        }
        return NirCompiler.compile(nirFile, dt);
    }

    // ------------------------------------------------------------------ shapes and states

    /** @return values per step of the input (the per-sample input shape flattened in C order) */
    public int inputSize() {
        return program.inputSize();
    }

    /** @return values per step of the output (the last per-step layer, before any decoder) */
    public int outputSize() {
        return Shape.size(program.outputShape());
    }

    /** @return the per-sample shape of the per-step output */
    public int[] outputShape() {
        return program.outputShape().clone();
    }

    /** @return values of {@link #decoded} (after the decoder and the layers that follow it) */
    public int decodedSize() {
        return Shape.size(readout.decodedShape());
    }

    /** @return a new stream at rest, its encoder (if any) seeded with 0 */
    public StreamState newState() {
        return new StreamState(this, 0L);
    }

    /**
     * @param seed seed of the stream's encoder generator (a Poisson encoder's draws)
     * @return a new stream at rest
     */
    public StreamState newState(long seed) {
        return new StreamState(this, seed);
    }

    /**
     * Reads a stream's state written by {@link StreamState#toBytes()}, from this process or another.
     *
     * @param bytes the bytes
     * @return a stream that continues exactly where the saved one stood
     * @throws ModelFormatException when the bytes are truncated, corrupt (checksum), or from another network
     */
    public StreamState restoreState(byte[] bytes) throws ModelFormatException {
        StreamState s = new StreamState(this, 0L);
        s.readBytes(bytes);
        return s;
    }

    // ------------------------------------------------------------------ stepping

    /**
     * One time step of one stream with dense input. Input that holds only 0 and 1 is indexed and runs event-driven.
     *
     * @param input the step's input [inputSize()], C order of the per-sample shape
     * @param state the stream
     * @param output receives the step's output [outputSize()], or null
     * @throws IllegalArgumentException for a wrong length, NaN input, or a state of another network
     */
    public void step(float[] input, StreamState state, float[] output) {
        check(state, output);
        Signal in = state.input;
        if (input == null || input.length != in.size()) {
            throw new IllegalArgumentException("step: input must hold " + in.size() + " values, got "
                    + (input == null ? "null" : input.length));
        }
        // one pass: copy, check for NaN, and index the ones while the input is still binary
        float[] v = in.values;
        int[] ones = in.active;
        int count = 0;
        boolean binary = true;
        for (int j = 0; j < input.length; j++) {
            float x = input[j];
            v[j] = x;
            if (x != 0f) {
                if (x == 1f) {
                    ones[count++] = j;
                } else {
                    binary = false;
                    if (x != x) {
                        in.binary = false;
                        state.inputOnes = 0;
                        throw new IllegalArgumentException("step: input contains NaN at " + j);
                    }
                }
            }
        }
        in.binary = binary;
        in.count = binary ? count : 0;
        state.inputOnes = in.count;
        run(state, output);
    }

    /**
     * One time step of one stream with binary input given as the indices of its ones: the cost is proportional to
     * the active inputs.
     *
     * @param active indices of the inputs that are 1, strictly ascending, each in [0, inputSize())
     * @param count number of valid entries of {@code active}
     * @param state the stream
     * @param output receives the step's output [outputSize()], or null
     * @throws IllegalArgumentException for indices out of range or not ascending, a bad count, or a state of another
     *     network
     */
    public void stepSpikes(int[] active, int count, StreamState state, float[] output) {
        check(state, output);
        Signal in = state.input;
        if (active == null || count < 0 || count > active.length) {
            throw new IllegalArgumentException("stepSpikes: count " + count + " does not fit the index array of "
                    + (active == null ? "null" : active.length));
        }
        int last = -1;
        for (int k = 0; k < count; k++) {
            int j = active[k];
            if (j <= last || j >= in.size()) {
                throw new IllegalArgumentException("stepSpikes: active[" + k + "] = " + j + " must be in ("
                        + last + ", " + in.size() + ") (indices strictly ascending, below inputSize())");
            }
            last = j;
        }
        float[] v = in.values;
        if (!in.binary) {
            java.util.Arrays.fill(v, 0f);
        } else {
            for (int k = 0; k < state.inputOnes; k++) {
                v[in.active[k]] = 0f;
            }
        }
        for (int k = 0; k < count; k++) {
            v[active[k]] = 1f;
            in.active[k] = active[k];
        }
        in.count = count;
        in.binary = true;
        state.inputOnes = count;
        run(state, output);
    }

    /**
     * One time step of many streams, spread over the runtime's worker threads (one per available processor).
     *
     * @param inputs per stream, its dense input [inputSize()]
     * @param states per stream, its state (all distinct)
     * @param outputs per stream, its output [outputSize()] (entries may be null), or null
     * @throws IllegalArgumentException for mismatched lengths or any stream's bad input (the other streams of the
     *     call have been stepped)
     */
    public void stepAll(float[][] inputs, StreamState[] states, float[][] outputs) {
        if (inputs == null || states == null || inputs.length != states.length
                || outputs != null && outputs.length != states.length) {
            throw new IllegalArgumentException("stepAll: inputs, states and outputs must have one entry per stream");
        }
        StreamWorkers.shared().run(this, inputs, states, outputs);
    }

    /**
     * The decoder's value for a stream (the sum or mean of the per-step outputs so far; the mean when the model has
     * no decoder), passed through the stateless layers after the decoder. Zeros before the first step.
     *
     * @param state the stream
     * @param out receives the value [decodedSize()]
     * @return {@code out}
     */
    public float[] decoded(StreamState state, float[] out) {
        check(state, null);
        if (out == null || out.length != decodedSize()) {
            throw new IllegalArgumentException("decoded: out must hold " + decodedSize() + " values");
        }
        Signal s = state.head[0];
        float[] v = s.values;
        float scale = readout.decoder() == Readout.Decoder.SUM || state.steps == 0 ? 1f : 1f / state.steps;
        for (int j = 0; j < v.length; j++) {
            v[j] = readout.decoder() == Readout.Decoder.SUM ? state.decoderSum[j] : state.decoderSum[j] * scale;
        }
        s.binary = false;
        List<Op> head = readout.head();
        for (int i = 0; i < head.size(); i++) {
            head.get(i).step(state.head[i], state.state, 0, state.head[i + 1], state.random);
        }
        System.arraycopy(state.head[head.size()].values, 0, out, 0, out.length);
        return out;
    }

    private void check(StreamState state, float[] output) {
        if (state == null || state.network != this) {
            throw new IllegalArgumentException("the state belongs to " + (state == null ? "no network"
                    : "another network") + "; create it with this network's newState()");
        }
        if (output != null && output.length != outputSize()) {
            throw new IllegalArgumentException("output must hold " + outputSize() + " values, got " + output.length);
        }
    }

    private void run(StreamState s, float[] output) {
        Program p = program;
        List<Op> ops = p.ops();
        int n = ops.size();
        for (int k = 0; k < n; k++) {
            ops.get(k).step(source(s, k), s.state, stateOffsets[k], s.outputs[k], s.random);
        }
        for (int k = 0; k < n; k++) {
            if (s.previous[k] != null) {
                s.previous[k].copyFrom(s.outputs[k]);
            }
        }
        float[] y = p.output() < 0 ? s.input.values : s.outputs[p.output()].values;
        float[] sum = s.decoderSum;
        for (int j = 0; j < sum.length; j++) {
            sum[j] += y[j];
        }
        s.steps++;
        if (output != null) {
            System.arraycopy(y, 0, output, 0, output.length);
        }
    }

    private Signal source(StreamState s, int k) {
        Signal sum = s.sums[k];
        int[] src = program.sources()[k];
        if (sum == null) {
            return src[0] < 0 ? s.input : s.outputs[src[0]];
        }
        boolean[] prev = program.previous()[k];
        float[] acc = sum.values;
        java.util.Arrays.fill(acc, 0f);
        for (int i = 0; i < src.length; i++) {
            Signal from = src[i] < 0 ? s.input : prev[i] ? s.previous[src[i]] : s.outputs[src[i]];
            float[] v = from.values;
            for (int j = 0; j < acc.length; j++) {
                acc[j] += v[j];
            }
        }
        sum.binary = false;
        return sum;
    }

    // ------------------------------------------------------------------ internals and description

    Program program() {
        return program;
    }

    Readout readout() {
        return readout;
    }

    int stateSize() {
        return stateSize;
    }

    int stateOffset(int k) {
        return stateOffsets[k];
    }

    long fingerprint() {
        return fingerprint;
    }

    /** @return one line per compiled operation, in execution order */
    public List<String> layers() {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        for (Op op : program.ops()) {
            l.add(op.label + " [" + op.inSize + " -> " + op.outSize + "]");
        }
        if (readout.decoder() != Readout.Decoder.NONE) {
            l.add("decoder " + readout.decoder());
        }
        for (Op op : readout.head()) {
            l.add(op.label + " [" + op.inSize + " -> " + op.outSize + "] (after the decoder)");
        }
        return l;
    }

    @Override
    public String toString() {
        return "StreamingNetwork(" + description + ": " + inputSize() + " -> " + outputSize() + ", "
                + program.size() + " operations)";
    }
}
