package io.matterhorn.conformance;

import com.google.gson.JsonObject;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs one conformance case against the Java implementation. */
final class CaseRunner {
    enum Outcome { PASSED, UNSUPPORTED }

    private CaseRunner() {
    }

    static Outcome run(CaseFile c) {
        switch (c.kind) {
            case "surrogate":
                return surrogate(c);
            case "soma":
                return soma(c);
            case "net_mlp":
                return netMlp(c);
            case "net_conv":
            case "srm0":
            case "pooling":
            case "stdp":
            case "temporal_encoder":
            case "event_binning":
            case "decoders":
                return Outcome.UNSUPPORTED;
            default:
                throw new AssertionError("unknown conformance kind '" + c.kind + "'");
        }
    }

    private static Outcome surrogate(CaseFile c) {
        JsonObject p = c.params();
        Surrogate s = Surrogate.byName(p.get("spiking_function").getAsString(), p.get("a").getAsDouble());
        Tensor x = Tensor.variable(c.input("x"));
        Tensor y = s.apply(x);
        y.sum().backward();
        compare(c, "forward", c.expected("forward"), y.value());
        compare(c, "grad", c.expected("grad"), x.grad());
        return Outcome.PASSED;
    }

    private static Outcome soma(CaseFile c) {
        String kind = c.json.get("soma").getAsString();
        if (!kind.equals("IF") && !kind.equals("LIF")) {
            return Outcome.UNSUPPORTED;
        }
        INDArray x = c.input("x");
        INDArray g = c.input("g");
        for (boolean fused : new boolean[] {true, false}) {
            Soma soma = buildSoma(kind, c.params());
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
            compare(c, "o" + path, c.expected("o"), o.value());
            compare(c, "dx" + path, c.expected("dx"), xt.grad());
            JsonObject dparams = c.expectedObject("dparams");
            Map<String, Tensor> named = soma.namedParameters();
            for (String name : dparams.keySet()) {
                Tensor param = named.get(name);
                if (param == null) {
                    throw new AssertionError("soma has no parameter '" + name + "'; it has " + named.keySet());
                }
                compare(c, "d" + name + path, CaseFile.array(dparams.get(name)), param.grad());
            }
        }
        return Outcome.PASSED;
    }

    private static Soma buildSoma(String kind, JsonObject p) {
        Surrogate s = Surrogate.byName(p.get("spiking_function").getAsString(), p.get("a").getAsDouble());
        double uTh = p.get("u_threshold").getAsDouble();
        double uRest = p.get("u_rest").getAsDouble();
        boolean hard = p.get("hard_reset").getAsBoolean();
        if (kind.equals("IF")) {
            return new IF(uTh, uRest, s, hard);
        }
        return new LIF(p.get("tau_m").getAsDouble(), uTh, uRest, s, hard, p.get("trainable").getAsBoolean());
    }

    private static Outcome netMlp(CaseFile c) {
        Linear l1 = new Linear(12, 9, true, false, new Random(1));
        l1.load(c.input("w1"), c.input("b1"));
        LIF n1 = LIF.builder().tauM(2).trainable(true).spikingFunction(new Sigmoid(1)).build();
        Linear l2 = new Linear(9, 4, false, false, new Random(2));
        l2.load(c.input("w2"), null);
        LIF n2 = LIF.builder().tauM(2).trainable(true).spikingFunction(new Gaussian(1)).build();
        Module net = new Sequential(l1, n1, l2, n2, new AvgSpikeDecoder());
        Tensor x = Tensor.variable(c.input("x"));
        if (isBinary(c.input("x"))) {
            x.markSpikeValued();
        }
        Tensor out = net.forward(x);
        Tensor loss = Losses.mse(out, Tensor.of(c.input("target")));
        loss.backward();
        compare(c, "out", c.expected("out"), out.value());
        compare(c, "loss", c.expected("loss"), loss.value());
        compare(c, "dx", c.expected("dx"), x.grad());
        compare(c, "dw1", c.expected("dw1"), l1.weight().grad());
        compare(c, "db1", c.expected("db1"), l1.bias().grad());
        compare(c, "dw2", c.expected("dw2"), l2.weight().grad());
        compare(c, "dtau1", c.expected("dtau1"), n1.tauM().grad());
        compare(c, "dtau2", c.expected("dtau2"), n2.tauM().grad());
        return Outcome.PASSED;
    }

    private static boolean isBinary(INDArray a) {
        for (float v : a.dup('c').data().asFloat()) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }

    static void compare(CaseFile c, String what, INDArray expected, INDArray actual) {
        if (actual == null) {
            throw new AssertionError(what + ": no value (gradient not computed)");
        }
        if (expected.length() != actual.length()
                || (expected.rank() > 0 && !Arrays.equals(expected.shape(), actual.shape()))) {
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.castTo(expected.dataType()).dup('c').data().asFloat();
        double tol = c.tolerance;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= tol)) {
                throw new AssertionError(String.format("%s[%d]: got %.8g, expected %.8g (tolerance %g)", what, i, a[i],
                        e[i], tol));
            }
        }
    }
}
