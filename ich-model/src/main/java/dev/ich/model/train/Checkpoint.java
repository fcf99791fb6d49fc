package dev.ich.model.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.json.Json;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.internal.AtomicDirectory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The state of a run after an epoch, written atomically as a directory: {@code state.json} (epochs
 * done, history, best epoch and score, a fingerprint of the settings and of the data), {@code
 * parameters.params} (current weights and batch-norm statistics), {@code best.params} (the best
 * weights so far) and {@code momentum.bin} (the optimiser's buffers). With the epoch-derived random
 * streams of {@link IchTrainer}, this is all a resumed run needs to continue exactly as if it had
 * not stopped. The trainer replaces or removes only a directory it recognises as its own checkpoint
 * ({@link #isCheckpoint}), and removes it once the model is written.
 */
final class Checkpoint {

    static final String STATE = "state.json";
    static final String PARAMETERS = "parameters.params";
    static final String BEST = "best.params";
    static final String MOMENTUM = "momentum.bin";

    /**
     * What {@code state.json} says it is, so a checkpoint is told apart from anything a user has.
     */
    static final String FORMAT = "ich training checkpoint 1";

    private static final Set<String> FILES = Set.of(STATE, PARAMETERS, BEST, MOMENTUM);

    private static final Gson GSON = Json.gson();

    /** The JSON part. */
    record State(
            int epochsDone,
            List<EpochMetrics> history,
            int bestEpoch,
            double bestScore,
            String settings,
            String dataSha256) {}

    private Checkpoint() {}

    static void write(
            Path dir, State state, IchNetwork network, SgdOptimizer optimizer, boolean improved)
            throws IchException {
        Path previousBest = dir.resolve(BEST);
        AtomicDirectory.replace(
                dir,
                Checkpoint::isCheckpoint,
                tmp -> {
                    saveParameters(network, tmp.resolve(PARAMETERS));
                    if (improved) {
                        Files.copy(tmp.resolve(PARAMETERS), tmp.resolve(BEST));
                    } else {
                        Files.copy(previousBest, tmp.resolve(BEST));
                    }
                    try (DataOutputStream out =
                            new DataOutputStream(
                                    new BufferedOutputStream(
                                            Files.newOutputStream(tmp.resolve(MOMENTUM))))) {
                        List<float[]> buffers = optimizer.state();
                        out.writeInt(buffers.size());
                        for (float[] b : buffers) {
                            out.writeInt(b.length);
                            for (float v : b) {
                                out.writeFloat(v);
                            }
                        }
                    }
                    JsonObject json = GSON.toJsonTree(state).getAsJsonObject();
                    json.addProperty("format", FORMAT);
                    Files.writeString(
                            tmp.resolve(STATE), Json.toJson(json), StandardCharsets.UTF_8);
                });
    }

    /**
     * Whether {@code dir} is a checkpoint this trainer wrote: a directory (not a link) holding only
     * the checkpoint's files, as regular files, with a {@code state.json} of the checkpoint format.
     */
    static boolean isCheckpoint(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            boolean onlyOwnFiles =
                    entries.allMatch(
                            p ->
                                    FILES.contains(p.getFileName().toString())
                                            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
            if (!onlyOwnFiles
                    || !Files.isRegularFile(dir.resolve(STATE), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            JsonObject json =
                    GSON.fromJson(
                            Files.readString(dir.resolve(STATE), StandardCharsets.UTF_8),
                            JsonObject.class);
            return json != null
                    && json.has("format")
                    && FORMAT.equals(json.get("format").getAsString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Deletes a checkpoint once its run has written the model (only a directory {@link
     * #isCheckpoint} knows).
     */
    static void remove(Path dir) throws IchException {
        if (!isCheckpoint(dir)) {
            return;
        }
        try {
            for (String name : FILES) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    dir.toString(),
                    "the finished run's checkpoint cannot" + " be removed (" + e.getMessage() + ")",
                    "The model is written; remove the checkpoint by hand",
                    e);
        }
    }

    static State readState(Path dir) throws IchException {
        Path file = dir.resolve(STATE);
        try {
            State state =
                    GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
            if (state == null || state.history() == null || state.settings() == null) {
                throw corrupt(file, "lacks the run state", null);
            }
            return state;
        } catch (IOException | JsonParseException e) {
            throw corrupt(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static List<float[]> readMomentum(Path dir) throws IchException {
        Path file = dir.resolve(MOMENTUM);
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            List<float[]> buffers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                float[] b = new float[in.readInt()];
                for (int j = 0; j < b.length; j++) {
                    b[j] = in.readFloat();
                }
                buffers.add(b);
            }
            return buffers;
        } catch (IOException | NegativeArraySizeException e) {
            throw corrupt(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static void saveParameters(IchNetwork network, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                DataOutputStream data = new DataOutputStream(out)) {
            network.saveParameters(data);
        }
    }

    static void loadParameters(IchNetwork network, Path file, ai.djl.ndarray.NDManager manager)
            throws IchException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream data = new DataInputStream(in)) {
            network.loadParameters(manager, data);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            throw corrupt(file, "cannot be loaded (" + e.getMessage() + ")", e);
        }
    }

    private static IchException corrupt(Path file, String problem, Throwable cause) {
        return new IchException(
                ErrorCode.INVALID_TRAINING_DATA,
                file.toString(),
                "checkpoint file " + problem,
                "Start the training again without --resume (remove " + file.getParent() + ")",
                cause);
    }
}
