package io.matterhorn.snn.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Surrogate derivatives g(x) (1.0.1's formulas and its table of reference values) and the Heaviside forward. */
class SurrogateDerivativeTest {
    private static final double[] X = {-3, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3};

    private static void assertTable(Surrogate s, double[] expected, double tol) {
        for (int i = 0; i < X.length; i++) {
            assertEquals(expected[i], s.derivative(X[i]), tol, s + " at x = " + X[i]);
        }
        // the array form gives the same numbers, in float64 and float32
        INDArray xd = Nd4j.create(X, new long[] {X.length}, 'c');
        assertArrayEquals(expected, s.derivative(xd).toDoubleVector(), tol, s + " (float64 array)");
        INDArray xf = xd.castTo(DataType.FLOAT);
        INDArray gf = s.derivative(xf);
        assertEquals(DataType.FLOAT, gf.dataType());
        assertArrayEquals(expected, gf.castTo(DataType.DOUBLE).toDoubleVector(), Math.max(tol, 1e-6),
                s + " (float32 array)");
    }

    @Test
    void rectangularDefault() {
        assertTable(new Rectangular(), new double[] {0, 0, 0.5, 0.5, 0.5, 0, 0, 0, 0}, 0);
    }

    @Test
    void rectangularBoundsAreStrict() {
        Rectangular r = new Rectangular(4);
        assertEquals(0.25, r.derivative(1.999), 0);
        assertEquals(0, r.derivative(2.0), 0);
        assertEquals(0, r.derivative(-2.0), 0);
    }

    @Test
    void polynomialGivesZeroForNaNAndInfiniteArguments() {
        // the native kernels map a NaN window to 0 (soma_math.inc); the fused Java kernel must agree
        Polynomial p = new Polynomial();
        assertEquals(0.0, p.derivative(Double.NaN), 0);
        assertEquals(0.0, p.derivative(Double.POSITIVE_INFINITY), 0);
        assertEquals(0.0, p.derivative(Double.NEGATIVE_INFINITY), 0);
        assertEquals(0.0, p.derivative(1e30), 0);
        assertEquals(0.5, p.derivative(0.0), 0);
    }

    @Test
    void sigmoidDefault() {
        assertTable(new Sigmoid(),
                new double[] {0.0452, 0.1966, 0.2350, 0.25, 0.2350, 0.1966, 0.1491, 0.1050, 0.0452}, 1e-4);
    }

    @Test
    void gaussianDefault() {
        assertTable(new Gaussian(),
                new double[] {0.0044, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540, 0.0044}, 1e-4);
    }

    @Test
    void polynomialIsTheFixedTriangle() {
        // the port fixes 1.0.1's missing abs(): max(0, sqrt(a)/2 - a/4 |x|), not the V shape 1.25, 0.75, ...
        assertTable(new Polynomial(), new double[] {0, 0.25, 0.375, 0.5, 0.375, 0.25, 0.125, 0, 0}, 1e-12);
        Polynomial p4 = new Polynomial(4);
        assertEquals(1.0, p4.derivative(0), 1e-12);
        assertEquals(0.5, p4.derivative(-0.5), 1e-12);
        assertEquals(0.0, p4.derivative(1.0), 1e-12);
    }

    @Test
    void shapeParameterScalesAsDocumented() {
        assertEquals(1.0 / 8, new Sigmoid(2).derivative(0), 1e-12);
        assertEquals(1 / Math.sqrt(2 * Math.PI * 0.5), new Gaussian(0.5).derivative(0), 1e-12);
        assertEquals(1.0, new Rectangular(1).derivative(0.49), 0);
    }

    @Test
    void sigmoidIsFiniteFarBelowThreshold() {
        Sigmoid s = new Sigmoid();
        for (double x : new double[] {-100, -1000}) {
            double g = s.derivative(x);
            assertTrue(Double.isFinite(g) && g >= 0 && g < 1e-30, "g(" + x + ") = " + g);
        }
        INDArray xf = Nd4j.create(new float[] {-100f, -1000f, 100f, 1000f}, new long[] {4}, 'c');
        for (float g : s.derivative(xf).data().asFloat()) {
            assertTrue(Float.isFinite(g) && g >= 0 && g < 1e-30f, "float32 g = " + g);
        }
    }

    @Test
    void scalarAndArrayFormsAgreeOnADenseGrid() {
        List<Surrogate> all = List.of(new Rectangular(1.5), new Polynomial(2), new Sigmoid(0.5), new Gaussian(2));
        double[] grid = new double[81];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -4 + 0.1 * i + 0.013;
        }
        INDArray xs = Nd4j.create(grid, new long[] {grid.length}, 'c');
        for (Surrogate s : all) {
            double[] arr = s.derivative(xs).toDoubleVector();
            for (int i = 0; i < grid.length; i++) {
                assertEquals(s.derivative(grid[i]), arr[i], 1e-12, s + " at " + grid[i]);
            }
        }
    }

    @Test
    void invalidShapeParameterIsRejected() {
        for (double a : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new Rectangular(a), "Rectangular " + a);
            assertThrows(IllegalArgumentException.class, () -> new Polynomial(a), "Polynomial " + a);
            assertThrows(IllegalArgumentException.class, () -> new Sigmoid(a), "Sigmoid " + a);
            assertThrows(IllegalArgumentException.class, () -> new Gaussian(a), "Gaussian " + a);
        }
    }

    @Test
    void forwardIsHeavisideAndBackwardIsTheSurrogate() {
        for (Surrogate s : List.of(new Rectangular(), new Polynomial(), new Sigmoid(), new Gaussian())) {
            Tensor x = Tensor.variable(Nd4j.create(X, new long[] {X.length}, 'c'));
            Tensor o = s.apply(x);
            assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1, 1, 1}, o.toDoubleArray(), 0, s.toString());
            assertTrue(o.isSpikeValued());
            double[] up = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            o.backward(Nd4j.create(up, new long[] {up.length}, 'c'));
            double[] gx = x.grad().toDoubleVector();
            for (int i = 0; i < X.length; i++) {
                assertEquals(up[i] * s.derivative(X[i]), gx[i], 1e-12, s + " at " + X[i]);
            }
        }
    }

    @Test
    void lookupByName() {
        assertEquals(new Sigmoid(0.5), Surrogate.byName("SIGMOID", 0.5));
        assertEquals(1, Surrogate.byName("polynomial", 1).kernelId());
        assertThrows(IllegalArgumentException.class, () -> Surrogate.byName("triangle", 1));
    }
}
