package io.matterhorn.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One conformance case read from its JSON file (format in the conformance folder's README). */
final class CaseFile {
    final String name;
    final String kind;
    final JsonObject json;
    final double tolerance;

    private CaseFile(JsonObject json) {
        this.json = json;
        this.name = json.get("name").getAsString();
        this.kind = json.get("kind").getAsString();
        this.tolerance = json.has("tolerance") ? json.get("tolerance").getAsDouble() : 0.0;
    }

    static CaseFile read(Path file) throws IOException {
        return new CaseFile(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject());
    }

    JsonObject params() {
        return json.has("params") && json.get("params").isJsonObject() ? json.getAsJsonObject("params")
                : new JsonObject();
    }

    INDArray input(String key) {
        return array(json.getAsJsonObject("inputs").get(key));
    }

    INDArray expected(String key) {
        return array(json.getAsJsonObject("expected").get(key));
    }

    JsonObject expectedObject(String key) {
        return json.getAsJsonObject("expected").getAsJsonObject(key);
    }

    /** A JSON array object {shape, data} or a bare number, as a float32 array. */
    static INDArray array(JsonElement e) {
        if (e.isJsonPrimitive()) {
            return Nd4j.scalar(e.getAsFloat());
        }
        JsonObject o = e.getAsJsonObject();
        JsonArray shapeJson = o.getAsJsonArray("shape");
        JsonArray dataJson = o.getAsJsonArray("data");
        long[] shape = new long[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsLong();
        }
        float[] data = new float[dataJson.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = dataJson.get(i).getAsFloat();
        }
        return shape.length == 0 ? Nd4j.scalar(data[0]) : Nd4j.create(data, shape, 'c').castTo(DataType.FLOAT);
    }
}
