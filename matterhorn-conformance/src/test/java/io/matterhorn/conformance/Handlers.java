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
            "net_conv", new NetConvCases(),
            "srm0", new Srm0Cases(),
            "pooling", new PoolingCases(),
            "stdp", new StdpCases(),
            "temporal_encoder", new TemporalEncoderCases(),
            "event_binning", new EventBinningCases(),
            "decoders", new DecoderCases());

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
