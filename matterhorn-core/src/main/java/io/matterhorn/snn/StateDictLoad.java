package io.matterhorn.snn;

import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks a state dict against a module's live tensors and copies it in, all or nothing (see
 * {@link Module#loadStateDict}). Not thread-safe: the module must not run while it is loaded.
 */
public final class StateDictLoad {

    /**
     * What a non-strict load left out.
     *
     * @param missingKeys keys of the module that the state dict lacks (those tensors were left unchanged)
     * @param unexpectedKeys keys of the state dict that the module does not have (ignored)
     */
    public record Result(List<String> missingKeys, List<String> unexpectedKeys) {
        /**
         * Copies the lists.
         *
         * @param missingKeys keys of the module that the state dict lacks (those tensors were left unchanged)
         * @param unexpectedKeys keys of the state dict that the module does not have (ignored)
         */
        public Result {
            missingKeys = List.copyOf(missingKeys);
            unexpectedKeys = List.copyOf(unexpectedKeys);
        }
    }

    private StateDictLoad() {
    }

    static Result apply(Map<String, Tensor> live, Map<String, INDArray> state, boolean strict, String owner) {
        if (state == null) {
            throw new IllegalArgumentException(owner + ": state dict must not be null");
        }
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String key : live.keySet()) {
            if (!state.containsKey(key)) {
                missing.add(key);
            }
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            Tensor target = live.get(e.getKey());
            if (target == null) {
                unexpected.add(e.getKey());
                continue;
            }
            String problem = check(e.getKey(), target.value(), e.getValue());
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (strict) {
            missing.forEach(k -> problems.add("missing key '" + k + "' " + Arrays.toString(live.get(k).shape())));
            unexpected.forEach(k -> problems.add("unexpected key '" + k + "'"));
        }
        if (!problems.isEmpty()) {
            throw new StateDictException(owner, problems);
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            Tensor target = live.get(e.getKey());
            if (target != null) {
                INDArray v = target.value();
                INDArray src = e.getValue();
                v.assign(Arrays.equals(v.shape(), src.shape()) ? src : src.reshape(v.shape()));
            }
        }
        return new Result(missing, unexpected);
    }

    /** @return a description of why {@code value} cannot replace {@code target}, or null when it can */
    private static String check(String key, INDArray target, INDArray value) {
        if (value == null) {
            return "'" + key + "' is null";
        }
        if (value.dataType() != target.dataType()) {
            return "'" + key + "' has data type " + value.dataType() + ", expected " + target.dataType();
        }
        boolean sameShape = Arrays.equals(value.shape(), target.shape());
        boolean scalarLike = target.length() == 1 && value.length() == 1
                && (target.rank() == 0 || value.rank() == 0);
        if (!sameShape && !scalarLike) {
            return "'" + key + "' has shape " + Arrays.toString(value.shape()) + ", expected "
                    + Arrays.toString(target.shape());
        }
        if (value.dataType().isFPType()) {
            long nan = firstNaN(value);
            if (nan >= 0) {
                return "'" + key + "' contains NaN (first at flat index " + nan + ")";
            }
        }
        return null;
    }

    private static long firstNaN(INDArray v) {
        if (v.length() == 0 || !Double.isNaN(v.sumNumber().doubleValue())) {
            return -1; // a NaN always makes the sum NaN; a NaN sum (inf - inf) is confirmed below
        }
        double[] flat = v.dup('c').data().asDouble();
        for (int i = 0; i < v.length(); i++) {
            if (Double.isNaN(flat[i])) {
                return i;
            }
        }
        return -1;
    }
}
