package io.matterhorn.conformance;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.layer.AvgPool2d;
import io.matterhorn.snn.layer.MaxPool2d;
import io.matterhorn.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kind {@code pooling}: multi-step AvgPool2d(k) and MaxPool2d(k) on spikes {@code x [T, B, C, H, W]}, outputs
 * binarised at 0.5 with a straight-through gradient; loss {@code sum(y * g)} for each layer separately; compares
 * {@code avg}, {@code max}, {@code dx_avg} and {@code dx_max}.
 */
final class PoolingCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        int k = c.params().get("kernel").getAsInt();
        run(c, new AvgPool2d(k), "avg", "dx_avg");
        run(c, new MaxPool2d(k), "max", "dx_max");
        return Outcome.PASSED;
    }

    private static void run(CaseFile c, Module layer, String out, String grad) {
        layer.setStepMode(StepMode.MULTI);
        INDArray xv = c.input("x");
        Tensor x = Tensor.variable(xv.dup());
        if (Compare.isBinary(xv)) {
            x.markSpikeValued();
        }
        Tensor y = layer.forward(x);
        y.mul(Tensor.of(c.input("g"))).sum().backward();
        Compare.close(c, out, c.expected(out), y.value());
        Compare.close(c, grad, c.expected(grad), x.grad());
    }
}
