package io.matterhorn.conformance;

import java.util.Map;

/**
 * Which handler runs which kind. Each kind has its own handler class; a kind whose modules are not implemented
 * yet maps to {@link #UNSUPPORTED}. A kind missing from this table fails the conformance test.
 */
final class Handlers {
    static final KindHandler UNSUPPORTED = c -> Outcome.UNSUPPORTED;

    static final Map<String, KindHandler> BY_KIND = Map.of(
            "surrogate", new SurrogateCases(),
            "soma", new SomaCases(),
            "net_mlp", new NetMlpCases(),
            "net_conv", UNSUPPORTED,
            "srm0", UNSUPPORTED,
            "pooling", UNSUPPORTED,
            "stdp", UNSUPPORTED,
            "temporal_encoder", UNSUPPORTED,
            "event_binning", UNSUPPORTED,
            "decoders", UNSUPPORTED);

    private Handlers() {
    }

    static KindHandler forKind(String kind) {
        KindHandler h = BY_KIND.get(kind);
        if (h == null) {
            throw new AssertionError("unknown conformance kind '" + kind + "'");
        }
        return h;
    }
}
