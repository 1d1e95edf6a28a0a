package io.matterhorn.runtime;

import java.io.IOException;
import java.nio.file.Path;

/** Compiles a NIR graph into a {@link Program} (being written; see the NIR helper brief). */
final class NirCompiler {
    private NirCompiler() {
    }

    static StreamingNetwork compile(Path file, double dt) throws IOException {
        throw new UnsupportedOperationException("NIR loading is not implemented yet");
    }
}
