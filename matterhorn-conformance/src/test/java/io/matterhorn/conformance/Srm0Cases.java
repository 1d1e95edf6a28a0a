package io.matterhorn.conformance;

import com.google.gson.JsonObject;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.layer.SRM0Linear;
import io.matterhorn.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kind {@code srm0}: {@code Temporal(SRM0Linear(in, out, tau_m, u_th, u_rest, surrogate, trainable))} with weight
 * {@code w [out, in]} over {@code x [T, B, in]}; loss {@code sum(o * g)}; compares {@code o}, {@code dx},
 * {@code dw} and {@code dtau_m}.
 */
final class Srm0Cases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        JsonObject p = c.params();
        SRM0Linear layer = SRM0Linear.builder(p.get("in").getAsInt(), p.get("out").getAsInt())
                .tauM(p.get("tau_m").getAsDouble()).uThreshold(p.get("u_threshold").getAsDouble())
                .uRest(p.get("u_rest").getAsDouble()).spikingFunction(SomaCases.surrogate(p))
                .trainable(p.get("trainable").getAsBoolean()).build();
        layer.loadWeight(c.input("w"));
        INDArray x = c.input("x");
        Tensor xt = Tensor.variable(x);
        Tensor o = new Temporal(layer).forward(xt);
        o.mul(Tensor.of(c.input("g"))).sum().backward();
        Compare.close(c, "o", c.expected("o"), o.value());
        Compare.close(c, "dx", c.expected("dx"), xt.grad());
        Compare.close(c, "dw", c.expected("dw"), layer.weight().grad());
        Compare.close(c, "dtau_m", c.expected("dtau_m"), layer.tauM().grad());
        return Outcome.PASSED;
    }
}
