package io.matterhorn.conformance;

import com.google.gson.JsonObject;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.learning.STDPLinear;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kind {@code stdp}: {@code Temporal(STDPLinear(in, out, soma))} with weight {@code w [out, in]} and learning
 * switched on ({@code startStep()}), run over {@code x [T, B, in]}; compares the output spikes {@code o} and the
 * weight after the one update at the end of the sequence ({@code w_after}).
 */
final class StdpCases implements KindHandler {
    private static final Pattern CALL = Pattern.compile("\\s*(\\w+)\\s*\\((.*)\\)\\s*");

    @Override
    public Outcome run(CaseFile c) {
        JsonObject p = c.params();
        INDArray x = c.input("x");
        INDArray w = c.input("w");
        Soma soma = soma(p.get("soma").getAsString());
        STDPLinear layer = new STDPLinear((int) w.size(1), (int) w.size(0), soma, p.get("a_pos").getAsDouble(),
                p.get("tau_pos").getAsDouble(), p.get("a_neg").getAsDouble(), p.get("tau_neg").getAsDouble());
        layer.loadWeight(w);
        Temporal model = new Temporal(layer);
        model.startStep();
        Tensor o = model.forward(Tensor.of(x));
        Compare.close(c, "o", c.expected("o"), o.value());
        Compare.close(c, "w_after", c.expected("w_after"), layer.weight().value());
        return Outcome.PASSED;
    }

    /**
     * @param spec a Python constructor call such as {@code IF(u_threshold=0.5)} or {@code LIF(tau_m=1.1)}
     * @return the soma with 1.0.1's defaults for the arguments not given
     */
    static Soma soma(String spec) {
        Matcher m = CALL.matcher(spec);
        if (!m.matches()) {
            throw new AssertionError("cannot read soma '" + spec + "'");
        }
        Map<String, String> args = new HashMap<>();
        for (String part : m.group(2).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new AssertionError("soma '" + spec + "': expected keyword arguments");
            }
            args.put(kv[0].trim(), kv[1].trim());
        }
        double uTh = number(args, "u_threshold", 1.0);
        double uRest = number(args, "u_rest", 0.0);
        boolean hard = !"False".equals(args.getOrDefault("hard_reset", "True"));
        switch (m.group(1)) {
            case "IF":
                return IF.builder().uThreshold(uTh).uRest(uRest).hardReset(hard).build();
            case "LIF":
                return LIF.builder().tauM(number(args, "tau_m", 2.0)).uThreshold(uTh).uRest(uRest).hardReset(hard)
                        .build();
            default:
                throw new AssertionError("soma '" + spec + "' is not supported by the stdp cases");
        }
    }

    private static double number(Map<String, String> args, String key, double def) {
        String v = args.get(key);
        return v == null ? def : Double.parseDouble(v);
    }
}
