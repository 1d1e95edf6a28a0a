package io.matterhorn.conformance;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.Random;

/**
 * Kind {@code net_conv}: {@code Sequential(Conv2d(2,3,3,padding 1), BatchNorm2d(3) in training mode, LIF(tau 2,
 * Sigmoid(1)), Flatten, Linear(108,4), LIF(tau 2, Sigmoid(1)), SumSpikeDecoder)} with the given weights on
 * {@code x [T, B, 2, 6, 6]}; loss {@code sum(out * g)}; compares the output, every gradient (input, convolution,
 * batch-norm scale and shift, linear) and the batch-norm running statistics after the step.
 */
final class NetConvCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        Conv2d conv = Conv2d.builder(2, 3, 3).padding(1).random(new Random(1)).build();
        conv.load(c.input("conv_w"), c.input("conv_b"));
        BatchNorm2d bn = new BatchNorm2d(3);
        bn.load(c.input("bn_gamma"), c.input("bn_beta"));
        Linear linear = new Linear(108, 4, true, false, new Random(2));
        linear.load(c.input("lin_w"), c.input("lin_b"));
        Module net = new Sequential(conv, bn, lif(), new Flatten(), linear, lif(), new SumSpikeDecoder());
        net.train();
        Tensor x = Tensor.variable(c.input("x"));
        if (Compare.isBinary(c.input("x"))) {
            x.markSpikeValued();
        }
        Tensor out = net.forward(x);
        out.mul(Tensor.of(c.input("g"))).sum().backward();
        Compare.close(c, "out", c.expected("out"), out.value());
        Compare.close(c, "dx", c.expected("dx"), x.grad());
        Compare.close(c, "dconv_w", c.expected("dconv_w"), conv.weight().grad());
        Compare.close(c, "dconv_b", c.expected("dconv_b"), conv.bias().grad());
        Compare.close(c, "dbn_gamma", c.expected("dbn_gamma"), bn.weight().grad());
        Compare.close(c, "dbn_beta", c.expected("dbn_beta"), bn.bias().grad());
        Compare.close(c, "dlin_w", c.expected("dlin_w"), linear.weight().grad());
        Compare.close(c, "dlin_b", c.expected("dlin_b"), linear.bias().grad());
        Compare.close(c, "bn_running_mean", c.expected("bn_running_mean"), bn.runningMean());
        Compare.close(c, "bn_running_var", c.expected("bn_running_var"), bn.runningVar());
        return Outcome.PASSED;
    }

    private static LIF lif() {
        return LIF.builder().tauM(2).spikingFunction(new Sigmoid(1)).build();
    }
}
