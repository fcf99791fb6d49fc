package dev.ich.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.volume.HuWindow;

/**
 * The preprocessing configuration as it is stored in a model directory's {@code model.json}, so a
 * loaded model preprocesses studies exactly as its training data was.
 */
public final class PreprocessingJson {

    private PreprocessingJson() {
    }

    /** The configuration as a JSON object text. */
    public static String write(PreprocessingConfig config) {
        JsonObject o = new JsonObject();
        o.addProperty("window_lower_hu", config.window().lower());
        o.addProperty("window_upper_hu", config.window().upper());
        o.addProperty("air_threshold_hu", config.airThresholdHu());
        o.addProperty("margin_voxels", config.marginVoxels());
        o.addProperty("depth", config.depth());
        o.addProperty("height", config.height());
        o.addProperty("width", config.width());
        return o.toString();
    }

    /**
     * The configuration a model uses: the one stored with it, or, for weights without one
     * (imported from PyTorch), the paper's pipeline at the network's input shape.
     */
    public static PreprocessingConfig of(ModelManifest manifest) {
        String json = manifest.preprocessingConfig();
        NetworkConfig net = manifest.architecture();
        if (json.isBlank()) {
            return PreprocessingConfig.paper().toBuilder()
                .targetShape(net.inputDepth(), net.inputHeight(), net.inputWidth()).build();
        }
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return PreprocessingConfig.builder()
            .window(new HuWindow(o.get("window_lower_hu").getAsDouble(), o.get("window_upper_hu").getAsDouble()))
            .airThresholdHu(o.get("air_threshold_hu").getAsDouble())
            .marginVoxels(o.get("margin_voxels").getAsInt())
            .targetShape(o.get("depth").getAsInt(), o.get("height").getAsInt(), o.get("width").getAsInt())
            .build();
    }
}
