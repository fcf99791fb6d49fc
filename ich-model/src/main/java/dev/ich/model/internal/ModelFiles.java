package dev.ich.model.internal;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.json.Json;
import dev.ich.model.ModelManifest;
import dev.ich.model.arch.IchNetwork;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model directory: {@code model.json} (the {@link ModelManifest}, a format number and the
 * SHA-256 of the manifest itself) and {@code parameters.params} (DJL's parameter format of {@link
 * IchNetwork}), whose SHA-256 the manifest records and {@link #loadParameters} verifies. Since the
 * manifest's own hash covers the parameters' hash too, a change to any setting (the threshold, the
 * architecture, the preprocessing) or to any weight is refused on load.
 */
public final class ModelFiles {

    public static final String MANIFEST = "model.json";
    public static final String PARAMETERS = "parameters.params";
    private static final String MANIFEST_SHA256 = "manifestSha256";

    private static final Gson GSON = Json.gson();

    private ModelFiles() {}

    /**
     * Writes {@code network}'s parameters and the manifest (with their hash) into an existing
     * directory.
     *
     * @throws IchException {@link ErrorCode#NON_FINITE_RESULT} when a parameter is not finite: such
     *     a model would only ever predict NaN
     */
    public static ModelManifest writeInto(Path dir, IchNetwork network, ModelManifest manifest)
            throws IOException, IchException {
        String bad = firstNonFiniteParameter(network);
        if (bad != null) {
            throw new IchException(
                    ErrorCode.NON_FINITE_RESULT,
                    dir.toString(),
                    "would hold the parameter " + bad + " with values that are not finite",
                    "Train again (with a lower learning rate) or import other weights");
        }
        Path params = dir.resolve(PARAMETERS);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(params));
                DataOutputStream data = new DataOutputStream(out)) {
            network.saveParameters(data);
        }
        ModelManifest hashed = manifest.withParametersSha256(Sha256.of(params));
        JsonObject json = GSON.toJsonTree(hashed).getAsJsonObject();
        json.addProperty("format", ModelManifest.FORMAT_VERSION);
        json.addProperty(MANIFEST_SHA256, manifestSha256(hashed));
        Files.writeString(dir.resolve(MANIFEST), Json.toJson(json), StandardCharsets.UTF_8);
        return hashed;
    }

    /** Writes a new model directory atomically; an existing non-empty {@code dir} is an error. */
    public static ModelManifest write(Path dir, IchNetwork network, ModelManifest manifest)
            throws IchException {
        ModelManifest[] written = new ModelManifest[1];
        AtomicDirectory.write(dir, d -> written[0] = writeInto(d, network, manifest));
        return written[0];
    }

    /** Reads and checks {@code model.json}. */
    public static ModelManifest readManifest(Path dir) throws IchException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    dir.toString(),
                    "is not a model directory",
                    "Give the directory that 'ich train' wrote (it holds model.json and parameters.params)");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(file, "is missing", null);
        }
        try {
            JsonObject json =
                    GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
            if (json == null
                    || !json.has("format")
                    || json.get("format").getAsInt() != ModelManifest.FORMAT_VERSION) {
                throw invalid(
                        file,
                        "has no supported format number (expected "
                                + ModelManifest.FORMAT_VERSION
                                + ")",
                        null);
            }
            ModelManifest manifest = GSON.fromJson(json, ModelManifest.class);
            if (manifest.architecture() == null
                    || manifest.targetTransform() == null
                    || manifest.preprocessing() == null
                    || manifest.parametersSha256().isEmpty()) {
                throw invalid(
                        file,
                        "lacks the architecture, the target transform, the preprocessing or the parameter hash",
                        null);
            }
            ModelManifest checked =
                    new ModelManifest(
                            manifest.architecture(),
                            manifest.targetTransform(),
                            manifest.threshold(),
                            manifest.preprocessing(),
                            manifest.provenance(),
                            manifest.parametersSha256());
            if (!json.has(MANIFEST_SHA256)
                    || !manifestSha256(checked).equals(json.get(MANIFEST_SHA256).getAsString())) {
                throw invalid(
                        file,
                        "does not match its own checksum ("
                                + MANIFEST_SHA256
                                + "): a setting in it was changed after training",
                        null);
            }
            String now = checked.preprocessing().toConfig().fingerprint();
            if (!now.equals(checked.preprocessing().fingerprint())) {
                throw invalid(
                        file,
                        "was trained with preprocessing "
                                + checked.preprocessing().fingerprint()
                                + " but this library's preprocessing of the same settings is "
                                + now
                                + " (the algorithm changed)",
                        null);
            }
            return checked;
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    file.toString(),
                    "cannot be read (" + e.getMessage() + ")",
                    "Check the permissions",
                    e);
        } catch (JsonParseException e) {
            throw invalid(file, "is not a valid model manifest (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // Gson wraps a record constructor's validation error (e.g. "depth must be one of ...").
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw invalid(file, "is not a valid model manifest (" + reason.getMessage() + ")", e);
        }
    }

    /**
     * Verifies the parameter file against the manifest's hash and loads it into an initialised
     * network.
     */
    public static void loadParameters(
            Path dir, ModelManifest manifest, IchNetwork network, NDManager manager)
            throws IchException {
        Path file = dir.resolve(PARAMETERS);
        if (!Files.isRegularFile(file)) {
            throw invalid(file, "is missing", null);
        }
        try {
            String actual = Sha256.of(file);
            if (!actual.equalsIgnoreCase(manifest.parametersSha256())) {
                throw invalid(
                        file,
                        "has SHA-256 "
                                + actual
                                + " but model.json records "
                                + manifest.parametersSha256()
                                + " (the file was changed or damaged)",
                        null);
            }
            Map<String, Shape> expected = new LinkedHashMap<>();
            network.torchParameters()
                    .forEach((name, p) -> expected.put(name, p.getArray().getShape()));
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                    DataInputStream data = new DataInputStream(in)) {
                network.loadParameters(manager, data);
            }
            for (var entry : network.torchParameters().entrySet()) {
                Shape loaded = entry.getValue().getArray().getShape();
                if (!loaded.equals(expected.get(entry.getKey()))) {
                    throw invalid(
                            file,
                            "holds "
                                    + entry.getKey()
                                    + " of shape "
                                    + loaded
                                    + " where the architecture in "
                                    + MANIFEST
                                    + " needs "
                                    + expected.get(entry.getKey()),
                            null);
                }
            }
            String bad = firstNonFiniteParameter(network);
            if (bad != null) {
                throw invalid(
                        file,
                        "holds the parameter " + bad + " with values that are not finite",
                        null);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw invalid(
                    file,
                    "cannot be loaded into "
                            + "ResNet-"
                            + manifest.architecture().depth()
                            + " width "
                            + manifest.architecture().baseWidth()
                            + " ("
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** The SHA-256 of the manifest's canonical JSON (which holds the parameters' hash). */
    static String manifestSha256(ModelManifest manifest) {
        return Sha256.ofText(Json.toJson(manifest));
    }

    /** The PyTorch name of the first parameter holding a NaN or an infinity, or {@code null}. */
    private static String firstNonFiniteParameter(IchNetwork network) {
        for (var entry : network.torchParameters().entrySet()) {
            NDArray values = entry.getValue().getArray();
            try (NDArray nan = values.isNaN();
                    NDArray anyNan = nan.any();
                    NDArray infinite = values.isInfinite();
                    NDArray anyInfinite = infinite.any()) {
                if (anyNan.getBoolean() || anyInfinite.getBoolean()) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    private static IchException invalid(Path file, String problem, Throwable cause) {
        return new IchException(
                ErrorCode.INVALID_MODEL,
                file.toString(),
                problem,
                "Use a complete model directory written by 'ich train' or IchModel.save, or train the model again",
                cause);
    }
}
