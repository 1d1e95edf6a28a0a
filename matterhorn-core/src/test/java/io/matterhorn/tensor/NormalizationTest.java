package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Normalization} against float64 values printed by PyTorch 1.13 ({@code nn.BatchNorm1d(2)} and
 * {@code nn.LayerNorm([2, 2])} on x[i] = 2 sin(1.3 i), float64 parameters, loss sum(y * g) with g[i] = cos(0.7 i)),
 * and float64 central differences.
 */
class NormalizationTest {
    private static final double[] X = {0.0, 1.927116370834386, 1.0310027436429283, -1.3755323183679482,
        -1.7669093114403063, 0.43023997617563103, 1.99708669074921, 0.6381967246987043, -1.6556529381713074,
        -1.5239671678380642, 0.8403340736532818, 1.9735439285492267};

    private static INDArray x() {
        return Nd4j.create(X, new long[] {3, 2, 2}, 'c');
    }

    private static INDArray g() {
        double[] g = new double[12];
        for (int i = 0; i < 12; i++) {
            g[i] = Math.cos(i * 0.7);
        }
        return Nd4j.create(g, new long[] {3, 2, 2}, 'c');
    }

    private static void assertValues(double[] expected, INDArray actual, double tol) {
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertEquals(expected.length, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], tol, "element " + i);
        }
    }

    @Test
    void batchNormTrainingMatchesPyTorch() {
        Tensor x = Tensor.variable(x());
        Tensor gamma = Tensor.variable(Nd4j.create(new double[] {1.5, -0.5}));
        Tensor beta = Tensor.variable(Nd4j.create(new double[] {0.1, 0.2}));
        INDArray rm = Nd4j.zeros(DataType.DOUBLE, 2);
        INDArray rv = Nd4j.ones(DataType.DOUBLE, 2);
        Tensor y = Normalization.batchNorm(x, gamma, beta, rm, rv, true, 0.1, 1e-5);
        y.backward(g());
        assertValues(new double[] {0.5787705236733964, 2.7168582194965616, 0.11997735467379879, 1.1884813727309156,
            -1.381571423289681, 1.0561110793524924, -0.30896490158445455, 0.2943836270711824, -1.2581352435298865,
            -1.1120331557028826, 0.204634438303118, -0.29851189119455995}, y.value(), 1e-12);
        assertValues(new double[] {0.7740668542896889, 0.3874089065082641, -0.048042067631807524, 0.1508513991929347,
            -1.265478834162775, -1.402459496333637, 0.28553477350770456, -0.07182886138596527, 0.6331043193541734,
            0.8733582503442854, -0.3152901920214125, -0.001225051661454}, x.grad(), 1e-12);
        assertValues(new double[] {0.47712133117154243, 0.6369354136439674}, gamma.grad(), 1e-12);
        assertValues(new double[] {1.661587674218699, 0.26864870276342834}, beta.grad(), 1e-12);
        // running statistics: momentum 0.1, unbiased variance (6 values per channel)
        assertValues(new double[] {-0.04315288450732768, 0.08507719738209008}, rm, 1e-12);
        assertValues(new double[] {1.1193442434846792, 1.0521773082135861}, rv, 1e-12);
    }

    @Test
    void batchNormEvaluationUsesTheRunningStatistics() {
        INDArray rm = Nd4j.create(new double[] {-0.04315288450732768, 0.08507719738209008});
        INDArray rv = Nd4j.create(new double[] {1.1193442434846792, 1.0521773082135861});
        Tensor x = Tensor.variable(x());
        Tensor y = Normalization.batchNorm(x, Tensor.of(Nd4j.create(new double[] {1.5, -0.5})),
                Tensor.of(Nd4j.create(new double[] {0.1, 0.2})), rm, rv, false, 0.1, 1e-5);
        y.backward(g());
        assertValues(new double[] {0.16118110478001121, 2.8933995868903475, -0.26108440050904347, 0.9119632888757013,
            -2.3438997247911932, 0.7711648257635074, -0.7319948641853029, -0.06961401631529772, -2.1861631584381653,
            -1.9994622923251117, -0.16814436971534033, -0.720519119145732}, y.value(), 1e-12);
        assertValues(new double[] {1.4177755549486428, 1.0843745565253995, -0.08284922476211708, 0.2460834940010839,
            -1.335859801926516, -1.3276853995090763, 0.23897400571800867, -0.09091407287039832, 1.0995783438041007,
            1.4175751330686894, -0.3674840692910572, -0.07476095292174859}, x.grad(), 1e-12);
        // evaluation leaves the statistics alone
        assertValues(new double[] {-0.04315288450732768, 0.08507719738209008}, rm, 0);
    }

    @Test
    void layerNormMatchesPyTorch() {
        Tensor x = Tensor.variable(x());
        Tensor w = Tensor.variable(Nd4j.create(new double[] {1.5, -0.5, 2.0, 0.3}, new long[] {2, 2}, 'c'));
        Tensor b = Tensor.variable(Nd4j.create(new double[] {0.1, 0.2, 0.0, -1.0}, new long[] {2, 2}, 'c'));
        Tensor y = Normalization.layerNorm(x, new long[] {2, 2}, w, b, 1e-5);
        y.backward(g());
        assertValues(new double[] {-0.3828500442230549, -0.42300549166399687, 1.0338573782930207, -1.4323118928977403,
            -2.2253681249234742, 0.16087018826117647, 2.47918142209168, -0.9302814753723512, -1.4120841673615474,
            0.6615957683842955, 1.2009533101005492, -0.6007687020121957}, y.value(), 1e-12);
        assertValues(new double[] {0.9177350384784764, -0.4335041306273578, 0.07036419447679465, -0.5545951023279132,
            -0.40660312328250936, 0.678624936849289, -0.6157918444789044, 0.3437700309121249, 0.43398060657769105,
            -0.6414075369831396, 0.5897653082722909, -0.38233837786684244}, x.grad(), 1e-12);
        assertValues(new double[] {0.3569619118116213, -0.04334601295557594, -0.06716116382330799,
            0.9749532944711436}, w.grad(), 1e-12);
        assertValues(new double[] {0.8333435378415915, 0.8282441363771073, 0.4336085759028454, -0.164959873139417},
                b.grad(), 1e-12);
    }

    @Test
    void batchNormGradientsMatchFiniteDifferences() {
        INDArray x4 = ConvReference.random(1, 3, 2, 3, 2);
        INDArray gamma = ConvReference.random(2, 2);
        INDArray beta = ConvReference.random(3, 2);
        GradientCheck.checkOp("bn train affine", v -> Normalization.batchNorm(v.get(0), v.get(1), v.get(2), null, null,
                true, 0.1, 1e-5), x4, gamma, beta);
        GradientCheck.checkOp("bn train plain", v -> Normalization.batchNorm(v.get(0), null, null, null, null, true,
                0.1, 1e-5), x4);
        GradientCheck.checkOp("bn train 2-d input", v -> Normalization.batchNorm(v.get(0), v.get(1), null, null, null,
                true, 0.1, 1e-3), ConvReference.random(4, 5, 2), gamma);
        INDArray rm = ConvReference.random(5, 2);
        INDArray rv = ConvReference.random(6, 2).add(2);
        GradientCheck.checkOp("bn eval", v -> Normalization.batchNorm(v.get(0), v.get(1), v.get(2), rm, rv, false,
                0.1, 1e-5), x4, gamma, beta);
    }

    @Test
    void layerNormGradientsMatchFiniteDifferences() {
        INDArray x = ConvReference.random(7, 2, 3, 4);
        GradientCheck.checkOp("ln last dim affine", v -> Normalization.layerNorm(v.get(0), new long[] {4}, v.get(1),
                v.get(2), 1e-5), x, ConvReference.random(8, 4), ConvReference.random(9, 4));
        GradientCheck.checkOp("ln two dims affine", v -> Normalization.layerNorm(v.get(0), new long[] {3, 4}, v.get(1),
                v.get(2), 1e-5), x, ConvReference.random(10, 3, 4), ConvReference.random(11, 3, 4));
        GradientCheck.checkOp("ln plain", v -> Normalization.layerNorm(v.get(0), new long[] {3, 4}, null, null, 1e-5),
                x);
    }

    @Test
    void rejectsBadInput() {
        Tensor x = Tensor.of(x());
        assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(x, Tensor.of(Nd4j.ones(
                DataType.DOUBLE, 3)), null, null, null, true, 0.1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(x, null, null, null, null, false,
                0.1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm(Tensor.of(Nd4j.ones(
                DataType.DOUBLE, 1, 2)), null, null, null, null, true, 0.1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> Normalization.layerNorm(x, new long[] {3}, null, null,
                1e-5));
        INDArray bad = x();
        bad.putScalar(5, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.batchNorm(Tensor.of(bad), null, null, null, null, true, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Normalization.layerNorm(Tensor.of(bad), new long[] {2},
                null, null, 1e-5));
        assertArrayEquals(new long[] {3, 2, 2}, Normalization.layerNorm(x, new long[] {2}, null, null, 1e-5).shape());
    }
}
