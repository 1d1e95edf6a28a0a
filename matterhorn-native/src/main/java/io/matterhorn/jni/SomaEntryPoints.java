package io.matterhorn.jni;

/**
 * The JNI soma and STDP functions of one native library. Array-like arguments are {@code float[]} or direct
 * native-order {@code FloatBuffer}s; the library validates every size again and throws IllegalArgumentException.
 */
interface SomaEntryPoints {
    /**
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate surrogate id
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param x input [T, N] from xOff
     * @param xOff offset
     * @param h0 [N] or null
     * @param steps T
     * @param neurons N
     * @param spikes output [T, N]
     * @param u output [T, N]
     * @param hLast output [N]
     */
    void somaForward(int kind, float[] params, int surrogate, double a, float uTh, float uRest, boolean hard, Object x,
            int xOff, float[] h0, int steps, int neurons, Object spikes, float[] u, float[] hLast);

    /**
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate surrogate id
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param x input [T, N] from xOff
     * @param xOff offset
     * @param h0 [N] or null
     * @param u saved potentials [T, N]
     * @param gradSpikes dL/do [T, N] from gOff
     * @param gOff offset
     * @param gradHLast [N] or null
     * @param steps T
     * @param neurons N
     * @param gradX output [T, N] or null
     * @param gradH0 output [N] or null
     * @param paramGrads output, length = parameter count
     */
    void somaBackward(int kind, float[] params, int surrogate, double a, float uTh, float uRest, boolean hard,
            Object x, int xOff, float[] h0, float[] u, Object gradSpikes, int gOff, float[] gradHLast, int steps,
            int neurons, Object gradX, float[] gradH0, double[] paramGrads);

    /**
     * @param input [T, B, in]
     * @param output [T, B, out]
     * @param steps T
     * @param batch B
     * @param in inputs
     * @param out outputs
     * @param aPos A+
     * @param tauPos tau+
     * @param aNeg A-
     * @param tauNeg tau-
     * @param dw output [out, in]
     */
    void stdpDeltaWeight(float[] input, float[] output, int steps, int batch, int in, int out, double aPos,
            double tauPos, double aNeg, double tauNeg, float[] dw);
}
