package io.matterhorn.optim;

import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of gradient-descent optimisers: holds the parameters and the learning rate, zeroes gradients, and applies
 * an update to every parameter that has a gradient. Parameters without a gradient (frozen, or unused in the
 * last backward pass) are skipped, as in PyTorch.
 */
public abstract class Optimizer {
    private final List<Tensor> params;
    private double learningRate;

    /**
     * @param params parameters to optimise (those with {@code requiresGrad()}); not empty
     * @param learningRate initial learning rate, positive
     */
    protected Optimizer(List<Tensor> params, double learningRate) {
        List<Tensor> trainable = new ArrayList<>();
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("optimiser parameters must be leaf tensors, got " + p);
            }
            if (p.requiresGrad()) {
                trainable.add(p);
            }
        }
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("no trainable parameters were given to " + getClass().getSimpleName());
        }
        setLearningRate(learningRate);
        this.params = List.copyOf(trainable);
    }

    /** @return the parameters being optimised */
    public List<Tensor> parameters() {
        return params;
    }

    /** @return the current learning rate */
    public double learningRate() {
        return learningRate;
    }

    /** @param lr the new learning rate, non-negative and finite */
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be non-negative and finite, got " + lr);
        }
        learningRate = lr;
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Applies one update to every parameter that has a gradient. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            INDArray g = p.grad();
            if (g == null) {
                continue;
            }
            INDArray v = p.value();
            if (v.dataType() != DataType.FLOAT) {
                throw new IllegalStateException(getClass().getSimpleName() + " supports float32 parameters, got "
                        + v.dataType());
            }
            INDArray gc = Layout.contiguous(g);
            update(i, Layout.floats(v), Layout.offset(v), Layout.floats(gc), Layout.offset(gc), (int) v.length());
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param index parameter index (for per-parameter state)
     * @param value parameter values from {@code vOff}
     * @param vOff offset of the first value
     * @param grad gradient values from {@code gOff}
     * @param gOff offset of the first gradient value
     * @param n number of elements
     */
    protected abstract void update(int index, FloatBuffer value, int vOff, FloatBuffer grad, int gOff, int n);

    // ------------------------------------------------------------------ state (checkpoints)

    /**
     * The optimiser's state for checkpoints, under PyTorch-like names: {@code lr} (0-d float64), the
     * hyperparameters, and per parameter {@code i} (index in {@link #parameters()}) {@code state.i.NAME}. Arrays are
     * copies.
     *
     * @return a new ordered map
     */
    public final Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("lr", Nd4j.scalar(learningRate));
        saveState(out);
        return out;
    }

    /**
     * Restores a state written by {@link #stateDict()} of an optimiser of the same class, hyperparameters and
     * parameter shapes. All or nothing: every problem is collected and thrown in one exception, and then nothing
     * has changed.
     *
     * @param state the saved state
     * @throws IllegalArgumentException listing every missing, unexpected or mismatching entry
     */
    public final void loadStateDict(Map<String, INDArray> state) {
        List<String> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        INDArray lr = state.get("lr");
        known.add("lr");
        if (lr == null || lr.length() != 1 || !lr.dataType().isFPType()) {
            problems.add("'lr' missing or not a one-element floating array");
        } else if (!(lr.getDouble(0) >= 0) || Double.isInfinite(lr.getDouble(0))) {
            problems.add("'lr' must be non-negative and finite, got " + lr.getDouble(0));
        }
        checkState(state, problems, known);
        for (String k : state.keySet()) {
            if (!known.contains(k)) {
                problems.add("unexpected key '" + k + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": optimiser state does not fit ("
                    + problems.size() + " problem(s)):\n  - " + String.join("\n  - ", problems));
        }
        learningRate = lr.getDouble(0);
        loadState(state);
    }

    /**
     * @param out where to put the subclass's entries (hyperparameters and per-parameter state, as copies)
     */
    protected abstract void saveState(Map<String, INDArray> out);

    /**
     * Validates the subclass's entries without changing anything.
     *
     * @param in the saved state
     * @param problems where to add one line per problem
     * @param known where to add every key this subclass reads (the rest are reported as unexpected)
     */
    protected abstract void checkState(Map<String, INDArray> in, List<String> problems, Set<String> known);

    /**
     * Applies entries already validated by {@link #checkState}.
     *
     * @param in the saved state
     */
    protected abstract void loadState(Map<String, INDArray> in);

    /**
     * Checks that {@code key} holds a one-element array equal to {@code expected} (a hyperparameter).
     *
     * @param in the saved state
     * @param key entry name
     * @param expected this optimiser's value
     * @param problems where to report a mismatch
     * @param known where to add the key
     */
    protected static void checkHyper(Map<String, INDArray> in, String key, double expected, List<String> problems,
            Set<String> known) {
        known.add(key);
        INDArray v = in.get(key);
        if (v == null || v.length() != 1) {
            problems.add("'" + key + "' missing or not one element");
        } else if (Double.compare(v.getDouble(0), expected) != 0) {
            problems.add("'" + key + "' is " + v.getDouble(0) + " in the saved state but " + expected + " here");
        }
    }

    /**
     * Checks an optional per-parameter float array: present only with all its siblings, float32, with as many
     * elements as parameter {@code index}.
     *
     * @param in the saved state
     * @param key entry name
     * @param index parameter index
     * @param problems where to report problems
     * @param known where to add the key
     * @return whether the entry is present (and valid when no problem was added)
     */
    protected final boolean checkBuffer(Map<String, INDArray> in, String key, int index, List<String> problems,
            Set<String> known) {
        known.add(key);
        INDArray v = in.get(key);
        if (v == null) {
            return false;
        }
        long n = params.get(index).length();
        if (v.dataType() != DataType.FLOAT || v.length() != n) {
            problems.add("'" + key + "' must be float32 with " + n + " elements (parameter " + index + " "
                    + java.util.Arrays.toString(params.get(index).shape()) + "), got " + v.dataType() + " "
                    + java.util.Arrays.toString(v.shape()));
        } else if (!Double.isFinite(v.sumNumber().doubleValue())) {
            problems.add("'" + key + "' holds NaN or infinite values");
        }
        return true;
    }

    /**
     * @param values a per-parameter buffer
     * @param index parameter index (for the shape)
     * @return a float32 copy shaped like the parameter
     */
    protected final INDArray bufferArray(float[] values, int index) {
        return Nd4j.createFromArray(values.clone()).reshape('c', params.get(index).shape());
    }
}
