package io.matterhorn.runtime;

/**
 * One compiled operation of a {@link StreamingNetwork}: a pure function of its input signal and its per-stream state
 * for one time step. Implementations are immutable (weights are never written after compilation) and thread-safe;
 * all per-stream data lives in the state array of a {@link StreamState} at the offset the network assigns.
 */
abstract class Op {
    /** What the operation is and where, for messages: {@code "modules.2: Linear(784 -> 80)"}. */
    final String label;
    /** Input values per step. */
    final int inSize;
    /** Output values per step. */
    final int outSize;

    Op(String label, int inSize, int outSize) {
        this.label = label;
        this.inSize = inSize;
        this.outSize = outSize;
    }

    /** @return floats of per-stream state this operation keeps */
    int stateSize() {
        return 0;
    }

    /**
     * Writes the state at rest.
     *
     * @param state the stream's state
     * @param off this operation's offset in it
     */
    void rest(float[] state, int off) {
    }

    /** @return whether the output is always 0/1 with its ones indexed */
    boolean binaryOutput() {
        return false;
    }

    /**
     * One step.
     *
     * @param in input signal [inSize]
     * @param state the stream's state
     * @param off this operation's offset in it
     * @param out output signal [outSize], overwritten (values, and binary/active/count)
     * @param random the stream's generator (encoders only)
     */
    abstract void step(Signal in, float[] state, int off, Signal out, StreamRandom random);

    @Override
    public String toString() {
        return label;
    }
}
