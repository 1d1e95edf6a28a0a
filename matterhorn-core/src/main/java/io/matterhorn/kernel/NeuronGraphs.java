package io.matterhorn.kernel;





import io.matterhorn.tensor.Tensor;

/**
 * The responses of {@link NeuronKind} as graphs of tensor operations, for the per-step path and for float64
 * gradient checks (any floating type). Each evaluates in the float32 order of its scalar definition in
 * {@code io.matterhorn.neuron} ({@code IfDynamics}, {@code LifDynamics}, {@code QifDynamics}, {@code EifDynamics}),
 * which is the definition; a test keeps the two equal bit for bit in float32.
 */
final class NeuronGraphs {
    private NeuronGraphs() {
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
