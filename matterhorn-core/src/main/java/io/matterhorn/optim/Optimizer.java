package io.matterhorn.optim;

import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of gradient-descent optimisers: parameter groups (each with its own learning rate and weight decay),
 * per-parameter state, {@link #zeroGrad()}, and {@link #step()}, which updates every parameter that currently
 * requires gradients and has one. Frozen parameters ({@code requiresGrad() == false}, see
 * {@link Tensor#setRequiresGrad(boolean)}) and parameters unused in the last backward pass are skipped, as in
 * PyTorch; a parameter frozen after construction keeps its state and resumes when unfrozen.
 *
 * <p>Not thread-safe: drive an optimiser from one thread.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();
    private final Map<Tensor, Boolean> known = new IdentityHashMap<>();

    /**
     * Creates the optimiser with one parameter group.
     *
     * @param params parameters to optimise: leaf tensors, not empty (frozen ones are kept and skipped while
     *     frozen)
     * @param learningRate learning rate of the first group, non-negative and finite
     * @param weightDecay weight decay of the first group, non-negative and finite
     */
    protected Optimizer(List<Tensor> params, double learningRate, double weightDecay) {
        addParamGroup(params, learningRate, weightDecay);
    }

    /**
     * Adds a parameter group with its own learning rate and weight decay (PyTorch's {@code add_param_group}).
     * Schedules created afterwards drive it too.
     *
     * @param params leaf tensors, not empty, none already in this optimiser
     * @param learningRate the group's learning rate, non-negative and finite
     * @param weightDecay the group's weight decay, non-negative and finite
     * @return the new group
     * @throws IllegalArgumentException for an empty list, a non-leaf tensor, a repeated parameter or a bad rate
     */
    public final ParamGroup addParamGroup(List<Tensor> params, double learningRate, double weightDecay) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("no parameters were given to " + getClass().getSimpleName());
        }
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor p : params) {
            if (p == null || !p.isLeaf()) {
                throw new IllegalArgumentException("optimiser parameters must be leaf tensors, got " + p);
            }
            if (known.containsKey(p) || seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("parameter " + p + " appears in more than one place of "
                        + getClass().getSimpleName());
            }
        }
        ParamGroup g = new ParamGroup(params, learningRate, weightDecay);
        groups.add(g);
        for (Tensor p : params) {
            known.put(p, Boolean.TRUE);
            slots.add(new Slot(p, g));
        }
        return g;
    }

    /**
     * Adds a group with the first group's learning rate and weight decay.
     *
     * @param params leaf tensors, not empty, none already in this optimiser
     * @return the new group
     */
    public final ParamGroup addParamGroup(List<Tensor> params) {
        return addParamGroup(params, groups.get(0).learningRate(), groups.get(0).weightDecay());
    }

    /** @return the parameter groups, in creation order */
    public final List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** @return every parameter of every group, in order (index i is {@code state.i} of {@link #stateDict()}) */
    public final List<Tensor> parameters() {
        List<Tensor> out = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            out.add(s.param);
        }
        return out;
    }

    /** @return the learning rate of the first group */
    public double learningRate() {
        return groups.get(0).learningRate();
    }

    /** @param lr the new learning rate of every group, non-negative and finite */
    public void setLearningRate(double lr) {
        requireRate(lr);
        for (ParamGroup g : groups) {
            g.setLearningRate(lr);
        }
    }

    static void requireRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be non-negative and finite, got " + lr);
        }
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        for (Slot s : slots) {
            s.param.zeroGrad();
        }
    }

    /** Applies one update to every parameter that requires gradients and has one. */
    public void step() {
        for (Slot s : slots) {
            Tensor p = s.param;
            INDArray g = p.grad();
            if (g == null || !p.requiresGrad()) {
                continue;
            }
            INDArray v = p.value();
            if (v.dataType() != DataType.FLOAT) {
                throw new IllegalStateException(getClass().getSimpleName() + " supports float32 parameters, got "
                        + v.dataType());
            }
            INDArray gc = Layout.contiguous(g);
            s.step++;
            update(s, s.group, Layout.floats(v), Layout.offset(v), Layout.floats(gc), Layout.offset(gc),
                    (int) v.length());
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param state the parameter's state ({@link Slot#step()} already counts this update)
     * @param group the parameter's group (learning rate and weight decay)
     * @param value parameter values from {@code vOff}
     * @param vOff offset of the first value
     * @param grad gradient values from {@code gOff}
     * @param gOff offset of the first gradient value
     * @param n number of elements
     */
    protected abstract void update(Slot state, ParamGroup group, FloatBuffer value, int vOff, FloatBuffer grad,
            int gOff, int n);

    /** Per-parameter state: named float buffers shaped like the parameter, and the number of updates. */
    protected static final class Slot {
        private final Tensor param;
        private final ParamGroup group;
        private final Map<String, float[]> buffers = new LinkedHashMap<>();
        private long step;

        Slot(Tensor param, ParamGroup group) {
            this.param = param;
            this.group = group;
        }

        /** @return updates applied to this parameter so far */
        public long step() {
            return step;
        }

        /**
         * @param name buffer name
         * @return the buffer, or null before it is first created
         */
        public float[] get(String name) {
            return buffers.get(name);
        }

        /**
         * @param name buffer name
         * @return the buffer, created filled with zeros on the first call
         */
        public float[] zeros(String name) {
            return buffers.computeIfAbsent(name, k -> new float[(int) param.length()]);
        }
    }

    // ------------------------------------------------------------------ state (checkpoints)

    /**
     * The names of the per-parameter buffers this optimiser keeps with its current settings (for example
     * {@code exp_avg}, {@code exp_avg_sq}). They are saved and restored all together, with the step count.
     *
     * @return buffer names
     */
    protected abstract List<String> bufferNames();

    /**
     * The optimiser's state for checkpoints, under PyTorch-like names: per group {@code k}
     * {@code param_groups.k.lr} and {@code param_groups.k.weight_decay} (0-d float64); the optimiser-wide
     * hyperparameters; per parameter {@code i} (index in {@link #parameters()}) that has been updated
     * {@code state.i.step} (0-d int64) and {@code state.i.NAME} for each buffer (float32, the parameter's shape).
     * Arrays are copies.
     *
     * @return a new ordered map
     */
    public final Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int k = 0; k < groups.size(); k++) {
            out.put("param_groups." + k + ".lr", Nd4j.scalar(groups.get(k).learningRate()));
            out.put("param_groups." + k + ".weight_decay", Nd4j.scalar(groups.get(k).weightDecay()));
        }
        saveHyperparameters(out);
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.step == 0) {
                continue;
            }
            out.put("state." + i + ".step", Nd4j.scalar(s.step));
            for (Map.Entry<String, float[]> b : s.buffers.entrySet()) {
                out.put("state." + i + "." + b.getKey(),
                        Nd4j.createFromArray(b.getValue().clone()).reshape('c', s.param.shape()));
            }
        }
        return out;
    }

    /**
     * Restores a state written by {@link #stateDict()} of an optimiser of the same class, hyperparameters, groups
     * and parameter shapes. All or nothing: every problem is collected and thrown in one exception, and then
     * nothing has changed.
     *
     * @param state the saved state
     * @throws IllegalArgumentException listing every missing, unexpected or mismatching entry
     */
    public final void loadStateDict(Map<String, INDArray> state) {
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        double[] rates = new double[groups.size()];
        for (int k = 0; k < groups.size(); k++) {
            String lrKey = "param_groups." + k + ".lr";
            keys.add(lrKey);
            INDArray lr = state.get(lrKey);
            if (lr == null || lr.length() != 1 || !lr.dataType().isFPType()) {
                problems.add("'" + lrKey + "' missing or not a one-element floating array");
            } else if (!(lr.getDouble(0) >= 0) || Double.isInfinite(lr.getDouble(0))) {
                problems.add("'" + lrKey + "' must be non-negative and finite, got " + lr.getDouble(0));
            } else {
                rates[k] = lr.getDouble(0);
            }
            checkHyper(state, "param_groups." + k + ".weight_decay", groups.get(k).weightDecay(), problems, keys);
        }
        checkHyperparameters(state, problems, keys);
        for (int i = 0; i < slots.size(); i++) {
            checkSlot(state, i, problems, keys);
        }
        for (String k : state.keySet()) {
            if (!keys.contains(k)) {
                problems.add("unexpected key '" + k + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": optimiser state does not fit ("
                    + problems.size() + " problem(s)):\n  - " + String.join("\n  - ", problems));
        }
        for (int k = 0; k < groups.size(); k++) {
            groups.get(k).setLearningRate(rates[k]);
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            s.buffers.clear();
            INDArray step = state.get("state." + i + ".step");
            s.step = step == null ? 0 : step.getLong(0);
            for (String name : bufferNames()) {
                INDArray b = state.get("state." + i + "." + name);
                if (b != null) {
                    s.buffers.put(name, b.dup('c').data().asFloat());
                }
            }
        }
    }

    private void checkSlot(Map<String, INDArray> in, int i, List<String> problems, Set<String> keys) {
        String stepKey = "state." + i + ".step";
        keys.add(stepKey);
        INDArray step = in.get(stepKey);
        if (step != null && (step.length() != 1 || step.dataType().isFPType() || step.getLong(0) < 1)) {
            problems.add("'" + stepKey + "' must be one positive integer, got " + step);
        }
        Tensor p = slots.get(i).param;
        for (String name : bufferNames()) {
            String key = "state." + i + "." + name;
            keys.add(key);
            INDArray v = in.get(key);
            if (v == null) {
                if (step != null) {
                    problems.add("'" + key + "' missing although '" + stepKey + "' is present");
                }
                continue;
            }
            if (step == null) {
                problems.add("'" + key + "' present without '" + stepKey + "'");
            }
            if (v.dataType() != DataType.FLOAT || v.length() != p.length()) {
                problems.add("'" + key + "' must be float32 with " + p.length() + " elements (parameter " + i + " "
                        + Arrays.toString(p.shape()) + "), got " + v.dataType() + " " + Arrays.toString(v.shape()));
            } else if (!Double.isFinite(v.sumNumber().doubleValue())) {
                problems.add("'" + key + "' holds NaN or infinite values");
            }
        }
    }

    /**
     * @param out where to put the optimiser-wide hyperparameters (0-d arrays)
     */
    protected abstract void saveHyperparameters(Map<String, INDArray> out);

    /**
     * Checks the optimiser-wide hyperparameters against this optimiser's, without changing anything (use
     * {@link #checkHyper}).
     *
     * @param in the saved state
     * @param problems where to add one line per problem
     * @param keys where to add every key read
     */
    protected abstract void checkHyperparameters(Map<String, INDArray> in, List<String> problems, Set<String> keys);

    /**
     * Checks that {@code key} holds a one-element array equal to {@code expected} (a hyperparameter).
     *
     * @param in the saved state
     * @param key entry name
     * @param expected this optimiser's value
     * @param problems where to report a mismatch
     * @param keys where to add the key
     */
    protected static void checkHyper(Map<String, INDArray> in, String key, double expected, List<String> problems,
            Set<String> keys) {
        keys.add(key);
        INDArray v = in.get(key);
        if (v == null || v.length() != 1) {
            problems.add("'" + key + "' missing or not one element");
        } else if (Double.compare(v.getDouble(0), expected) != 0) {
            problems.add("'" + key + "' is " + v.getDouble(0) + " in the saved state but " + expected + " here");
        }
    }

    /**
     * Requires {@code lo <= v < hi} (or {@code <= hi} when {@code hiInclusive}).
     *
     * @param what name for the message
     * @param v the value
     * @param lo lower bound (inclusive)
     * @param hi upper bound
     * @param hiInclusive whether {@code hi} itself is allowed
     * @return v
     */
    protected final double requireRange(String what, double v, double lo, double hi, boolean hiInclusive) {
        if (!(v >= lo && (hiInclusive ? v <= hi : v < hi))) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " " + what + " must be in [" + lo + ", "
                    + hi + (hiInclusive ? "]" : ")") + ", got " + v);
        }
        return v;
    }
}
