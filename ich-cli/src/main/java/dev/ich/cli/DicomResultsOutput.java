package dev.ich.cli;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.result.DicomResultWriter;
import dev.ich.dicom.result.ResultInput;
import dev.ich.dicom.result.SourceStudy;
import dev.ich.eval.estimators.HaematomaSegmenter;
import dev.ich.explain.render.MontageOptions;
import dev.ich.explain.render.SliceOverlays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code ich analyze --dicom-out}: the analysis as DICOM objects of the source study (segmentation
 * of the threshold haematoma behind ABC/2 and planimetry, measurement report, heatmap overlay
 * series), written all or none into a folder that holds none of them yet.
 */
final class DicomResultsOutput {

    private static final String ADVICE = "Choose another --dicom-out folder";

    private DicomResultsOutput() {}

    /**
     * Before the study is read: the folder holds no result object already (names depend on the
     * slices).
     */
    static void check(Path folder) throws IchException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    folder.toString(),
                    "is a file, not a folder",
                    "Give a folder for --dicom-out");
        }
        try (Stream<Path> files = Files.list(folder)) {
            Path clash =
                    files.filter(
                                    f ->
                                            f.getFileName()
                                                    .toString()
                                                    .matches("SEG\\.dcm|SR\\.dcm|SC\\d{5}\\.dcm"))
                            .findFirst()
                            .orElse(null);
            if (clash != null) {
                throw new IchException(
                        ErrorCode.OUTPUT_NOT_WRITABLE,
                        clash.toString(),
                        "the file already exists",
                        ADVICE + " or remove the earlier results");
            }
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    folder.toString(),
                    "the folder cannot be listed (" + e.getMessage() + ")",
                    ADVICE,
                    e);
        }
    }

    /**
     * After the study is read, before the analysis: the DICOM series the results will belong to.
     */
    static SourceStudy source(Path study, CtVolume ct) throws IchException {
        if ("nifti".equals(ct.provenance().seriesInstanceUid())) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_ENCODING,
                    study.toString(),
                    "--dicom-out needs a DICOM "
                            + "study, whose patient and study the result objects belong to",
                    "Pass the DICOM series, not a NIfTI file");
        }
        return SourceStudy.read(study, ct.provenance().seriesInstanceUid());
    }

    /**
     * Writes the objects for {@code result}, an analysis of {@code ct} read from {@code source},
     * with the pictures of {@code heatmap} as the overlay series.
     */
    static void write(
            Path folder,
            SourceStudy source,
            CtVolume ct,
            AnalysisResult result,
            StudyHeatmap heatmap)
            throws IchException {
        ResultInput input =
                new ResultInput(
                        source,
                        ct,
                        result,
                        HaematomaSegmenter.defaults().segment(ct),
                        SliceOverlays.of(ct, heatmap, MontageOptions.defaults()));
        try (OutputBatch batch =
                OutputBatch.prepare(
                        folder,
                        DicomResultWriter.fileNames(ct.geometry().nz(), true),
                        false,
                        ADVICE)) {
            DicomResultWriter.create()
                    .write(input, (name, bytes) -> OutputFiles.write(batch, name, bytes));
            batch.commit();
        }
    }
}
