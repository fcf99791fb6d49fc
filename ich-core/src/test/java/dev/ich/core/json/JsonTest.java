package dev.ich.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Metrics(double auc, Double mape, double mae) {}

    @Test
    void numbersThatAreNotFiniteBecomeNullInBeansAndTrees() {
        JsonObject tree = new JsonObject();
        tree.addProperty("nan", Double.NaN);
        JsonArray array = new JsonArray();
        array.add(Double.POSITIVE_INFINITY);
        array.add(1.5);
        tree.add("array", array);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("metrics", new Metrics(Double.NaN, Double.NEGATIVE_INFINITY, 2.25));
        map.put("tree", tree);

        JsonObject parsed = strict(Json.toJson(map));

        JsonObject metrics = parsed.getAsJsonObject("metrics");
        assertThat(metrics.get("auc").isJsonNull()).isTrue();
        assertThat(metrics.get("mape").isJsonNull()).isTrue();
        assertThat(metrics.get("mae").getAsDouble()).isEqualTo(2.25);
        assertThat(parsed.getAsJsonObject("tree").get("nan").isJsonNull()).isTrue();
        assertThat(parsed.getAsJsonObject("tree").getAsJsonArray("array").get(0).isJsonNull())
                .isTrue();
        assertThat(parsed.getAsJsonObject("tree").getAsJsonArray("array").get(1).getAsDouble())
                .isEqualTo(1.5);
        assertThat(tree.get("nan").getAsDouble()).as("the caller's tree is not changed").isNaN();
    }

    @Test
    void nullReadsBackAsNaN() {
        Metrics back =
                Json.gson().fromJson(Json.toJson(new Metrics(Double.NaN, null, 3)), Metrics.class);
        assertThat(back.auc()).isNaN();
        assertThat(back.mape()).isNaN();
        assertThat(back.mae()).isEqualTo(3);
    }

    private static JsonObject strict(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        return JsonParser.parseReader(reader).getAsJsonObject();
    }
}
