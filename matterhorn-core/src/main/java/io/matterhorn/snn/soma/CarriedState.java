package io.matterhorn.snn.soma;

import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state a stepped layer ({@link AdaptiveLIF}, {@link Recurrent}) carries from one call to the next: the neuron
 * state variables, each [B, N], and for a recurrent layer its last output. Empty at rest. Not thread-safe.
 */
final class CarriedState {
    private final Map<String, Tensor> values = new LinkedHashMap<>();
    private Tensor lastOutput;

    /** @return whether the layer is at rest */
    boolean atRest() {
        return values.isEmpty();
    }

    /**
     * @param names the state variables in kernel order
     * @return their tensors, or null at rest
     */
    List<Tensor> state(List<String> names) {
        if (values.isEmpty()) {
            return null;
        }
        List<Tensor> out = new ArrayList<>();
        for (String n : names) {
            out.add(values.get(n));
        }
        return out;
    }

    /** @return the last output [B, N], or null at rest */
    Tensor lastOutput() {
        return lastOutput;
    }

    /**
     * @param name a state variable
     * @return its value [B, N], or null at rest or when there is no such variable
     */
    Tensor get(String name) {
        return values.get(name);
    }

    /**
     * Keeps a run's final state.
     *
     * @param names the state variables in kernel order
     * @param r the run
     */
    void keep(List<String> names, StepSequenceNode.Result r) {
        values.clear();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), r.finalState().get(i));
        }
        lastOutput = r.finalOutput();
    }

    /**
     * @param owner layer name for the message
     * @param batch the batch size of the next input
     * @throws IllegalStateException when the state holds another batch size
     */
    void requireBatch(String owner, long batch) {
        for (Tensor s : values.values()) {
            if (s.size(0) != batch) {
                throw new IllegalStateException(owner + ": batch " + batch + " does not match the state batch "
                        + s.size(0) + "; call reset() before feeding a different batch size");
            }
        }
    }

    void clear() {
        values.clear();
        lastOutput = null;
    }

    void detach() {
        values.replaceAll((k, v) -> v.detach());
        if (lastOutput != null) {
            lastOutput = lastOutput.detach();
        }
    }
}
