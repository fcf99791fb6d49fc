package dev.ich.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API end to end on PyTorch-made weights: import, save, load (with hash check), predict
 * (compared with PyTorch's outputs of tools/reference/make_model_reference.py), bad inputs.
 */
class IchModelTest {

    private static final double TOLERANCE = 1e-4;
    private static final NetworkConfig CONFIG =
            NetworkConfig.builder().depth(34).baseWidth(4).input(16, 32, 32).build();

    @TempDir static Path temp;
    private static Path modelDir;
    private static List<ModelInput> inputs;
    private static float[] torchSize;
    private static float[] torchScores;

    @BeforeAll
    static void saveImportedModel() throws Exception {
        Path npz =
                Path.of(
                        IchModelTest.class
                                .getResource("/dev/ich/model/reference/forward_d34_w4_state.npz")
                                .toURI());
        modelDir = temp.resolve("model");
        try (IchModel model =
                IchModel.importPyTorch(
                        npz, CONFIG, PreprocessingSettings.paperFor(CONFIG).toConfig(), 0.5)) {
            model.save(modelDir);
        }
        float[] x = npy("forward_d34_w4_io.npz", "x.npy");
        int n = 16 * 32 * 32;
        inputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            float[] one = new float[n];
            System.arraycopy(x, i * n, one, 0, n);
            inputs.add(new ModelInput(16, 32, 32, one));
        }
        torchSize = npy("forward_d34_w4_io.npz", "out_size.npy");
        torchScores = npy("forward_d34_w4_io.npz", "out_scores.npy");
    }

    @AfterAll
    static void done() {
        inputs = null;
    }

    @Test
    void loadedModelPredictsWhatPyTorchComputes() throws Exception {
        try (IchModel model = IchModel.load(modelDir)) {
            List<Prediction> predictions = model.predictAll(inputs);
            for (int i = 0; i < 2; i++) {
                double s = Math.max(0, torchSize[i]);
                double p = 1 / (1 + Math.exp(torchScores[2 * i] - torchScores[2 * i + 1]));
                Prediction pr = predictions.get(i);
                assertThat(pr.volumeMl()).isCloseTo(s * s * s, within(TOLERANCE));
                assertThat(pr.sizeMm()).isCloseTo(10 * s, within(10 * TOLERANCE));
                assertThat(pr.probabilityOfDeath()).isCloseTo(p, within(TOLERANCE));
                assertThat(pr.outcome()).isEqualTo(p > 0.5 ? Outcome.DIED : Outcome.SURVIVED);
                Prediction alone = model.predict(inputs.get(i));
                assertThat(alone.volumeMl()).isCloseTo(pr.volumeMl(), within(TOLERANCE));
                assertThat(alone.probabilityOfDeath())
                        .isCloseTo(pr.probabilityOfDeath(), within(TOLERANCE));
            }
            assertThat(model.manifest().architecture()).isEqualTo(CONFIG);
            assertThat(model.manifest().targetTransform()).isEqualTo(TargetTransform.CUBE_ROOT);
            assertThat(model.preprocessing().targetShape()).containsExactly(16, 32, 32);
            assertThat(model.parametersSha256()).hasSize(64);
        }
    }

    /**
     * The Grad-CAM path of ich-explain: a leaf at the last stage, heads under a gradient collector.
     * With global average pooling, ∂score₁/∂A[c, v] = fc_cls.weight[1, c] / voxels exactly.
     */
    @Test
    void gradientAtTheLastStageIsTheHeadWeightOverTheVoxelCount() throws Exception {
        float[] fcCls = npy("forward_d34_w4_state.npz", "fc_cls.weight.npy");
        int channels = CONFIG.featureChannels();
        try (IchModel model = IchModel.load(modelDir)) {
            float[][] result =
                    model.withNetwork(
                            ctx -> {
                                ai.djl.ndarray.NDArray x = ctx.input(List.of(inputs.get(0)));
                                dev.ich.model.arch.IchNetwork net = ctx.network();
                                ai.djl.ndarray.NDArray a =
                                        net.forwardToStage(
                                                ctx.parameters(),
                                                x,
                                                dev.ich.model.arch.IchNetwork.LAST_STAGE,
                                                false);
                                a.setRequiresGradient(true);
                                ai.djl.ndarray.NDList out;
                                try (ai.djl.training.GradientCollector gc =
                                        ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                                    out =
                                            net.forwardFromStage(
                                                    ctx.parameters(),
                                                    a,
                                                    dev.ich.model.arch.IchNetwork.LAST_STAGE,
                                                    false);
                                    gc.backward(out.get(1).get(":, 1"));
                                }
                                return new float[][] {
                                    a.getGradient().toFloatArray(),
                                    new float[] {a.getShape().size() / channels},
                                    out.get(1).toFloatArray()
                                };
                            });
            float[] grad = result[0];
            int voxels = (int) result[1][0];
            assertThat(grad).hasSize(channels * voxels);
            for (int c = 0; c < channels; c++) {
                for (int v = 0; v < voxels; v++) {
                    assertThat((double) grad[c * voxels + v])
                            .isCloseTo(fcCls[channels + c] / voxels, within(1e-6));
                }
            }
            assertThat((double) result[2][1]).isCloseTo(torchScores[1], within(TOLERANCE));
        }
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        try (IchModel model = IchModel.load(modelDir)) {
            Prediction first = model.predict(inputs.get(0));
            Prediction second = model.predict(inputs.get(1));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Prediction>> futures = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    ModelInput in = inputs.get(i % 2);
                    futures.add(pool.submit(() -> model.predict(in)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i).get()).isEqualTo(i % 2 == 0 ? first : second);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void changedParametersAreRefused(@TempDir Path dir) throws Exception {
        Path copy = copyModel(dir);
        byte[] bytes = Files.readAllBytes(copy.resolve("parameters.params"));
        bytes[bytes.length - 3] ^= 1;
        Files.write(copy.resolve("parameters.params"), bytes);
        assertThatThrownBy(() -> IchModel.load(copy))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL))
                .hasMessageContaining("parameters.params")
                .hasMessageContaining("SHA-256");
    }

    @Test
    void missingFilesAreRefused(@TempDir Path dir) throws Exception {
        Path noParams = copyModel(dir.resolve("a"));
        Files.delete(noParams.resolve("parameters.params"));
        assertThatThrownBy(() -> IchModel.load(noParams))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL))
                .hasMessageContaining("parameters.params")
                .hasMessageContaining("missing");
        Path noManifest = copyModel(dir.resolve("b"));
        Files.delete(noManifest.resolve("model.json"));
        assertThatThrownBy(() -> IchModel.load(noManifest))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL))
                .hasMessageContaining("model.json");
        Path garbage = copyModel(dir.resolve("c"));
        Files.writeString(
                garbage.resolve("model.json"),
                "{\"format\": "
                        + ModelManifest.FORMAT_VERSION
                        + ", \"architecture\": {\"depth\": 7}}");
        assertThatThrownBy(() -> IchModel.load(garbage))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MODEL))
                .hasMessageContaining("model.json")
                .hasMessageContaining("depth must be one of");
    }

    @Test
    void savingNeverOverwritesAUsersDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        try (IchModel model = IchModel.load(modelDir)) {
            assertThatThrownBy(() -> model.save(dir))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
        }
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
        try (var files = Files.list(dir.getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().contains(".tmp-")).count())
                    .isZero();
        }
    }

    @Test
    void untrainedModelsAreSeededAndSaveLikeTrainedOnes(@TempDir Path dir) throws Exception {
        var preprocessing = PreprocessingSettings.paperFor(CONFIG).toConfig();
        Path saved = dir.resolve("untrained");
        Prediction first;
        try (IchModel a = IchModel.untrained(CONFIG, preprocessing, 7);
                IchModel b = IchModel.untrained(CONFIG, preprocessing, 7);
                IchModel c = IchModel.untrained(CONFIG, preprocessing, 8)) {
            first = a.predict(inputs.get(0));
            assertThat(b.predict(inputs.get(0))).isEqualTo(first);
            assertThat(c.predict(inputs.get(0))).isNotEqualTo(first);
            a.save(saved);
        }
        try (IchModel loaded = IchModel.load(saved)) {
            assertThat(loaded.predict(inputs.get(0))).isEqualTo(first);
        }
        var other =
                PreprocessingSettings.paperFor(
                                NetworkConfig.builder()
                                        .depth(10)
                                        .baseWidth(4)
                                        .input(8, 32, 32)
                                        .build())
                        .toConfig();
        assertThatThrownBy(() -> IchModel.untrained(CONFIG, other, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8×32×32");
    }

    @Test
    void theOptionalPreprocessingStepsAreSavedOnlyWhenOn(@TempDir Path dir) throws Exception {
        var paper = PreprocessingSettings.paperFor(CONFIG).toConfig();
        var both = paper.toBuilder().antiAliasing(true).boneSuppressionHu(150).build();
        for (var preprocessing : List.of(paper, both)) {
            Path saved = dir.resolve(preprocessing.fingerprint());
            try (IchModel m = IchModel.untrained(CONFIG, preprocessing, 7)) {
                m.save(saved);
            }
            try (IchModel loaded = IchModel.load(saved)) {
                assertThat(loaded.preprocessing()).isEqualTo(preprocessing);
            }
            // Without the step, model.json holds null for it, as JSON has no NaN.
            var json =
                    com.google.gson.JsonParser.parseString(
                                    Files.readString(saved.resolve("model.json")))
                            .getAsJsonObject()
                            .getAsJsonObject("preprocessing")
                            .get("boneSuppressionHu");
            assertThat(json.isJsonNull()).isEqualTo(!preprocessing.boneSuppression());
        }
    }

    @Test
    void badInputsAreNamed() throws Exception {
        try (IchModel model = IchModel.load(modelDir)) {
            assertThatThrownBy(
                            () -> model.predict(new ModelInput(8, 32, 32, new float[8 * 32 * 32])))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VOLUME))
                    .hasMessageContaining("8×32×32")
                    .hasMessageContaining("16×32×32");
            float[] data = new float[16 * 32 * 32];
            data[(3 * 32 + 4) * 32 + 5] = Float.NaN;
            assertThatThrownBy(() -> model.predict(new ModelInput(16, 32, 32, data)))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VOLUME))
                    .hasMessageContaining("NaN")
                    .hasMessageContaining("(3, 4, 5)");
        }
    }

    private static Path copyModel(Path dir) throws Exception {
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        for (String f : new String[] {"model.json", "parameters.params"}) {
            Files.copy(modelDir.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    /** Reads one little-endian float32 array from an .npz (numpy's .npy v1 layout). */
    static float[] npy(String npz, String entry) throws Exception {
        try (InputStream in =
                        IchModelTest.class.getResourceAsStream("/dev/ich/model/reference/" + npz);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(entry)) {
                    byte[] bytes = zip.readAllBytes();
                    DataInputStream data =
                            new DataInputStream(new java.io.ByteArrayInputStream(bytes));
                    data.skipBytes(8);
                    int headerLength = Short.reverseBytes(data.readShort()) & 0xffff;
                    String header =
                            new String(
                                    bytes,
                                    10,
                                    headerLength,
                                    java.nio.charset.StandardCharsets.US_ASCII);
                    assertThat(header).contains("'<f4'");
                    java.nio.ByteBuffer buf =
                            java.nio.ByteBuffer.wrap(
                                            bytes,
                                            10 + headerLength,
                                            bytes.length - 10 - headerLength)
                                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    float[] out = new float[buf.remaining() / 4];
                    buf.asFloatBuffer().get(out);
                    return out;
                }
            }
        }
        throw new IllegalArgumentException(entry + " not in " + npz);
    }
}
