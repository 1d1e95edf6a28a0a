package io.matterhorn.conformance;

import com.google.gson.JsonObject;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/** Kind {@code surrogate}: Heaviside forward and surrogate derivative on a grid of x. */
final class SurrogateCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        JsonObject p = c.params();
        Surrogate s = Surrogate.byName(p.get("spiking_function").getAsString(), p.get("a").getAsDouble());
        Tensor x = Tensor.variable(c.input("x"));
        Tensor y = s.apply(x);
        y.sum().backward();
        Compare.close(c, "forward", c.expected("forward"), y.value());
        Compare.close(c, "grad", c.expected("grad"), x.grad());
        return Outcome.PASSED;
    }
}
