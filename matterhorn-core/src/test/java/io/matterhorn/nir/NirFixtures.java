package io.matterhorn.nir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shared NIR fixtures copied into test resources (see resources/nir/README.md). */
final class NirFixtures {
    private NirFixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(NirFixtures.class.getResource("/nir/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject io(String kase) {
        try {
            return JsonParser.parseString(Files.readString(file(kase + "_io.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the {"shape", "data"} object as a float32 array */
    static INDArray array(JsonObject o) {
        JsonArray s = o.getAsJsonArray("shape");
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).getAsLong();
        }
        JsonArray d = o.getAsJsonArray("data");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.get(i).getAsFloat();
        }
        return Nd4j.create(v, shape, 'c');
    }
}
