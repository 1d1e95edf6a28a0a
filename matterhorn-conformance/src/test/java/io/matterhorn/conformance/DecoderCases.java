package io.matterhorn.conformance;

import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.decoder.AvgTimeDecoder;
import io.matterhorn.snn.decoder.Decoder;
import io.matterhorn.snn.decoder.MinTimeDecoder;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kind {@code decoders}: SumSpike, AvgSpike, AvgTime (1.0.1's formula) and MinTime (first spike index, -1 when
 * silent) on {@code x [T, B, N]}; compares each result {@code [B, N]} under the decoder's name.
 */
final class DecoderCases implements KindHandler {
    @Override
    public Outcome run(CaseFile c) {
        INDArray x = c.input("x");
        Map<String, Decoder> decoders = new LinkedHashMap<>();
        decoders.put("SumSpike", new SumSpikeDecoder());
        decoders.put("AvgSpike", new AvgSpikeDecoder());
        decoders.put("AvgTime", new AvgTimeDecoder());
        decoders.put("MinTime", new MinTimeDecoder());
        for (Map.Entry<String, Decoder> e : decoders.entrySet()) {
            Tensor y = e.getValue().forward(Tensor.of(x));
            Compare.close(c, e.getKey(), c.expected(e.getKey()), y.value());
        }
        return Outcome.PASSED;
    }
}
