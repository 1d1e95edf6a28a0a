package io.matterhorn.conformance;

import com.google.gson.JsonObject;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.soma.Activation;
import io.matterhorn.snn.soma.EIF;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.KLIF;
import io.matterhorn.snn.soma.LIAF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.QIF;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.snn.soma.SomaBuilder;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kind {@code soma}: {@code Temporal(soma)} over x [T, B, N], loss sum(o * g); compares o, dx and the gradient of
 * every trainable scalar. Each case runs twice: through the fused sequence node and stepping one step at a time.
 */
final class SomaCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        String kind = c.json.get("soma").getAsString();
        if (build(kind, c.params()) == null) {
            return Outcome.UNSUPPORTED;
        }
        INDArray x = c.input("x");
        INDArray g = c.input("g");
        for (boolean fused : new boolean[] {true, false}) {
            Soma soma = build(kind, c.params());
            Tensor xt = Tensor.variable(x);
            Tensor o;
            if (fused) {
                o = new Temporal(soma).forward(xt);
            } else {
                List<Tensor> steps = new ArrayList<>();
                for (int t = 0; t < x.size(0); t++) {
                    steps.add(soma.forward(xt.select(t)));
                }
                o = Tensor.stack(steps);
            }
            o.mul(Tensor.of(g)).sum().backward();
            String path = fused ? " (fused)" : " (per-step)";
            Compare.close(c, "o" + path, c.expected("o"), o.value());
            Compare.close(c, "dx" + path, c.expected("dx"), xt.grad());
            JsonObject dparams = c.expectedObject("dparams");
            Map<String, Tensor> named = soma.namedParameters();
            for (String name : dparams.keySet()) {
                Tensor param = named.get(name);
                if (param == null) {
                    throw new AssertionError("soma has no parameter '" + name + "'; it has " + named.keySet());
                }
                Compare.close(c, "d" + name + path, CaseFile.array(dparams.get(name)), param.grad());
            }
        }
        return Outcome.PASSED;
    }

    /** @return the soma described by the case, or null if that soma is not implemented */
    static Soma build(String kind, JsonObject p) {
        switch (kind) {
            case "IF":
                return settings(IF.builder(), p).spikingFunction(surrogate(p)).build();
            case "LIF":
                return settings(LIF.builder(), p).tauM(p.get("tau_m").getAsDouble()).spikingFunction(surrogate(p))
                        .trainable(p.get("trainable").getAsBoolean()).build();
            case "QIF":
                return settings(QIF.builder(), p).tauM(p.get("tau_m").getAsDouble()).uC(p.get("u_c").getAsDouble())
                        .a0(p.get("a_0").getAsDouble()).spikingFunction(surrogate(p))
                        .trainable(p.get("trainable").getAsBoolean()).build();
            case "EIF":
                return settings(EIF.builder(), p).tauM(p.get("tau_m").getAsDouble()).uT(p.get("u_t").getAsDouble())
                        .deltaT(p.get("delta_t").getAsDouble()).spikingFunction(surrogate(p))
                        .trainable(p.get("trainable").getAsBoolean()).build();
            case "KLIF":
                return settings(KLIF.builder(), p).tauM(p.get("tau_m").getAsDouble()).k(p.get("k").getAsDouble())
                        .trainable(p.get("trainable").getAsBoolean()).build();
            case "LIAF":
                return settings(LIAF.builder(), p).tauM(p.get("tau_m").getAsDouble()).spikingFunction(surrogate(p))
                        .activation(activation(p)).trainable(p.get("trainable").getAsBoolean()).build();
            default:
                return null;
        }
    }

    /** @return the builder with the case's u_threshold, u_rest and hard_reset */
    private static <B extends SomaBuilder<?, B>> B settings(B builder, JsonObject p) {
        return builder.uThreshold(p.get("u_threshold").getAsDouble()).uRest(p.get("u_rest").getAsDouble())
                .hardReset(p.get("hard_reset").getAsBoolean());
    }

    /** @return the LIAF activation named by the case ("ReLU" in the 1.0.1 vectors) */
    static Activation activation(JsonObject p) {
        String name = p.has("activation") ? p.get("activation").getAsString() : "ReLU";
        switch (name) {
            case "ReLU":
                return Activation.relu();
            case "Sigmoid":
                return Activation.sigmoid();
            case "Tanh":
                return Activation.tanh();
            case "Identity":
                return Activation.identity();
            default:
                throw new IllegalArgumentException("unknown LIAF activation '" + name + "'");
        }
    }

    static Surrogate surrogate(JsonObject p) {
        return Surrogate.byName(p.get("spiking_function").getAsString(), p.get("a").getAsDouble());
    }
}
