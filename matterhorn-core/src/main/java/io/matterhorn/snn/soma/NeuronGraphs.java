package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.tensor.Tensor;
import java.util.List;






/**
 * The responses of {@link NeuronKind} as graphs of tensor operations, for the per-step path of non-float32 inputs
 * and for float64 gradient checks (any floating type). Each evaluates in the float32 order of its scalar definition in
 * {@code io.matterhorn.neuron} ({@code IfDynamics}, {@code LifDynamics}, {@code QifDynamics}, {@code EifDynamics}),
 * which is the definition; a test keeps the two equal bit for bit in float32.
 */
final class NeuronGraphs {
    private NeuronGraphs() {
    }

    /**
     * The response of a kind as a graph of tensor operations (any floating type).
     *
     * @param kind the neuron kind
     * @param h potential after the previous reset [B, ...]
     * @param x input of this step [B, ...]
     * @param params the 0-d parameter tensors in {@link NeuronKind#paramNames()} order
     * @param uRest resting potential
     * @return u [B, ...]
     * @throws IllegalArgumentException if the number of parameters is wrong
     */
    static Tensor response(NeuronKind kind, Tensor h, Tensor x, List<Tensor> params, float uRest) {
        if (params.size() != kind.paramCount()) {
            throw new IllegalArgumentException(kind + ": expected " + kind.paramCount() + " parameters "
                    + kind.paramNames() + ", got " + params.size());
        }
        switch (kind) {
            case IF:
                return ifResponse(h, x);
            case LIF:
                return lifResponse(h, x, params.get(0), uRest);
            case QIF:
                return qifResponse(h, x, params.get(0), params.get(1), params.get(2), uRest);
            case EIF:
                return eifResponse(h, x, params.get(0), params.get(1), params.get(2), uRest);
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * @param h potential after the previous reset [B, ...]
     * @param x input [B, ...]
     * @return u = h + x
     */
    static Tensor ifResponse(Tensor h, Tensor x) {
        return h.add(x);
    }


    /**
     * The response as a graph of tensor operations (any floating type), in the float32 order above.
     *
     * @param h potential after the previous reset [B, ...]
     * @param x input [B, ...]
     * @param tau tau_m, 0-d
     * @param uRest resting potential
     * @return u [B, ...]
     */
    static Tensor lifResponse(Tensor h, Tensor x, Tensor tau, float uRest) {
        return x.sub(h.sub(uRest)).div(tau).add(h);
    }


    /**
     * The per-step graph, in the float32 order above: {@code h + (1/tau) ((h - u_rest)(-a_0)(h - u_c) + x)}.
     *
     * @param h potential after the previous reset [B, ...]
     * @param x input [B, ...]
     * @param tau tau_m, 0-d
     * @param a0 a_0, 0-d
     * @param uC u_c, 0-d
     * @param uRest resting potential
     * @return u [B, ...]
     */
    static Tensor qifResponse(Tensor h, Tensor x, Tensor tau, Tensor a0, Tensor uC, float uRest) {
        Tensor s = h.sub(uRest).mul(a0.neg()).mul(h.sub(uC)).add(x);
        return h.add(s.mul(Tensor.scalar(1.0).div(tau)));
    }


    /**
     * The per-step graph, in the float32 order above.
     *
     * @param h potential after the previous reset [B, ...]
     * @param x input [B, ...]
     * @param tau tau_m, 0-d
     * @param deltaT delta_t, 0-d
     * @param uT u_t, 0-d
     * @param uRest resting potential
     * @return u [B, ...]
     */
    static Tensor eifResponse(Tensor h, Tensor x, Tensor tau, Tensor deltaT, Tensor uT, float uRest) {
        Tensor e = h.sub(uT).div(deltaT).exp();
        Tensor s = h.sub(uRest).neg().add(e.mul(deltaT)).add(x);
        return h.add(s.mul(Tensor.scalar(1.0).div(tau)));
    }
}
