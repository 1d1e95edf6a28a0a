package io.matterhorn.nir;

import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.AdditiveGraph;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Spatial;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.layer.Delay;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.ArraySoma;
import io.matterhorn.snn.soma.CubaLI;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.Integrator;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.nir.module.Threshold;
import io.matterhorn.nir.module.AnalogFlatten;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.ConvBase;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.nir.module.LinearPool2d;
import io.matterhorn.nir.module.Scale;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Writes a module (a chain, or a graph of modules whose merges are sums) as a NIR graph (see {@link Nir#write}). */
final class NirWriter {
    /** The layout version written to {@code /version} (the reference package's layout these files follow). */
    static final String VERSION = "1.0.8";

    private NirWriter() {
    }

    /** One node to write: NIR name, type, and parameters (float32 arrays as INDArray, sizes as long[] or Long). */
    private record Out(String name, String type, Map<String, Object> params) {
    }

    /**
     * A value flowing through the export: the NIR nodes whose sum it is (NIR sums the edges into a node) and its
     * per-sample shape.
     */
    private record Value(List<String> sources, long[] shape) {
    }

    /** The nodes and edges written so far. */
    private static final class Emitted {
        final List<Out> nodes = new ArrayList<>();
        final List<String[]> edges = new ArrayList<>();
        final double dt;

        Emitted(double dt) {
            this.dt = dt;
        }
    }

    static void write(Module model, Path file, double dt, long[] inputShape) {
        if (inputShape.length == 0) {
            Module first = firstLeaf(model);
            if (!(first instanceof Linear l)) {
                throw new IllegalArgumentException("Nir.write: give the per-sample input shape (e.g. 2, 34, 34); it "
                        + "can be inferred only when the first module is a Linear");
            }
            inputShape = new long[] {l.inFeatures()};
        }
        Emitted em = new Emitted(dt);
        em.nodes.add(new Out("input", "Input", Map.of("shape", inputShape.clone())));
        Value y;
        try {
            y = emit(model, new Value(List.of("input"), inputShape.clone()), em);
        } finally {
            model.reset();
        }
        em.nodes.add(new Out("output", "Output", Map.of("shape", y.shape())));
        for (String s : y.sources()) {
            em.edges.add(new String[] {s, "output"});
        }
        List<Out> nodes = em.nodes;
        List<String[]> edgeList = em.edges;
        model.reset();
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try {
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                hdf.putDataset("version", VERSION);
                WritableGroup root = hdf.putGroup("node");
                root.putDataset("type", "NIRGraph");
                WritableGroup g = root.putGroup("nodes");
                for (int i = 0; i < nodes.size(); i++) {
                    Out n = nodes.get(i);
                    WritableGroup ng = g.putGroup(n.name());
                    ng.putDataset("type", n.type());
                    for (Map.Entry<String, Object> p : n.params().entrySet()) {
                        Object v = p.getValue();
                        ng.putDataset(p.getKey(), v instanceof INDArray a ? nested(a) : v);
                    }
                }
                root.putDataset("edges", edgeList.toArray(new String[0][]));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Nir.write: cannot write " + file, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the .part file is left behind only if it cannot be deleted either
            }
        }
    }

    private static void requireCounterpart(Module m) {
        if (!(m instanceof Linear || m instanceof Conv2d || m instanceof Conv1d || m instanceof Scale
                || m instanceof AnalogFlatten || m instanceof Flatten || m instanceof LinearPool2d
                || m instanceof ArraySoma || m instanceof Threshold || m instanceof LIF || m instanceof IF
                || m instanceof Recurrent || m instanceof Delay)) {
            throw refuse(m, "no NIR counterpart");
        }
    }

    /** @return the first module that is not a container (or the model itself) */
    private static Module firstLeaf(Module m) {
        if (m instanceof Sequential || m instanceof Spatial) {
            return firstLeaf(m.children().get(0));
        }
        if (m instanceof Temporal t) {
            return firstLeaf(t.module());
        }
        if (m instanceof AdditiveGraph g) {
            return firstLeaf(g.nodesInOrder().get(0).module());
        }
        return m;
    }

    /**
     * Writes the nodes of m fed by x: containers are unwrapped (Sequential and Spatial in order, Temporal's module,
     * AdditiveGraph node by node, its sums becoming several edges into one NIR node), every other module becomes
     * one NIR node.
     *
     * @return the value m produces
     */
    private static Value emit(Module m, Value x, Emitted em) {
        if (m instanceof Sequential || m instanceof Spatial) {
            Value v = x;
            for (Module c : m.children()) {
                v = emit(c, v, em);
            }
            return v;
        }
        if (m instanceof Temporal t) {
            return emit(t.module(), x, em);
        }
        if (m instanceof AdditiveGraph g) {
            Map<String, Value> values = new LinkedHashMap<>();
            values.put(AdditiveGraph.INPUT, x);
            for (AdditiveGraph.Node n : g.nodesInOrder()) {
                values.put(n.name(), emit(n.module(), sum(m, values, n.inputs()), em));
            }
            return sum(m, values, g.outputs());
        }
        requireCounterpart(m);
        int index = em.nodes.size() - 1;
        long[] outShape = probe(m, x.shape());
        Module leaf = m instanceof Recurrent r ? r.neuron() : m;
        if (m instanceof Recurrent) {
            requireCounterpart(leaf);
            if (!(leaf instanceof ArraySoma || leaf instanceof LIF || leaf instanceof IF)) {
                throw refuse(leaf, "no NIR counterpart for a neuron of a recurrent layer");
            }
        }
        Out node = node(leaf, index, x.shape(), outShape, em.dt);
        em.nodes.add(node);
        for (String s : x.sources()) {
            em.edges.add(new String[] {s, node.name()});
        }
        if (m instanceof Recurrent r) {
            // the loop: neuron -> Linear(V) -> neuron; the closing edge carries the previous step's output
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("weight", r.weight().value());
            if (r.bias() != null) {
                p.put("bias", r.bias().value());
            }
            Out loop = new Out("n" + index + "_recurrent", r.bias() != null ? "Affine" : "Linear", p);
            em.nodes.add(loop);
            em.edges.add(new String[] {node.name(), loop.name()});
            em.edges.add(new String[] {loop.name(), node.name()});
        }
        return new Value(List.of(node.name()), outShape);
    }

    private static Value sum(Module graph, Map<String, Value> values, List<String> names) {
        List<String> sources = new ArrayList<>();
        long[] shape = null;
        for (String name : names) {
            Value v = values.get(name);
            if (shape != null && !Arrays.equals(shape, v.shape())) {
                throw refuse(graph, "the inputs " + names + " of a sum differ in shape");
            }
            shape = v.shape();
            for (String s : v.sources()) {
                if (sources.contains(s)) {
                    throw refuse(graph, "NIR node '" + s + "' would feed one sum twice (NIR edges are not counted)");
                }
                sources.add(s);
            }
        }
        return new Value(sources, shape);
    }

    /** @return the per-sample output shape of m for one step of the per-sample input shape */
    private static long[] probe(Module m, long[] in) {
        boolean multi = m.isMultiStep();
        long[] x = new long[in.length + (multi ? 2 : 1)];
        Arrays.fill(x, 0, multi ? 2 : 1, 1);
        System.arraycopy(in, 0, x, multi ? 2 : 1, in.length);
        long[] y;
        try {
            y = m.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, x))).shape();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Nir.write: module " + m + " does not accept per-sample shape "
                    + Arrays.toString(in) + " (" + e.getMessage() + ")", e);
        } finally {
            m.reset();
        }
        return Arrays.copyOfRange(y, multi ? 2 : 1, y.length);
    }

    private static Out node(Module m, int index, long[] in, long[] out, double dt) {
        String id = "n" + index + "_";
        Map<String, Object> p = new LinkedHashMap<>();
        if (m instanceof Linear l) {
            p.put("weight", l.weight().value());
            if (l.bias() != null) {
                p.put("bias", l.bias().value());
                return new Out(id + "affine", "Affine", p);
            }
            return new Out(id + "linear", "Linear", p);
        }
        if ((m instanceof Conv2d || m instanceof Conv1d) && m instanceof ConvBase c) {
            if (c.spec().paddingMode() != null) {
                throw refuse(m, "padding mode '" + c.spec().paddingMode() + "' (NIR needs integer padding)");
            }
            p.put("weight", c.weight().value());
            p.put("bias", c.bias() != null ? c.bias().value() : Nd4j.zeros(DataType.FLOAT, c.outChannels()));
            p.put("stride", longs(c.spec().stride()));
            p.put("padding", longs(c.spec().padding()));
            p.put("dilation", longs(c.spec().dilation()));
            p.put("groups", (long) c.spec().groups());
            p.put("input_shape", Arrays.copyOfRange(in, 1, in.length));
            boolean two = m instanceof Conv2d;
            return new Out(id + (two ? "conv2d" : "conv1d"), two ? "Conv2d" : "Conv1d", p);
        }
        if (m instanceof Scale s) {
            p.put("scale", s.scale().value());
            return new Out(id + "scale", "Scale", p);
        }
        if (m instanceof AnalogFlatten f) {
            return flattenNode(id, f.startDim(), f.endDim(), in);
        }
        if (m instanceof Flatten f) {
            // the 0.5 binarisation of the spike layer is dropped (identity on spikes); dims shift by the batch
            int s = f.startDim() < 0 ? f.startDim() : f.startDim() - 1;
            int e = f.endDim() < 0 ? f.endDim() : f.endDim() - 1;
            if (s < 0 && f.startDim() >= 0) {
                throw refuse(m, "flattening into the batch dimension");
            }
            return flattenNode(id, s, e, in);
        }
        if (m instanceof LinearPool2d pool) {
            p.put("kernel_size", longs(pool.kernel()));
            p.put("stride", longs(pool.stride()));
            p.put("padding", longs(pool.padding()));
            return pool.isSum() ? new Out(id + "sumpool2d", "SumPool2d", p)
                    : new Out(id + "avgpool2d", "AvgPool2d", p);
        }
        if (m instanceof ArraySoma a) {
            if (Math.abs(a.dt() - dt) > 1e-12 * dt) {
                throw refuse(m, "its dt " + a.dt() + " differs from the export dt " + dt);
            }
            for (Map.Entry<String, Tensor> e : a.namedParameters().entrySet()) {
                p.put(e.getKey(), e.getValue().value());
            }
            if (a instanceof LI) {
                return new Out(id + "li", "LI", p);
            }
            if (a instanceof CubaLIF) {
                return new Out(id + "cubalif", "CubaLIF", p);
            }
            if (a instanceof CubaLI) {
                return new Out(id + "cubali", "CubaLI", p);
            }
            if (a instanceof Integrator) {
                return new Out(id + "i", "I", p);
            }
            if (a instanceof ArrayLIF lif) {
                return lif.leaky() ? new Out(id + "lif", "LIF", p) : new Out(id + "if", "IF", p);
            }
        }
        if (m instanceof Delay d) {
            int[] steps = d.elementDelays();
            float[] seconds = new float[steps.length];
            for (int j = 0; j < steps.length; j++) {
                seconds[j] = (float) (steps[j] * dt);
            }
            p.put("delay", Nd4j.create(seconds, d.featureShape(), 'c'));
            return new Out(id + "delay", "Delay", p);
        }
        if (m instanceof Threshold th) {
            p.put("threshold", th.threshold().value());
            return new Out(id + "threshold", "Threshold", p);
        }
        if (m instanceof LIF lif) {
            requireHard(m, lif.hardReset());
            double[] values = EulerNeuron.lifFromTauM(lif.tauM().item(), lif.uThreshold(), lif.uRest(), dt);
            for (int k = 0; k < values.length; k++) {
                p.put(EulerKind.LIF.paramNames().get(k), filled(out, values[k]));
            }
            return new Out(id + "lif", "LIF", p);
        }
        if (m instanceof IF f) {
            requireHard(m, f.hardReset());
            if (f.uRest() != 0) {
                throw refuse(m, "u_rest = " + f.uRest() + " (NIR's IF starts at v_reset; only u_rest = 0 maps)");
            }
            p.put("r", filled(out, 1));
            p.put("v_threshold", filled(out, f.uThreshold()));
            p.put("v_reset", filled(out, f.uRest()));
            return new Out(id + "if", "IF", p);
        }
        throw refuse(m, "no NIR counterpart");
    }

    private static Out flattenNode(String id, int start, int end, long[] in) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("start_dim", (long) start);
        p.put("end_dim", (long) end);
        p.put("input_type", in.clone());
        return new Out(id + "flatten", "Flatten", p);
    }

    private static void requireHard(Module m, boolean hard) {
        if (!hard) {
            throw refuse(m, "soft reset (NIR's LIF and IF reset to v_reset)");
        }
    }

    private static IllegalArgumentException refuse(Module m, String why) {
        return new IllegalArgumentException("Nir.write: module " + m.getClass().getSimpleName() + " (" + m
                + ") cannot be exported: " + why);
    }

    private static INDArray filled(long[] shape, double v) {
        return Nd4j.valueArrayOf(shape, (float) v);
    }

    private static long[] longs(int[] v) {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i];
        }
        return r;
    }

    /** @return the float32 array as nested Java arrays of its rank (what jhdf writes as an n-d dataset) */
    private static Object nested(INDArray a) {
        float[] flat = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long[] shape = a.shape();
        if (shape.length == 0) {
            return new float[] {flat[0]};
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        Object out = Array.newInstance(float.class, dims);
        fill(out, flat, new int[] {0}, 0, dims);
        return out;
    }

    private static void fill(Object arr, float[] flat, int[] pos, int depth, int[] dims) {
        if (depth == dims.length - 1) {
            float[] row = (float[]) arr;
            System.arraycopy(flat, pos[0], row, 0, row.length);
            pos[0] += row.length;
            return;
        }
        for (int i = 0; i < dims[depth]; i++) {
            fill(Array.get(arr, i), flat, pos, depth + 1, dims);
        }
    }
}
