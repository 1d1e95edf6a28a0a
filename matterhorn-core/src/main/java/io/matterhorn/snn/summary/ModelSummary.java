package io.matterhorn.snn.summary;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of a model: one row per module (depth-first, in registration order) with its output shape from a dry
 * run, its own parameter and buffer element counts, whether its parameters are trained, and their memory; and
 * the totals.
 *
 * <pre>{@code
 * System.out.println(ModelSummary.of(model, Tensor.of(Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28))));
 * }</pre>
 *
 * <p><b>Dry run.</b> {@link #of(Module, Tensor)} runs the model once on the example input with gradient recording
 * off and every module in evaluation mode (so BatchNorm's running statistics do not move), calls
 * {@link Module#reset()} before and after, and restores each module's training flag. Output shapes are measured
 * for the model and for every module of a {@link Sequential} chain, at any depth of nesting; modules inside
 * other composite modules (a residual block, {@code Temporal}, {@code Spatial}) show "-", since only their
 * parent's output is observable from outside. The dry run draws from seeded encoders like any other call.
 *
 * <p>Counts are of elements, as PyTorch's {@code numel}; memory is elements times the width of their data type.
 * Each row counts only the module's own parameters and buffers, so the rows add up to the totals.
 *
 * <p>Thread-safety: instances are immutable; {@link #of(Module, Tensor)} must not run concurrently with other
 * use of the same model.
 */
public final class ModelSummary {
    private final List<Row> rows;
    private final long[] inputShape;

    /**
     * One module of the table.
     *
     * @param path dotted path from the root ("" for the root itself)
     * @param type the module's one-line description, such as {@code Linear(784, 80, bias=false)}
     * @param outputShape output shape from the dry run, or null when not observed
     * @param parameters elements of the module's own parameters
     * @param trainableParameters of those, the elements that receive gradients
     * @param buffers elements of the module's own buffers (e.g. BatchNorm running statistics)
     * @param bytes memory of the module's own parameters and buffers
     */
    public record Row(String path, String type, long[] outputShape, long parameters, long trainableParameters,
            long buffers, long bytes) {
        /** @return "yes", "no", "partly", or "-" when the module has no parameters */
        public String trainable() {
            if (parameters == 0) {
                return "-";
            }
            return trainableParameters == parameters ? "yes" : trainableParameters == 0 ? "no" : "partly";
        }
    }

    private ModelSummary(List<Row> rows, long[] inputShape) {
        this.rows = List.copyOf(rows);
        this.inputShape = inputShape;
    }

    /**
     * Summarises a model without running it (no output shapes).
     *
     * @param model the model
     * @return the summary
     */
    public static ModelSummary of(Module model) {
        List<Row> rows = new ArrayList<>();
        collect(model, "", new IdentityHashMap<>(), rows);
        return new ModelSummary(rows, null);
    }

    /**
     * Summarises a model and measures output shapes by a dry run on {@code example} (see the class comment).
     *
     * @param model the model
     * @param example an input the model accepts, for example one batch {@code [B, ...]} or {@code [T, B, ...]}
     * @return the summary
     * @throws IllegalArgumentException if {@code example} is null
     * @throws RuntimeException whatever the model's forward throws for this input
     */
    public static ModelSummary of(Module model, Tensor example) {
        if (example == null) {
            throw new IllegalArgumentException("ModelSummary.of: example input must not be null");
        }
        Map<Module, long[]> shapes = new IdentityHashMap<>();
        List<Module> modules = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        listModules(model, modules);
        for (Module m : modules) {
            flags.add(m.isTraining());
        }
        model.eval();
        model.reset();
        try (var ignored = Grad.disabled()) {
            run(model, example, shapes);
        } finally {
            model.reset();
            for (int i = 0; i < modules.size(); i++) {
                modules.get(i).train(flags.get(i)); // pre-order: a parent's call is corrected by its children's
            }
        }
        List<Row> rows = new ArrayList<>();
        collect(model, "", shapes, rows);
        return new ModelSummary(rows, example.shape());
    }

    private static Tensor run(Module m, Tensor x, Map<Module, long[]> shapes) {
        Tensor y;
        if (m.getClass() == Sequential.class) {
            y = x;
            for (Module child : m.children()) {
                y = run(child, y, shapes);
            }
        } else {
            y = m.forward(x);
        }
        shapes.put(m, y.shape());
        return y;
    }

    private static void listModules(Module m, List<Module> out) {
        out.add(m);
        for (Module c : m.children()) {
            listModules(c, out);
        }
    }

    private static void collect(Module m, String path, Map<Module, long[]> shapes, List<Row> rows) {
        long params = 0;
        long trainable = 0;
        long buffers = 0;
        long bytes = 0;
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            if (e.getKey().indexOf('.') < 0) {
                Tensor p = e.getValue();
                params += p.length();
                trainable += p.requiresGrad() ? p.length() : 0;
                bytes += p.length() * p.dataType().width();
            }
        }
        for (Map.Entry<String, Tensor> e : m.namedBuffers().entrySet()) {
            if (e.getKey().indexOf('.') < 0) {
                Tensor b = e.getValue();
                buffers += b.length();
                bytes += b.length() * b.dataType().width();
            }
        }
        rows.add(new Row(path, m.toString().lines().findFirst().orElse(""), shapes.get(m), params, trainable,
                buffers, bytes));
        for (Map.Entry<String, Module> c : m.namedChildren().entrySet()) {
            collect(c.getValue(), path.isEmpty() ? c.getKey() : path + "." + c.getKey(), shapes, rows);
        }
    }

    /** @return the rows, root first, depth-first in registration order */
    public List<Row> rows() {
        return rows;
    }

    /** @return the example input's shape, or null without a dry run */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @return elements of all parameters */
    public long parameterCount() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** @return elements of all trainable parameters */
    public long trainableParameterCount() {
        return rows.stream().mapToLong(Row::trainableParameters).sum();
    }

    /** @return elements of all buffers */
    public long bufferCount() {
        return rows.stream().mapToLong(Row::buffers).sum();
    }

    /** @return memory of all parameters and buffers, in bytes */
    public long bytes() {
        return rows.stream().mapToLong(Row::bytes).sum();
    }

    /** @return the table, one line per row, then the totals */
    @Override
    public String toString() {
        int[] width = {6, 4, 12, 10, 9, 7, 6};
        String[] header = {"module", "type", "output shape", "parameters", "trainable", "buffers", "memory"};
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (Row r : rows) {
            int depth = r.path().isEmpty() ? 0 : r.path().split("\\.").length;
            String name = r.path().isEmpty() ? "(model)" : r.path();
            cells.add(new String[] {"  ".repeat(depth) + name, truncate(r.type(), 48),
                    r.outputShape() == null ? "-" : Arrays.toString(r.outputShape()), group(r.parameters()),
                    r.trainable(), group(r.buffers()), bytes(r.bytes())});
        }
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                boolean right = i >= 3 && i != 4;
                String cell = right ? " ".repeat(width[i] - c[i].length()) + c[i]
                        : c[i] + " ".repeat(width[i] - c[i].length());
                sb.append(cell).append(i + 1 < c.length ? "  " : "");
            }
            sb.append('\n');
        }
        sb.append("input ").append(inputShape == null ? "-" : Arrays.toString(inputShape)).append("; parameters ")
                .append(group(parameterCount())).append(" (trainable ").append(group(trainableParameterCount()))
                .append("); buffers ").append(group(bufferCount())).append("; memory ").append(bytes(bytes()));
        return sb.toString();
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        String[] units = {"KiB", "MiB", "GiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
