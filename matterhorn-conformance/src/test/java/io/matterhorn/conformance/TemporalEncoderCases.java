package io.matterhorn.conformance;

import com.google.gson.JsonObject;
import io.matterhorn.snn.encoder.TemporalEncoder;
import io.matterhorn.tensor.Tensor;

/**
 * Kind {@code temporal_encoder}: latency coding {@code TemporalEncoder(time_steps, max_value, min_value, prob)}
 * on {@code x [B, N]}; with {@code prob = 1} the spikes {@code [T, B, N]} are deterministic and compared exactly.
 */
final class TemporalEncoderCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        JsonObject p = c.params();
        TemporalEncoder encoder = TemporalEncoder.builder(p.get("time_steps").getAsInt())
                .maxValue(p.get("max_value").getAsDouble()).minValue(p.get("min_value").getAsDouble())
                .prob(p.get("prob").getAsDouble()).seed(0L).build();
        Tensor spikes = encoder.forward(Tensor.of(c.input("x")));
        Compare.close(c, "spikes", c.expected("spikes"), spikes.value());
        return Outcome.PASSED;
    }
}
