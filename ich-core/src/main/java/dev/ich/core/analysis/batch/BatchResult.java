package dev.ich.core.analysis.batch;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one study of a batch: its analysis, or the error that stopped it.
 *
 * @param index the study's position in the input, from 0
 * @param study the study as it was given
 * @param analysis the analysis; {@code null} when the study failed
 * @param errorCode why the study failed; {@code null} when it was analysed
 * @param errorMessage the one-line message of the failure (where, what, what to do); {@code null}
 *     when the study was analysed
 * @param elapsed wall-clock time spent on the study
 */
public record BatchResult(
        long index,
        BatchStudy study,
        AnalysisResult analysis,
        ErrorCode errorCode,
        String errorMessage,
        Duration elapsed) {

    public BatchResult {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(elapsed, "elapsed");
        if ((analysis == null) == (errorCode == null)) {
            throw new IllegalArgumentException(
                    "a batch result holds either an analysis or an error code");
        }
        if (errorCode != null) {
            Objects.requireNonNull(errorMessage, "errorMessage");
        }
    }

    /**
     * Analyses one study: its analysis, or an error row for a study that cannot be analysed ({@link
     * IchException}'s code) or for an unexpected failure ({@link ErrorCode#UNEXPECTED_FAILURE}).
     * Never throws for a study's fault, so one study never stops a batch.
     *
     * @param analyzer the analyzer
     * @param index the study's position in the input, from 0
     * @param study the study
     * @return what became of the study
     */
    public static BatchResult analyse(IchAnalyzer analyzer, long index, BatchStudy study) {
        long start = System.nanoTime();
        try {
            AnalysisResult result = analyzer.analyze(study.path());
            return new BatchResult(index, study, result, null, null, since(start));
        } catch (IchException e) {
            return failed(index, study, e, since(start));
        } catch (RuntimeException e) {
            return new BatchResult(
                    index,
                    study,
                    null,
                    ErrorCode.UNEXPECTED_FAILURE,
                    study.path()
                            + ": the analysis failed unexpectedly ("
                            + e
                            + "). Report it with the library version.",
                    since(start));
        }
    }

    /**
     * A study that failed with {@code error}, for example before it could be analysed (it could not
     * be fetched from where it is stored).
     */
    public static BatchResult failed(
            long index, BatchStudy study, IchException error, Duration elapsed) {
        return new BatchResult(index, study, null, error.code(), error.getMessage(), elapsed);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Whether the study was analysed. */
    public boolean succeeded() {
        return analysis != null;
    }

    /** The analysis, when the study was analysed. */
    public Optional<AnalysisResult> result() {
        return Optional.ofNullable(analysis);
    }
}
