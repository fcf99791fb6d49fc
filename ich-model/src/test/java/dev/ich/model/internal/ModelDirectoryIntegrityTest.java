package dev.ich.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.json.Json;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.model.IchModel;
import dev.ich.model.ModelManifest;
import dev.ich.model.NetworkConfig;
import dev.ich.model.PreprocessingSettings;
import dev.ich.model.TargetTransform;
import dev.ich.model.TrainingProvenance;
import dev.ich.model.arch.IchNetwork;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory can be neither written nor loaded into a NaN, and nothing in it can be changed
 * after training without the load refusing it: not a weight, not a setting of {@code model.json}.
 */
class ModelDirectoryIntegrityTest {

    private static final NetworkConfig TINY =
            NetworkConfig.builder().depth(10).baseWidth(4).input(16, 32, 32).build();
    private static final float MARKER = 12345.678f;

    @Test
    void aModelIsNotSavedWithParametersThatAreNotFinite(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertThatThrownBy(() -> write(model, network -> fill(network, "fc_reg.bias", Float.NaN)))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_RESULT);
                            assertThat(e.getMessage()).contains("fc_reg.bias");
                        });
        assertThat(model).doesNotExist();
    }

    @Test
    void aModelWhoseParametersWereMadeNanIsNotLoaded(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        write(model, network -> fill(network, "fc_reg.bias", MARKER));
        Path parameters = model.resolve(ModelFiles.PARAMETERS);
        byte[] bytes = Files.readAllBytes(parameters);
        int at = indexOf(bytes, floatBytes(MARKER, ByteOrder.BIG_ENDIAN));
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        if (at < 0) {
            order = ByteOrder.LITTLE_ENDIAN;
            at = indexOf(bytes, floatBytes(MARKER, order));
        }
        assertThat(at).as("the marker's position in the parameter file").isNotNegative();
        System.arraycopy(floatBytes(Float.NaN, order), 0, bytes, at, 4);
        Files.write(parameters, bytes);
        // The hashes are made to match, as a writer without the check would have made them.
        rewriteManifest(model, json -> json.addProperty("parametersSha256", sha256(parameters)));

        assertLoadRefused(model, "fc_reg.bias", "not finite");
    }

    @Test
    void anEditedThresholdIsRefused(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        write(model, network -> {});
        String text = Files.readString(model.resolve(ModelFiles.MANIFEST));
        Files.writeString(
                model.resolve(ModelFiles.MANIFEST),
                text.replace("\"threshold\": 0.5", "\"threshold\": 0.3"));
        assertThat(Files.readString(model.resolve(ModelFiles.MANIFEST)))
                .contains("\"threshold\": 0.3");

        assertLoadRefused(model, "does not match its own checksum");
    }

    /**
     * Even with its checksum remade, a manifest naming another width does not load the parameters.
     */
    @Test
    void parametersOfAnotherWidthAreRefused(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        write(model, network -> {});
        rewriteManifest(
                model, json -> json.getAsJsonObject("architecture").addProperty("baseWidth", 8));

        assertLoadRefused(model, "of shape", "needs");
    }

    /**
     * Validation figures of a run without a validation set are NaN; model.json is still strict
     * JSON.
     */
    @Test
    void modelJsonIsStrictJsonWhenAMetricIsNaN(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        ModelManifest manifest =
                manifest(
                        new TrainingProvenance(
                                1,
                                1,
                                1,
                                "MULTI",
                                "",
                                "test",
                                Map.of("train_loss", 0.5, "validation_loss", Double.NaN)));
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            ModelFiles.write(model, network(manager), manifest);
        }
        JsonReader reader =
                new JsonReader(
                        new StringReader(Files.readString(model.resolve(ModelFiles.MANIFEST))));
        reader.setStrictness(Strictness.STRICT);
        JsonObject json = JsonParser.parseReader(reader).getAsJsonObject();
        assertThat(
                        json.getAsJsonObject("provenance")
                                .getAsJsonObject("finalMetrics")
                                .get("validation_loss")
                                .isJsonNull())
                .isTrue();
        try (IchModel loaded = IchModel.load(model)) {
            assertThat(loaded.manifest().provenance().finalMetrics().get("validation_loss"))
                    .isNaN();
        }
    }

    /**
     * Finite weights whose output overflows: the prediction is an error, never an infinite volume.
     */
    @Test
    void aPredictionThatIsNotFiniteIsAnError(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m");
        write(
                model,
                network -> {
                    fill(network, "fc_reg.weight", 3e38f);
                    fill(network, "fc_reg.bias", 3e38f);
                });
        float[] x = new float[TINY.inputSize()];
        Arrays.fill(x, 0.7f);
        try (IchModel loaded = IchModel.load(model)) {
            assertThatThrownBy(() -> loaded.predict(new ModelInput(16, 32, 32, x)))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_RESULT));
        }
    }

    /**
     * {@code IchModel.load} refuses the directory as an invalid model, saying each of {@code
     * fragments}.
     */
    private static void assertLoadRefused(Path model, String... fragments) {
        assertThatThrownBy(() -> IchModel.load(model))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL);
                            assertThat(e.getMessage()).contains(fragments);
                        });
    }

    private static void write(Path model, Consumer<IchNetwork> change) throws IchException {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            IchNetwork network = network(manager);
            change.accept(network);
            ModelFiles.write(model, network, manifest(null));
        }
    }

    private static IchNetwork network(NDManager manager) {
        IchNetwork network = new IchNetwork(TINY);
        network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
        Weights.initialize(network, 3);
        return network;
    }

    private static ModelManifest manifest(TrainingProvenance provenance) {
        PreprocessingConfig preprocessing =
                PreprocessingConfig.paper().toBuilder().targetShape(16, 32, 32).build();
        return new ModelManifest(
                TINY,
                TargetTransform.CUBE_ROOT,
                0.5,
                PreprocessingSettings.of(preprocessing),
                provenance,
                "");
    }

    private static void fill(IchNetwork network, String name, float value) {
        var array = network.torchParameters().get(name).getArray();
        float[] values = new float[(int) array.size()];
        Arrays.fill(values, value);
        array.set(values);
    }

    /** Applies {@code change} to model.json and remakes its checksum, as a careful forger would. */
    private static void rewriteManifest(Path model, Consumer<JsonObject> change)
            throws IOException {
        Path file = model.resolve(ModelFiles.MANIFEST);
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        change.accept(json);
        json.remove("manifestSha256");
        ModelManifest parsed = Json.gson().fromJson(json, ModelManifest.class);
        json.addProperty("manifestSha256", ModelFiles.manifestSha256(parsed));
        Files.writeString(file, Json.toJson(json), StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] floatBytes(float value, ByteOrder order) {
        return ByteBuffer.allocate(4).order(order).putFloat(value).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
