package io.matterhorn.runtime;

/**
 * {@code y = x}: where a NIR graph needs a value of its own that no computing node holds, such as an Output node
 * with several incoming edges (its input is their sum) or a pass-through node on a recurrent edge. Keeps the
 * input's spike index when it has one. Immutable.
 */
final class IdentityOp extends Op {
    IdentityOp(String label, int size) {
        super(label, size, size);
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        out.copyFrom(in);
    }
}
