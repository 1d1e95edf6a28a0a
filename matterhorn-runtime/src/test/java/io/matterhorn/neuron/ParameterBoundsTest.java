package io.matterhorn.neuron;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Parameters that make a step non-finite (or make its reciprocal subnormal) are refused by the neuron definitions
 * with the bound in the message; at the bounds one step from a potential and input of magnitude below 1 and its
 * derivatives are finite.
 */
class ParameterBoundsTest {
    /** Outside [2^-63, 2^63]: 1.4e-45 (charge infinite, reset NaN), 1e-20, 1e19, 3.4e38, and the usual bad values. */
    private static final double[] OUTSIDE = {1.4e-45, 1e-20, 1e19, 3.4e38, 0, -1, Double.NaN,
            Double.POSITIVE_INFINITY};
    private static final float[] EDGES = {(float) ParameterBounds.MIN_TIME_CONSTANT,
            (float) ParameterBounds.MAX_TIME_CONSTANT, 2e-19f, 0.5f, 1f, 9e18f};

    private static void refused(String name, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name) && ex.getMessage().contains("[2^-63, 2^63]"), ex.getMessage());
    }

    @Test
    void timeConstantsOutsideTheBoundsAreRefusedByEveryFamily() {
        for (double bad : OUTSIDE) {
            float f = (float) bad;
            refused("LIF tau_m", () -> new LifDynamics(f, 0f));
            refused("QIF tau_m", () -> new QifDynamics(f, 1f, 0.8f, 0f));
            refused("EIF tau_m", () -> new EifDynamics(f, 1f, 0.8f, 0f));
            refused("EIF delta_t", () -> new EifDynamics(2f, f, 0.8f, 0f));
            refused("value", () -> ParameterBounds.requireTimeConstant("value", bad));
        }
    }

    @Test
    void eulerFamiliesBoundTheirTimeConstantsInSteps() {
        double dt = 1e-3;
        for (EulerKind kind : EulerKind.values()) {
            for (String name : kind.paramNames()) {
                if (!name.startsWith("tau")) {
                    continue;
                }
                for (double steps : new double[] {1.4e-45 / dt, 1e-20, 1e19, 3.4e38 * dt}) {
                    float[][] p = params(kind);
                    p[kind.index(name)][0] = (float) (steps * dt);
                    if (p[kind.index(name)][0] > 0 && Float.isFinite(p[kind.index(name)][0])) {
                        refused(name, () -> new EulerNeuron(kind, dt, p));
                    }
                }
            }
        }
    }

    @Test
    void atTheBoundsOneStepAndItsDerivativesAreFinite() {
        SurrogateDerivative g = x -> Math.abs(x) < 0.5 ? 1.0 : 0.0;
        for (float tau : EDGES) {
            for (NeuronDynamics d : new NeuronDynamics[] {new LifDynamics(tau, 0f), new QifDynamics(tau, 1f, 0.8f, 0f),
                    new EifDynamics(tau, 1f, 0.8f, 0f), new EifDynamics(2f, tau, 0.8f, 0f)}) {
                for (boolean hard : new boolean[] {true, false}) {
                    SomaNeuron s = new SomaNeuron(d, new SpikeStages(g, 1f), 1f, 0f, hard);
                    for (float hPrev : new float[] {-0.5f, 0f, 0.5f}) {
                        for (float x : new float[] {-0.3f, 0f, 0.3f}) {
                            float[] h = {hPrev};
                            assertTrue(Float.isFinite(s.step(x, h, 0)) && Float.isFinite(h[0]), d + " step");
                            assertTrue(Float.isFinite(d.dResponseDh(hPrev, x))
                                    && Float.isFinite(d.dResponseDx(hPrev, x)), d + " derivatives");
                            double[] acc = new double[d.paramCount()];
                            d.addParamGrads(hPrev, x, 1f, acc);
                            for (double a : acc) {
                                assertTrue(Float.isFinite((float) a), d + " parameter gradient " + a);
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[][] params(EulerKind kind) {
        float[][] p = new float[kind.paramNames().size()][1];
        for (int i = 0; i < p.length; i++) {
            p[i][0] = kind.paramNames().get(i).startsWith("tau") ? 0.01f : 1f;
        }
        return p;
    }
}
