package dev.ich.spark;

import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.error.IchException;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.model.IchModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One analyzer per executor JVM and model directory, loaded by the first task that needs it and
 * shared by every task and partition after it (an analyzer is safe to share between threads).
 * libtorch's threads are set, once, to the cores each task has ({@code spark.task.cpus}): the
 * executor runs as many tasks at once as it has cores for.
 */
final class ExecutorAnalyzers {

    /** The classical estimates every row holds, in this order. */
    static final List<String> ESTIMATORS = List.of("abc2", "planimetry");

    /**
     * An analyzer and its model's SHA-256.
     *
     * @param analyzer the shared analyzer
     * @param modelSha256 the model's parameters' SHA-256
     */
    record Loaded(IchAnalyzer analyzer, String modelSha256) {}

    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private ExecutorAnalyzers() {}

    /** The analyzer of the model in {@code modelDir} on this JVM, loading it on first use. */
    static Loaded get(Path modelDir, int taskCores) {
        return LOADED.computeIfAbsent(
                modelDir.toAbsolutePath().normalize().toString(), key -> load(modelDir, taskCores));
    }

    private static Loaded load(Path modelDir, int taskCores) {
        try {
            IchModel.setIntraOpThreads(taskCores);
            IchModel model = IchModel.load(modelDir);
            IchAnalyzer analyzer =
                    IchAnalyzer.builder()
                            .reader(AnyStudyReader.create())
                            .model(model)
                            .threads(taskCores)
                            .estimators(
                                    SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                                    SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY))
                            .build();
            return new Loaded(analyzer, model.parametersSha256());
        } catch (IchException e) {
            // A model that cannot be loaded fails the job: no study could be analysed with it.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
