package io.matterhorn.runtime;

import com.google.gson.JsonObject;
import io.matterhorn.neuron.AdaptiveLif;
import io.matterhorn.neuron.EifDynamics;
import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import io.matterhorn.neuron.IfDynamics;
import io.matterhorn.neuron.LifDynamics;
import io.matterhorn.neuron.NeuronDynamics;
import io.matterhorn.neuron.QifDynamics;
import io.matterhorn.neuron.SomaNeuron;
import io.matterhorn.neuron.SpikeStages;

/**
 * The neuron layers of a model file, for {@link ModelCompiler}: a soma module node (IF, LIF, QIF, EIF with scalar
 * parameters; LI, ArrayLIF, Integrator, CubaLI, CubaLIF and AdaptiveLIF with per-neuron parameters) becomes the
 * operation that steps it, with its parameters read from the state dict. Stateless and thread-safe.
 */
final class ModelNeurons {
    private ModelNeurons() {
    }

    /**
     * @param type the module type (IF, LIF, QIF, EIF, LI, ArrayLIF, Integrator, CubaLI, CubaLIF, AdaptiveLIF)
     * @param c the module's configuration
     * @param prefix the module's key prefix in the state dict
     * @param at the module, for messages
     * @param n the number of neurons (the per-sample size of its input)
     * @param tensors the state dict
     * @return the neuron layer of a soma module node
     */
    static Op neuron(String type, JsonObject c, String prefix, String at, int n, StateDict tensors) {
        return switch (type) {
            case "IF", "LIF", "QIF", "EIF" -> soma(type, c, prefix, at, n, tensors);
            case "AdaptiveLIF" -> adaptiveLif(c, prefix, at, n, tensors);
            case "LI", "ArrayLIF", "Integrator", "CubaLI", "CubaLIF" -> arraySoma(type, c, prefix, at, n, tensors);
            default -> throw new UnsupportedOperationException(at + ": " + type + " is not a neuron the runtime "
                    + "steps inside a Recurrent layer (IF, LIF, QIF, EIF, LI, ArrayLIF, Integrator, CubaLI, CubaLIF, "
                    + "AdaptiveLIF)");
        };
    }

    private static Op soma(String type, JsonObject c, String prefix, String at, int n, StateDict tensors) {
        float uTh = (float) ModelJson.number(c, "u_threshold", at);
        float uRest = (float) ModelJson.number(c, "u_rest", at);
        boolean hard = ModelJson.bool(c, "hard_reset", at);
        NeuronDynamics d = switch (type) {
            case "IF" -> IfDynamics.INSTANCE;
            case "LIF" -> new LifDynamics(tensors.scalar(prefix + "tau_m", at), uRest);
            case "QIF" -> new QifDynamics(tensors.scalar(prefix + "tau_m", at), tensors.scalar(prefix + "a_0", at),
                    tensors.scalar(prefix + "u_c", at), uRest);
            default -> new EifDynamics(tensors.scalar(prefix + "tau_m", at), tensors.scalar(prefix + "delta_t", at),
                    tensors.scalar(prefix + "u_t", at), uRest);
        };
        SomaNeuron neuron = new SomaNeuron(d, new SpikeStages(x -> 0.0, uTh), uTh, uRest, hard);
        return new SomaOp(at, n, neuron, true);
    }

    private static Op arraySoma(String type, JsonObject c, String prefix, String at, int n, StateDict tensors) {
        EulerKind kind = switch (type) {
            case "LI" -> EulerKind.LI;
            case "ArrayLIF" -> ModelJson.bool(c, "leaky", at) ? EulerKind.LIF : EulerKind.IF;
            case "Integrator" -> EulerKind.I;
            case "CubaLI" -> EulerKind.CUBA_LI;
            default -> EulerKind.CUBA_LIF;
        };
        float[][] params = new float[kind.paramNames().size()][];
        for (int i = 0; i < params.length; i++) {
            params[i] = tensors.tensor(prefix + kind.paramNames().get(i), n, at);
        }
        return new EulerOp(at, new EulerNeuron(kind, ModelJson.number(c, "dt", at), params));
    }

    private static Op adaptiveLif(JsonObject c, String prefix, String at, int n, StateDict tensors) {
        float[][] params = new float[AdaptiveLif.PARAM_NAMES.size()][];
        for (int i = 0; i < params.length; i++) {
            params[i] = tensors.tensor(prefix + AdaptiveLif.PARAM_NAMES.get(i), n, at);
        }
        return new AdaptiveLifOp(at, new AdaptiveLif(ModelJson.number(c, "dt", at), params));
    }
}
