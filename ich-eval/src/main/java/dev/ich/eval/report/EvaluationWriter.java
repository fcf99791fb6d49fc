package dev.ich.eval.report;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.eval.Evaluation;
import dev.ich.eval.PrognosisRow;
import dev.ich.eval.metrics.CalibrationCurve;
import dev.ich.eval.metrics.RocCurve;
import dev.ich.eval.plot.ChartFiles;
import dev.ich.eval.plot.Figures;
import dev.ich.eval.table.TrainingLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an evaluation folder: {@code metrics.json}, Table 1 and Table 2 as CSV, Markdown and JSON,
 * and the figures as PNG. Before writing anything it checks that none of these files exists, so a
 * user's files are never overwritten unless {@code overwrite} is set.
 */
public final class EvaluationWriter {

    /** metrics.json, the summary. */
    public static final String METRICS = "metrics.json";
    /** Table 1 (volume). */
    public static final String TABLE1 = "table1_volume";
    /** Table 2 (prognosis). */
    public static final String TABLE2 = "table2_prognosis";

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationWriter.class);
    private static final int SIZE = 900;

    private final boolean overwrite;
    private final Optional<TrainingLog> trainingLog;

    /**
     * @param overwrite replace files of an earlier evaluation in the folder
     * @param trainingLog a training log to plot as training_curves.png, if any
     */
    public EvaluationWriter(boolean overwrite, Optional<TrainingLog> trainingLog) {
        this.overwrite = overwrite;
        this.trainingLog = trainingLog;
    }

    /** The names of the files {@link #write} creates, in order. */
    public List<String> fileNames() {
        List<String> names = new ArrayList<>(List.of(METRICS, TABLE1 + ".csv", TABLE1 + ".md", TABLE1 + ".json",
            TABLE2 + ".csv", TABLE2 + ".md", TABLE2 + ".json", "roc.png", "calibration.png", "bland_altman.png",
            "scatter.png", "volume_histogram.png"));
        if (trainingLog.isPresent()) {
            names.add("training_curves.png");
        }
        return names;
    }

    /**
     * Writes every file into {@code folder}, creating it when missing.
     *
     * @return the files written
     * @throws IchException ({@link ErrorCode#OUTPUT_NOT_WRITABLE}) when a file exists and overwriting is
     *     off (nothing is written then), or the folder cannot be written
     */
    public List<Path> write(Evaluation evaluation, Path folder) throws IchException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, folder.toString(), "it is a file, not a folder",
                "Give a folder for the evaluation output");
        }
        if (!overwrite) {
            for (String name : fileNames()) {
                if (Files.exists(folder.resolve(name))) {
                    throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, folder.resolve(name).toString(),
                        "the file already exists and would be overwritten",
                        "Choose an empty output folder, or pass --force to replace the earlier evaluation");
                }
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, folder.toString(), "the folder cannot be created ("
                + e.getMessage() + ")", "Check the path and its permissions", e);
        }
        List<Path> written = new ArrayList<>();
        VolumeTable t1 = VolumeTable.of(evaluation);
        PrognosisTable t2 = PrognosisTable.of(evaluation);
        written.add(text(folder.resolve(METRICS), MetricsJson.toJson(evaluation)));
        written.add(text(folder.resolve(TABLE1 + ".csv"), t1.toCsv()));
        written.add(text(folder.resolve(TABLE1 + ".md"), "# Table 1: volume\n\n" + t1.toMarkdown()));
        written.add(text(folder.resolve(TABLE1 + ".json"), t1.toJson()));
        written.add(text(folder.resolve(TABLE2 + ".csv"), t2.toCsv()));
        written.add(text(folder.resolve(TABLE2 + ".md"), "# Table 2: prognosis\n\n" + t2.toMarkdown()));
        written.add(text(folder.resolve(TABLE2 + ".json"), t2.toJson()));

        Map<String, RocCurve> rocs = new LinkedHashMap<>();
        Map<String, CalibrationCurve> calibrations = new LinkedHashMap<>();
        for (PrognosisRow row : evaluation.prognosisRows()) {
            rocs.put(row.name(), row.evaluation().roc());
            calibrations.put(row.name(), row.evaluation().calibration());
        }
        double[] reference = evaluation.cases().trueVolumeMl();
        double[] model = evaluation.cases().predictedVolumeMl();
        written.add(png(Figures.roc(rocs), folder.resolve("roc.png"), SIZE, SIZE));
        written.add(png(Figures.calibration(calibrations), folder.resolve("calibration.png"), SIZE, SIZE));
        written.add(png(Figures.blandAltman(reference, model, "model"), folder.resolve("bland_altman.png"), 1100, SIZE));
        written.add(png(Figures.scatter(reference, model, "model"), folder.resolve("scatter.png"), SIZE, SIZE));
        written.add(png(Figures.volumeHistogram(reference, 20), folder.resolve("volume_histogram.png"), 1400, 700));
        if (trainingLog.isPresent()) {
            written.add(png(Figures.trainingCurves(trainingLog.get()), folder.resolve("training_curves.png"), 1100, 1000));
        }
        LOG.debug("wrote {} evaluation files to {}", written.size(), folder);
        return written;
    }

    private Path png(JFreeChart chart, Path file, int width, int height) throws IchException {
        ChartFiles.writePng(chart, file, width, height, overwrite);
        return file;
    }

    private Path text(Path file, String content) throws IchException {
        OpenOption[] options = overwrite
            ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
            : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, options)) {
            w.write(content);
        } catch (FileAlreadyExistsException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, file.toString(), "the file already exists",
                "Choose an empty output folder, or pass --force", e);
        } catch (IOException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, file.toString(), "the file cannot be written ("
                + e.getMessage() + ")", "Check the folder's permissions and free space", e);
        }
        return file;
    }
}
