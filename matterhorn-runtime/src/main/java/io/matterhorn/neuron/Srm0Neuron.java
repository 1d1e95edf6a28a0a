package io.matterhorn.neuron;

/**
 * The one definition of the SRM0 neuron of matterhorn 1.0.1's {@code SRM0Linear} (core's
 * {@code io.matterhorn.snn.layer.SRM0Linear}): a synaptic trace per input, a weighted sum (the layer's product, not
 * part of the neuron), and a spiking response with a one-step refractory gate. Per element and step, float32 in this
 * order:
 *
 * <pre>
 *   s' = s / tau_m + o_in            trace            ds'/ds = 1/tau_m (as g / tau_m),  ds'/do_in = 1,
 *                                                     ds'/dtau_m = -s / tau_m^2 (summed in double)
 *   u  = u_rest + x r                response         (x = s' W^T, r the gate of the previous step)
 *   o  = H(u - u_th)                 firing           do/dx = g(u - u_th) r,  do/dr = g(u - u_th) x
 *   r' = 1 - o                       gate
 *   at rest: s = 0, r = 0 (so the first step gives o = H(u_rest - u_th) and no gradient)
 * </pre>
 *
 * with g the surrogate derivative, computed in double from the float32 {@code u - u_th} and rounded to float after
 * multiplying by the incoming gradient. Core's fused step ({@code Srm0Ops}) loops over these functions; the gate and
 * the product are graph operations. NIR node: none. Stateless.
 */
public final class Srm0Neuron {
    private Srm0Neuron() {
    }

    /**
     * @param s trace before the step
     * @param in input of this step
     * @param tau tau_m
     * @return {@code s / tau + in}
     */
    public static float trace(float s, float in, float tau) {
        return s / tau + in;
    }

    /**
     * @param g dL/ds' summed against the previous traces: one term {@code g * s} (double)
     * @param s the previous trace
     * @return the term of dL/dtau_m's sum before {@link #tauGradient}
     */
    public static double tauGradientTerm(float g, float s) {
        return (double) g * s;
    }

    /**
     * @param sum the sum of {@link #tauGradientTerm} over the elements
     * @param tau tau_m
     * @return {@code dL/dtau_m = -sum / tau^2}
     */
    public static double tauGradient(double sum, float tau) {
        return -sum / ((double) tau * tau);
    }

    /**
     * @param x synapse sum
     * @param r gate of the previous step
     * @param uRest resting potential
     * @param uThreshold threshold
     * @return {@code (u_rest + x r) - u_th}, the argument of the spike and of the surrogate
     */
    public static float margin(float x, float r, float uRest, float uThreshold) {
        return uRest + x * r - uThreshold;
    }

    /**
     * @param v {@link #margin}
     * @return {@code H(v)}, 1 at 0
     */
    public static float fire(float v) {
        return ThresholdNeuron.fire(v, 0f);
    }

    /**
     * @param g dL/do
     * @param surrogate the surrogate derivative
     * @param v {@link #margin}
     * @return {@code dL/dv = g * g_s(v)}, in double rounded to float; then {@code dL/dx = dL/dv r} and
     *     {@code dL/dr = dL/dv x}
     */
    public static float gradMargin(float g, SurrogateDerivative surrogate, float v) {
        return (float) (g * surrogate.derivative(v));
    }

    /**
     * @param o spike of this step
     * @return the gate of the next step, {@code 1 - o}
     */
    public static float gate(float o) {
        return 1f - o;
    }
}
