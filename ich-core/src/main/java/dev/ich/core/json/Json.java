package dev.ich.core.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Map;

/**
 * The one way the project writes JSON: pretty-printed, and always valid JSON. JSON has no NaN or
 * infinity, so a number that is not finite is written as {@code null} (and a {@code null} read into
 * a {@code double} field becomes NaN again). Null fields are written, not omitted.
 */
public final class Json {

    private static final TypeAdapter<Double> FINITE_OR_NULL =
            new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, Double value) throws IOException {
                    if (value == null || !Double.isFinite(value)) {
                        out.nullValue();
                    } else {
                        out.value(value);
                    }
                }

                @Override
                public Double read(JsonReader in) throws IOException {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        return Double.NaN;
                    }
                    return in.nextDouble();
                }
            };

    private static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    .serializeNulls()
                    .registerTypeAdapter(Double.class, FINITE_OR_NULL)
                    .registerTypeAdapter(double.class, FINITE_OR_NULL)
                    .create();

    private Json() {}

    /** A Gson that reads and writes non-finite doubles as {@code null}; for {@code fromJson}. */
    public static Gson gson() {
        return GSON;
    }

    /**
     * {@code value} (a bean, a record, a map or a {@link JsonElement}) as JSON text ending in a
     * newline.
     */
    public static String toJson(Object value) {
        JsonElement tree = value instanceof JsonElement element ? element : GSON.toJsonTree(value);
        return GSON.toJson(finite(tree)) + "\n";
    }

    /** A copy of {@code element} with every number that is not finite replaced by {@code null}. */
    static JsonElement finite(JsonElement element) {
        if (element.isJsonPrimitive()) {
            JsonPrimitive p = element.getAsJsonPrimitive();
            return p.isNumber() && !Double.isFinite(p.getAsDouble()) ? JsonNull.INSTANCE : p;
        }
        if (element.isJsonArray()) {
            JsonArray copy = new JsonArray();
            element.getAsJsonArray().forEach(e -> copy.add(finite(e)));
            return copy;
        }
        if (element.isJsonObject()) {
            JsonObject copy = new JsonObject();
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                copy.add(e.getKey(), finite(e.getValue()));
            }
            return copy;
        }
        return element;
    }
}
