package io.matterhorn.conformance;

import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.Random;

/**
 * Kind {@code net_mlp}: Sequential(Linear(12,9), LIF(Sigmoid), Linear(9,4,no bias), LIF(Gaussian),
 * AvgSpikeDecoder) with given weights; MSE against a target; compares output, loss and every gradient.
 */
final class NetMlpCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        Linear l1 = new Linear(12, 9, true, false, new Random(1));
        l1.load(c.input("w1"), c.input("b1"));
        LIF n1 = LIF.builder().tauM(2).trainable(true).spikingFunction(new Sigmoid(1)).build();
        Linear l2 = new Linear(9, 4, false, false, new Random(2));
        l2.load(c.input("w2"), null);
        LIF n2 = LIF.builder().tauM(2).trainable(true).spikingFunction(new Gaussian(1)).build();
        Module net = new Sequential(l1, n1, l2, n2, new AvgSpikeDecoder());
        Tensor x = Tensor.variable(c.input("x"));
        if (Compare.isBinary(c.input("x"))) {
            x.markSpikeValued();
        }
        Tensor out = net.forward(x);
        Tensor loss = Losses.mse(out, Tensor.of(c.input("target")));
        loss.backward();
        Compare.close(c, "out", c.expected("out"), out.value());
        Compare.close(c, "loss", c.expected("loss"), loss.value());
        Compare.close(c, "dx", c.expected("dx"), x.grad());
        Compare.close(c, "dw1", c.expected("dw1"), l1.weight().grad());
        Compare.close(c, "db1", c.expected("db1"), l1.bias().grad());
        Compare.close(c, "dw2", c.expected("dw2"), l2.weight().grad());
        Compare.close(c, "dtau1", c.expected("dtau1"), n1.tauM().grad());
        Compare.close(c, "dtau2", c.expected("dtau2"), n2.tauM().grad());
        return Outcome.PASSED;
    }
}
