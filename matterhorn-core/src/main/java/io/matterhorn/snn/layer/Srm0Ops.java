package io.matterhorn.snn.layer;

import io.matterhorn.neuron.Srm0Neuron;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two elementwise stages of one {@link SRM0Linear} step as single graph nodes with pure-Java loops (float32),
 * so a step costs two small kernels instead of a chain of ND4J operations. The maths per element, forward and
 * backward, is {@link Srm0Neuron}'s (float32 in the order of the per-operation formulas, as in matterhorn 1.0.1);
 * these loops only walk the elements and sum dL/dtau_m.
 */
final class Srm0Ops {
    private static final int CHUNK = 1 << 15;

    private Srm0Ops() {
    }

    /**
     * Synapse response {@code s = sPrev / tau + in}.
     *
     * <pre>
     *   dL/dsPrev = g / tau,   dL/din = g,   dL/dtau = -sum_i g_i sPrev_i / tau^2
     * </pre>
     *
     * @param sPrev previous trace, [B, in], float32
     * @param in input of this step, [B, in], float32
     * @param tau time constant, 0-d float32
     * @return the new trace, [B, in]
     */
    static Tensor trace(Tensor sPrev, Tensor in, Tensor tau) {
        INDArray sv = Layout.contiguous(sPrev.value());
        INDArray iv = Layout.contiguous(in.value());
        float t = (float) tau.item();
        int n = (int) sv.length();
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, sv.shape());
        FloatBuffer s = Layout.floats(sv);
        FloatBuffer x = Layout.floats(iv);
        FloatBuffer y = Layout.floats(out);
        int so = Layout.offset(sv);
        int xo = Layout.offset(iv);
        int yo = Layout.offset(out);
        Parallel.forRange(n, CHUNK, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                y.put(yo + i, Srm0Neuron.trace(s.get(so + i), x.get(xo + i), t));
            }
        });
        return Tensor.fromOp("srm0Trace", out, g -> {
            if (in.requiresGrad()) {
                in.accumulateGrad(g);
            }
            if (sPrev.requiresGrad()) {
                sPrev.accumulateGrad(g.div(t));
            }
            if (tau.requiresGrad()) {
                INDArray gc = Layout.contiguous(g);
                FloatBuffer gb = Layout.floats(gc);
                int go = Layout.offset(gc);
                double[] partial = new double[Parallel.chunks(n, CHUNK)];
                Parallel.forRange(n, CHUNK, (chunk, from, to) -> {
                    double acc = 0;
                    for (int i = from; i < to; i++) {
                        acc += Srm0Neuron.tauGradientTerm(gb.get(go + i), s.get(so + i));
                    }
                    partial[chunk] = acc;
                });
                double sum = 0;
                for (double p : partial) {
                    sum += p;
                }
                tau.accumulateGrad(Nd4j.scalar(tau.dataType(), Srm0Neuron.tauGradient(sum, t)));
            }
        }, sPrev, in, tau);
    }

    /**
     * Response and firing {@code o = H(u_rest + x r - u_th)} with the surrogate derivative {@code sg}:
     *
     * <pre>
     *   v = (u_rest + x r) - u_th,   dL/dx = g sg(v) r,   dL/dr = g sg(v) x
     * </pre>
     *
     * @param x synapse sum, [B, out], float32
     * @param r reset gate of the previous step, [B, out], float32
     * @param uRest resting potential
     * @param uThreshold threshold
     * @param spiking surrogate
     * @return spikes o, [B, out], marked spike-valued
     */
    static Tensor fire(Tensor x, Tensor r, float uRest, float uThreshold, Surrogate spiking) {
        INDArray xv = Layout.contiguous(x.value());
        INDArray rv = Layout.contiguous(r.value());
        int n = (int) xv.length();
        FloatBuffer xb = Layout.floats(xv);
        FloatBuffer rb = Layout.floats(rv);
        int xo = Layout.offset(xv);
        int ro = Layout.offset(rv);
        float[] v = new float[n];
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Srm0Neuron.margin(xb.get(xo + i), rb.get(ro + i), uRest, uThreshold);
            o[i] = Srm0Neuron.fire(v[i]);
        }
        INDArray spikes = Nd4j.create(o, xv.shape(), 'c');
        return Tensor.fromOp("srm0Fire(" + spiking.getClass().getSimpleName() + ")", spikes, g -> {
            INDArray gc = Layout.contiguous(g);
            FloatBuffer gb = Layout.floats(gc);
            int go = Layout.offset(gc);
            float[] dx = x.requiresGrad() ? new float[n] : null;
            float[] dr = r.requiresGrad() ? new float[n] : null;
            for (int i = 0; i < n; i++) {
                float gv = Srm0Neuron.gradMargin(gb.get(go + i), spiking, v[i]);
                if (dx != null) {
                    dx[i] = gv * rb.get(ro + i);
                }
                if (dr != null) {
                    dr[i] = gv * xb.get(xo + i);
                }
            }
            if (dx != null) {
                x.accumulateGrad(Nd4j.create(dx, xv.shape(), 'c'));
            }
            if (dr != null) {
                r.accumulateGrad(Nd4j.create(dr, rv.shape(), 'c'));
            }
        }, x, r).markSpikeValued();
    }
}
