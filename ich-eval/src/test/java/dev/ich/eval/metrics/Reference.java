package dev.ich.eval.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads eval_reference.json (made by tools/reference/make_eval_reference.py). */
final class Reference {

    private static JsonObject root;

    private Reference() {}

    static synchronized JsonObject root() {
        if (root == null) {
            try (InputStream in =
                    Reference.class.getResourceAsStream("/reference/eval_reference.json")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "reference/eval_reference.json is missing from the test resources");
                }
                root =
                        JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                                .getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static List<JsonObject> cases(String group) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : root().getAsJsonArray(group)) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
