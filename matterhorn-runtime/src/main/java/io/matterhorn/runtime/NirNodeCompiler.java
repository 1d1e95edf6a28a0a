package io.matterhorn.runtime;

import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.nir.NirArray;
import io.matterhorn.format.nir.NirNode;
import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles one NIR node into the {@link Op} that steps it, for {@link NirCompiler} (which orders the nodes and
 * wires their inputs): reads and checks the node's parameters (present, finite float32, integers where NIR wants
 * them, NumPy-broadcast to the input shape) and computes the output shape. See {@link NirCompiler} for the node
 * types and their meaning. One use per compilation; not thread-safe.
 */
final class NirNodeCompiler {
    private final Path file;
    private final String source;
    private final double dt;

    /**
     * @param file the NIR file, for messages of missing parameters
     * @param source the file's name for messages
     * @param dt Euler step in seconds
     */
    NirNodeCompiler(Path file, String source, double dt) {
        this.file = file;
        this.source = source;
        this.dt = dt;
    }

    private ModelFormatException refuse(String problem) {
        return new ModelFormatException(source, problem);
    }

    /** @return the Euler kind of a NIR neuron type (LI, LIF, IF, I, CubaLI, CubaLIF), or null for other types */
    static EulerKind kind(String type) {
        return switch (type) {
            case "LI" -> EulerKind.LI;
            case "LIF" -> EulerKind.LIF;
            case "IF" -> EulerKind.IF;
            case "I" -> EulerKind.I;
            case "CubaLI" -> EulerKind.CUBA_LI;
            case "CubaLIF" -> EulerKind.CUBA_LIF;
            default -> null;
        };
    }

    /** @return the label of a node's operation: its name, type and output shape */
    static String label(NirNode n, int[] outShape) {
        return "'" + n.name() + "': " + n.type() + Arrays.toString(outShape);
    }

    /** A node's operation and its output shape. */
    record Built(Op op, int[] shape) {
    }

    /**
     * @param n a computing node (not Input, Output or Flatten)
     * @param in the per-sample shape of its input
     * @return its operation and output shape
     * @throws ModelFormatException for a type the runtime does not run or a parameter that is missing or does not
     *     fit
     */
    Built build(NirNode n, int[] in) throws ModelFormatException {
        int size = Shape.size(in);
        EulerKind kind = kind(n.type());
        if (kind != null) {
            return new Built(new EulerOp(label(n, in), new EulerNeuron(kind, dt, neuronParams(n, kind, in))),
                    in);
        }
        switch (n.type()) {
            case "Affine", "Linear" -> {
                return linear(n, in);
            }
            case "Scale" -> {
                float[] scale = broadcast(n, "scale", n.require("scale", file), in);
                return new Built(new ChannelAffineOp(label(n, in), size, scale, new float[size]), in);
            }
            case "Conv1d", "Conv2d" -> {
                return conv(n, in);
            }
            case "SumPool2d", "AvgPool2d" -> {
                if (in.length != 3) {
                    throw refuse(n.describe() + ": input must be [C, H, W], got " + Arrays.toString(in));
                }
                int[] k = ints(n, "kernel_size", 2, -1);
                int[] s = ints(n, "stride", 2, -1);
                int[] p = ints(n, "padding", 2, 0);
                positive(n, "kernel_size", k);
                positive(n, "stride", s);
                nonNegative(n, "padding", p);
                PoolOp op = new PoolOp(label(n, in), n.type().equals("SumPool2d") ? PoolOp.Mode.SUM
                        : PoolOp.Mode.AVG, false, new int[] {in[0], in[1], in[2], k[0], k[1], s[0], s[1], p[0], p[1]});
                return new Built(op, op.outputShape());
            }
            case "Threshold" -> {
                float[] theta = broadcast(n, "threshold", n.require("threshold", file), in);
                return new Built(new ThresholdOp(label(n, in), theta), in);
            }
            case "Delay" -> {
                float[] delay = broadcast(n, "delay", n.require("delay", file), in);
                int[] steps = new int[size];
                for (int j = 0; j < size; j++) {
                    double d = Math.rint(delay[j] / dt);
                    if (!(delay[j] >= 0) || !(d < (1 << 24) - 1)) {
                        throw refuse(n.describe() + ": delay " + delay[j] + " s must be non-negative and below "
                                + "2^24 - 1 steps of " + dt + " s");
                    }
                    steps[j] = (int) d;
                }
                return new Built(new DelayOp(label(n, in), steps), in);
            }
            case "Conv3d", "Project", "NIRGraph", "SumPool1d", "AvgPool1d" -> throw refuse(n.describe()
                    + ", which the streaming runtime does not run (it runs " + NirCompiler.SUPPORTED + ")");
            default -> throw refuse(n.describe() + ": unknown node type '" + n.type() + "' (the streaming runtime "
                    + "runs " + NirCompiler.SUPPORTED + ")");
        }
    }

    private Built linear(NirNode n, int[] in) throws ModelFormatException {
        NirArray w = n.require("weight", file);
        long[] ws = w.shape();
        if (ws.length != 2) {
            throw refuse(n.describe() + ": weight must be [out, in], got " + Arrays.toString(ws));
        }
        int outF = (int) ws[0];
        int inF = (int) ws[1];
        int size = Shape.size(in);
        if (in[in.length - 1] != inF || size != inF) {
            throw refuse(n.describe() + ": weight " + Arrays.toString(ws) + " does not fit the input shape "
                    + Arrays.toString(in) + " (the input must be [" + inF + "], or have only that many values)");
        }
        float[] bias = null;
        if (n.type().equals("Affine")) {
            bias = broadcast(n, "bias", n.require("bias", file), new int[] {outF});
        }
        finite(n, "weight", w);
        int[] out = in.clone();
        out[out.length - 1] = outF;
        return new Built(new LinearOp(label(n, out), w.floats(), inF, outF, bias), out);
    }

    private Built conv(NirNode n, int[] in) throws ModelFormatException {
        boolean two = n.type().equals("Conv2d");
        int dims = two ? 2 : 1;
        NirArray w = n.require("weight", file);
        long[] ws = w.shape();
        if (ws.length != dims + 2) {
            throw refuse(n.describe() + ": weight must have " + (dims + 2) + " dimensions [C_out, C_in, k...], got "
                    + Arrays.toString(ws));
        }
        if (n.params().containsKey("groups") && scalar(n, "groups") != 1) {
            throw refuse(n.describe() + ": groups = " + (long) scalar(n, "groups") + "; the streaming runtime runs "
                    + "groups = 1 only");
        }
        if (in.length != dims + 1 || in[0] != ws[1]) {
            throw refuse(n.describe() + ": weight " + Arrays.toString(ws) + " does not fit the input shape "
                    + Arrays.toString(in) + " (expected [" + ws[1] + (two ? ", H, W]" : ", L]"));
        }
        finite(n, "weight", w);
        int cOut = (int) ws[0];
        int[] k = new int[dims];
        for (int i = 0; i < dims; i++) {
            k[i] = (int) ws[2 + i];
        }
        int[] stride = ints(n, "stride", dims, 1);
        int[] dilation = ints(n, "dilation", dims, 1);
        positive(n, "stride", stride);
        positive(n, "dilation", dilation);
        int[] padding;
        String mode = n.strings().get("padding");
        if (mode != null && !n.params().containsKey("padding")) {
            padding = new int[dims];
            if (mode.equals("same")) {
                for (int i = 0; i < dims; i++) {
                    int total = dilation[i] * (k[i] - 1);
                    if (stride[i] != 1 || total % 2 != 0) {
                        throw refuse(n.describe() + ": padding 'same' with stride " + stride[i] + " and a kernel of "
                                + "reach " + (total + 1) + " pads unevenly; the streaming runtime pads evenly only");
                    }
                    padding[i] = total / 2;
                }
            } else if (!mode.equals("valid")) {
                throw refuse(n.describe() + ": padding '" + mode + "' is neither a number, 'valid' nor 'same'");
            }
        } else {
            padding = ints(n, "padding", dims, 0);
            nonNegative(n, "padding", padding);
        }
        float[] bias = null;
        NirArray b = n.params().get("bias");
        if (b != null) {
            bias = broadcast(n, "bias", b, new int[] {cOut});
        }
        int cIn = in[0];
        int[] geometry = two
                ? new int[] {cIn, in[1], in[2], cOut, k[0], k[1], stride[0], stride[1], padding[0], padding[1],
                    dilation[0], dilation[1]}
                : new int[] {cIn, 1, in[1], cOut, 1, k[0], 1, stride[0], 0, padding[0], 1, dilation[0]};
        ConvOp op = new ConvOp(label(n, in), geometry, w.floats(), bias);
        int[] o = op.outputShape();
        int[] out = two ? o : new int[] {o[0], o[2]};
        return new Built(op, out);
    }

    /** @return the output shape of a Flatten node for the per-sample input shape {@code in} */
    int[] flatten(NirNode n, int[] in) throws ModelFormatException {
        int r = in.length;
        int start = (int) scalar(n, "start_dim");
        int end = (int) scalar(n, "end_dim");
        int s = start < 0 ? start + r : start;
        int e = end < 0 ? end + r : end;
        if (s < 0 || e >= r || s > e) {
            throw refuse(n.describe() + ": start_dim " + start + " and end_dim " + end + " do not fit the input "
                    + "shape " + Arrays.toString(in) + " (dimensions of one sample, no batch)");
        }
        int[] out = new int[r - (e - s)];
        int j = 0;
        for (int i = 0; i < s; i++) {
            out[j++] = in[i];
        }
        int prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= in[i];
        }
        out[j++] = prod;
        for (int i = e + 1; i < r; i++) {
            out[j++] = in[i];
        }
        return out;
    }

    /** The neuron's parameters in {@link EulerKind#paramNames()} order, each broadcast to the input shape. */
    private float[][] neuronParams(NirNode n, EulerKind kind, int[] in) throws ModelFormatException {
        List<String> names = kind.paramNames();
        float[][] p = new float[names.size()][];
        for (int i = 0; i < p.length; i++) {
            String name = names.get(i);
            NirArray a = n.params().get(name);
            if (a == null && (name.equals("w_in") || name.equals("v_reset"))) {
                // optional in NIR: w_in = 1, v_reset = 0 (as io.matterhorn.nir.Nir reads them)
                a = new NirArray(new long[0], new double[] {name.equals("w_in") ? 1 : 0});
            }
            if (a == null) {
                a = n.require(name, file);
            }
            p[i] = broadcast(n, name, a, in);
            if (name.startsWith("tau")) {
                for (float v : p[i]) {
                    if (!(v > 0)) {
                        throw refuse(n.describe() + ": parameter '" + name + "' must be positive, got " + v);
                    }
                }
            }
        }
        return p;
    }

    /**
     * A parameter spread over the target shape by NumPy's broadcasting (trailing dimensions aligned, a dimension of
     * 1 repeated), checked finite.
     */
    private float[] broadcast(NirNode n, String name, NirArray a, int[] target) throws ModelFormatException {
        finite(n, name, a);
        long[] s = a.shape();
        int r = target.length;
        boolean fits = s.length <= r;
        for (int i = 0; fits && i < s.length; i++) {
            long d = s[s.length - 1 - i];
            fits = d == 1 || d == target[r - 1 - i];
        }
        if (!fits) {
            throw refuse(n.describe() + ": parameter '" + name + "' has shape " + Arrays.toString(s)
                    + ", which does not broadcast to the input shape " + Arrays.toString(target));
        }
        int size = Shape.size(target);
        float[] v = a.floats();
        if (v.length == size) {
            return v;
        }
        float[] out = new float[size];
        int[] idx = new int[r];
        for (int j = 0; j < size; j++) {
            int src = 0;
            for (int i = 0; i < s.length; i++) {
                int t = r - s.length + i;
                src = src * (int) s[i] + (s[i] == 1 ? 0 : idx[t]);
            }
            out[j] = v[src];
            for (int t = r - 1; t >= 0; t--) {
                if (++idx[t] < target[t]) {
                    break;
                }
                idx[t] = 0;
            }
        }
        return out;
    }

    private void finite(NirNode n, String name, NirArray a) throws ModelFormatException {
        for (int i = 0; i < a.size(); i++) {
            double v = a.value(i);
            if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                throw refuse(n.describe() + ": parameter '" + name + "' holds a value " + v
                        + " that is not a finite float32");
            }
        }
    }

    private double scalar(NirNode n, String param) throws ModelFormatException {
        NirArray a = n.require(param, file);
        if (a.size() != 1) {
            throw refuse(n.describe() + ": parameter '" + param + "' must be one number, got shape "
                    + Arrays.toString(a.shape()));
        }
        return a.value(0);
    }

    /** @return {@code dims} integers: the parameter's, one number repeated, or {@code dflt} when absent (dflt >= 0) */
    private int[] ints(NirNode n, String param, int dims, int dflt) throws ModelFormatException {
        NirArray a = dflt < 0 ? n.require(param, file) : n.params().get(param);
        if (a == null) {
            int[] r = new int[dims];
            Arrays.fill(r, dflt);
            return r;
        }
        if (a.size() != 1 && a.size() != dims) {
            throw refuse(n.describe() + ": parameter '" + param + "' must have " + dims + " values, got shape "
                    + Arrays.toString(a.shape()));
        }
        int[] r = new int[dims];
        for (int i = 0; i < dims; i++) {
            double v = a.value(a.size() == 1 ? 0 : i);
            if (v != Math.rint(v) || Math.abs(v) > 1 << 20) {
                throw refuse(n.describe() + ": parameter '" + param + "' must hold integers, got " + v);
            }
            r[i] = (int) v;
        }
        return r;
    }

    private void positive(NirNode n, String param, int[] v) throws ModelFormatException {
        for (int x : v) {
            if (x < 1) {
                throw refuse(n.describe() + ": parameter '" + param + "' must be positive, got "
                        + Arrays.toString(v));
            }
        }
    }

    private void nonNegative(NirNode n, String param, int[] v) throws ModelFormatException {
        for (int x : v) {
            if (x < 0) {
                throw refuse(n.describe() + ": parameter '" + param + "' must not be negative, got "
                        + Arrays.toString(v));
            }
        }
    }
}
