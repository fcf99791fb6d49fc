package dev.ich.model.train;

import com.google.gson.Gson;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a run after an epoch, written atomically as a directory: {@code state.json}
 * (epochs done, history, best epoch and score, a fingerprint of the settings and of the data),
 * {@code parameters.params} (current weights and batch-norm statistics), {@code best.params}
 * (the best weights so far) and {@code momentum.bin} (the optimiser's buffers). With the
 * epoch-derived random streams of {@link IchTrainer}, this is all a resumed run needs to continue
 * exactly as if it had not stopped.
 */
final class Checkpoint {

    static final String STATE = "state.json";
    static final String PARAMETERS = "parameters.params";
    static final String BEST = "best.params";
    static final String MOMENTUM = "momentum.bin";

    private static final Gson GSON = Json.gson();

    /** The JSON part. */
    record State(int epochsDone, List<EpochMetrics> history, int bestEpoch, double bestScore, String settings,
                 String dataSha256) {
    }

    private Checkpoint() {
    }

    static void write(Path dir, State state, IchNetwork network, SgdOptimizer optimizer, boolean improved)
        throws IchException {
        Path previousBest = dir.resolve(BEST);
        AtomicDirectory.write(dir, true, tmp -> {
            saveParameters(network, tmp.resolve(PARAMETERS));
            if (improved) {
                Files.copy(tmp.resolve(PARAMETERS), tmp.resolve(BEST));
            } else {
                Files.copy(previousBest, tmp.resolve(BEST));
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
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
            Files.writeString(tmp.resolve(STATE), Json.toJson(state), StandardCharsets.UTF_8);
        });
    }

    static State readState(Path dir) throws IchException {
        Path file = dir.resolve(STATE);
        try {
            State state = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
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
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
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

    static void loadParameters(IchNetwork network, Path file, ai.djl.ndarray.NDManager manager) throws IchException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream data = new DataInputStream(in)) {
            network.loadParameters(manager, data);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            throw corrupt(file, "cannot be loaded (" + e.getMessage() + ")", e);
        }
    }

    private static IchException corrupt(Path file, String problem, Throwable cause) {
        return new IchException(ErrorCode.INVALID_TRAINING_DATA, file.toString(), "checkpoint file " + problem,
            "Start the training again without --resume (remove " + file.getParent() + ")", cause);
    }
}
