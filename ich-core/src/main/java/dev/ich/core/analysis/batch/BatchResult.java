package dev.ich.core.analysis.batch;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.error.ErrorCode;
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

    /** Whether the study was analysed. */
    public boolean succeeded() {
        return analysis != null;
    }

    /** The analysis, when the study was analysed. */
    public Optional<AnalysisResult> result() {
        return Optional.ofNullable(analysis);
    }
}
