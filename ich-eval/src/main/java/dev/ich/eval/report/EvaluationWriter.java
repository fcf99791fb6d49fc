package dev.ich.eval.report;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import dev.ich.eval.Evaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an evaluation folder: {@code metrics.json}, Table 1 and Table 2 as CSV, Markdown and JSON,
 * and any further {@link EvaluationFiles} (the figures of {@code ich-eval-plots}), all or none
 * ({@link OutputBatch}). Before any work it checks that none of these files exists, so a user's
 * files are never overwritten unless {@code overwrite} is set, and that none is a link: nothing is
 * ever written through one.
 */
public final class EvaluationWriter {

    /** metrics.json, the summary. */
    public static final String METRICS = "metrics.json";

    /** Table 1 (volume). */
    public static final String TABLE1 = "table1_volume";

    /** Table 2 (prognosis). */
    public static final String TABLE2 = "table2_prognosis";

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationWriter.class);

    private final boolean overwrite;
    private final List<EvaluationFiles> extras;

    /**
     * A writer of the metrics and tables only.
     *
     * @param overwrite replace files of an earlier evaluation in the folder
     */
    public EvaluationWriter(boolean overwrite) {
        this(overwrite, List.of());
    }

    /**
     * @param overwrite replace files of an earlier evaluation in the folder
     * @param extras further files to write in the same batch, such as the figures
     */
    public EvaluationWriter(boolean overwrite, List<? extends EvaluationFiles> extras) {
        this.overwrite = overwrite;
        this.extras = List.copyOf(extras);
    }

    /** The names of the files {@link #write} creates, in order. */
    public List<String> fileNames() {
        List<String> names =
                new ArrayList<>(
                        List.of(
                                METRICS,
                                TABLE1 + ".csv",
                                TABLE1 + ".md",
                                TABLE1 + ".json",
                                TABLE2 + ".csv",
                                TABLE2 + ".md",
                                TABLE2 + ".json"));
        for (EvaluationFiles extra : extras) {
            names.addAll(extra.fileNames());
        }
        return names;
    }

    /**
     * Checks, before any work, that {@link #write} can write every file into {@code folder};
     * nothing is created. {@link #write} checks again, for files that appear meanwhile.
     *
     * @throws IchException as {@link #write} would for the files in the way
     */
    public void checkFolder(Path folder) throws IchException {
        prepare(folder).close();
    }

    private OutputBatch prepare(Path folder) throws IchException {
        return OutputBatch.prepare(
                folder,
                fileNames(),
                overwrite,
                "Choose an empty output folder, or pass --force to replace the earlier evaluation");
    }

    /**
     * Writes every file into {@code folder}, creating it when missing.
     *
     * @return the files written
     * @throws IchException ({@link ErrorCode#OUTPUT_NOT_WRITABLE}) when a file exists and
     *     overwriting is off, or one is a link or a folder (nothing is written then), or the folder
     *     cannot be written
     */
    public List<Path> write(Evaluation evaluation, Path folder) throws IchException {
        try (OutputBatch batch = prepare(folder)) {
            VolumeTable t1 = VolumeTable.of(evaluation);
            PrognosisTable t2 = PrognosisTable.of(evaluation);
            text(batch, METRICS, MetricsJson.toJson(evaluation));
            text(batch, TABLE1 + ".csv", t1.toCsv());
            text(batch, TABLE1 + ".md", "# Table 1: volume\n\n" + t1.toMarkdown());
            text(batch, TABLE1 + ".json", t1.toJson());
            text(batch, TABLE2 + ".csv", t2.toCsv());
            text(batch, TABLE2 + ".md", "# Table 2: prognosis\n\n" + t2.toMarkdown());
            text(batch, TABLE2 + ".json", t2.toJson());
            for (EvaluationFiles extra : extras) {
                extra.write(evaluation, batch);
            }
            List<Path> written = batch.commit();
            LOG.debug("wrote {} evaluation files to {}", written.size(), folder);
            return written;
        }
    }

    private static void text(OutputBatch batch, String name, String content) throws IchException {
        Path file = batch.temporary(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "the file cannot be written (" + e.getMessage() + ")",
                    "Check the folder's permissions and free space",
                    e);
        }
    }
}
