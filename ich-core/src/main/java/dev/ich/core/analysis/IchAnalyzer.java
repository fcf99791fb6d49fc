package dev.ich.core.analysis;

import dev.ich.core.error.IchException;
import dev.ich.core.io.StudyReader;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.HuWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A study in; volume, prognosis, classical estimates and explanations out.
 *
 * <p>Composes a {@link StudyReader}, an {@link IchPredictor}, an optional {@link HeatmapExplainer}
 * and {@link VolumeEstimator}s, all passed in explicitly. An analyzer is immutable and safe to
 * share between threads: concurrent {@link #analyze} calls give the same results as serial ones.
 *
 * <p>Ownership: what the caller made, the caller closes. The analyzer borrows the components it is
 * given and closes none of them; {@link #close()} only ends the analyzer's own use. So a model can
 * serve several analyzers, or be used directly after an analyzer is closed, and is closed once by
 * whoever loaded it, after the analyzers that use it:
 *
 * <pre>{@code
 * try (IchModel model = IchModel.load(modelDir);
 *      IchAnalyzer analyzer = IchAnalyzer.builder()
 *          .reader(DicomStudyReader.create())
 *          .model(model)
 *          .build()) {
 *     AnalysisResult result = analyzer.analyze(studyDir);
 * }
 * }</pre>
 */
public final class IchAnalyzer implements AutoCloseable {

    private final StudyReader reader;
    private final IchPredictor model;
    private final HeatmapExplainer explainer;
    private final Set<Head> explainedHeads;
    private final List<VolumeEstimator> estimators;
    private final Preprocessor preprocessor;
    private final List<String> optionWarnings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private IchAnalyzer(Builder b, PreprocessingConfig preprocessing, List<String> optionWarnings) {
        this.reader = b.reader;
        this.model = b.model;
        this.explainer = b.explainer;
        this.explainedHeads =
                b.explainedHeads.isEmpty() ? Set.of() : EnumSet.copyOf(b.explainedHeads);
        this.estimators = List.copyOf(b.estimators);
        this.preprocessor = new Preprocessor(preprocessing, b.threads);
        this.optionWarnings = List.copyOf(optionWarnings);
    }

    /** An empty builder: the reader and the model are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads the study (a file or folder the reader understands) and analyses it. */
    public AnalysisResult analyze(Path study) throws IchException {
        Objects.requireNonNull(study, "study");
        requireOpen();
        long start = System.nanoTime();
        CtVolume ct = reader.read(study);
        return analyze(ct, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Analyses a volume already in memory. */
    public AnalysisResult analyze(CtVolume ct) throws IchException {
        Objects.requireNonNull(ct, "ct");
        requireOpen();
        return analyze(ct, Duration.ZERO);
    }

    private AnalysisResult analyze(CtVolume ct, Duration readTime) throws IchException {
        Map<AnalysisStage, Duration> timings = new EnumMap<>(AnalysisStage.class);
        timings.put(AnalysisStage.READ, readTime);

        Stopwatch watch = new Stopwatch();
        PreprocessedStudy study = preprocessor.preprocess(ct);
        timings.put(AnalysisStage.PREPROCESS, watch.lap());

        Prediction prediction = model.predict(study.input());
        timings.put(AnalysisStage.PREDICT, watch.lap());

        Map<String, Double> estimates = new LinkedHashMap<>();
        for (VolumeEstimator estimator : estimators) {
            estimates.put(estimator.name(), estimator.estimateMl(ct));
        }
        timings.put(AnalysisStage.ESTIMATE, watch.lap());

        Map<Head, StudyHeatmap> heatmaps = new EnumMap<>(Head.class);
        for (Head head : explainedHeads) {
            heatmaps.put(head, explainer.explain(study, head));
        }
        timings.put(AnalysisStage.EXPLAIN, watch.lap());

        List<String> warnings = new ArrayList<>(ct.provenance().warnings());
        warnings.addAll(optionWarnings);
        AnalysisProvenance provenance =
                new AnalysisProvenance(
                        ct.provenance().seriesInstanceUid(),
                        ct.provenance().sliceCount(),
                        ct.provenance().transferSyntaxUid(),
                        model.parametersSha256(),
                        preprocessor.config().fingerprint(),
                        LibraryVersion.get());
        return new AnalysisResult(
                prediction, estimates, heatmaps, ct.geometry(), warnings, timings, provenance);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this IchAnalyzer is closed");
        }
    }

    /** The preprocessing applied to every study (the model's, with any window override). */
    public PreprocessingConfig preprocessing() {
        return preprocessor.config();
    }

    /**
     * Ends this analyzer's use: later {@link #analyze} calls throw {@link IllegalStateException}.
     * Closes none of the components it was given (reader, model, explainer, estimators): they
     * belong to the caller, who closes them. Repeated calls do nothing.
     */
    @Override
    public void close() {
        closed.set(true);
    }

    /** Measures consecutive stages. */
    private static final class Stopwatch {
        private long last = System.nanoTime();

        Duration lap() {
            long now = System.nanoTime();
            Duration d = Duration.ofNanos(now - last);
            last = now;
            return d;
        }
    }

    /**
     * Builds an {@link IchAnalyzer}. Each setter checks its value at once; {@link #build()} checks
     * that the required parts are there and fit together.
     */
    public static final class Builder {
        private StudyReader reader;
        private IchPredictor model;
        private HeatmapExplainer explainer;
        private final Set<Head> explainedHeads = EnumSet.noneOf(Head.class);
        private final List<VolumeEstimator> estimators = new ArrayList<>();
        private int threads = 2;
        private HuWindow window;

        private Builder() {}

        /** Required: how studies are read (ich-dicom's {@code DicomStudyReader}). */
        public Builder reader(StudyReader value) {
            this.reader = Objects.requireNonNull(value, "reader");
            return this;
        }

        /**
         * Required: the trained network (ich-model's {@code IchModel}). The analyzer borrows it:
         * the caller closes it, after the analyzer.
         */
        public Builder model(IchPredictor value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /**
         * The explainer (ich-explain's {@code Explainer.forModel(model)}); needed when heads are to
         * be explained. Borrowed like the model.
         */
        public Builder explainer(HeatmapExplainer value) {
            this.explainer = Objects.requireNonNull(value, "explainer");
            return this;
        }

        /** Which heads to explain in every analysis; none by default. */
        public Builder explain(Head... heads) {
            explainedHeads.addAll(List.of(heads));
            return this;
        }

        /** Classical estimates to report beside the network's (ich-eval's ABC/2, planimetry). */
        public Builder estimators(VolumeEstimator... values) {
            for (VolumeEstimator estimator : values) {
                Objects.requireNonNull(estimator, "estimator");
                for (VolumeEstimator earlier : estimators) {
                    if (earlier.name().equals(estimator.name())) {
                        throw new IllegalArgumentException(
                                "two estimators are named '" + estimator.name() + "'");
                    }
                }
                estimators.add(estimator);
            }
            return this;
        }

        /**
         * Threads for preprocessing; 2 by default (the network's threads are set on the engine).
         */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + value);
            }
            this.threads = value;
            return this;
        }

        /**
         * Replaces the model's intensity window. The model was trained with its own window, so a
         * different one is recorded as a warning in every result.
         */
        public Builder window(HuWindow value) {
            this.window = Objects.requireNonNull(value, "window");
            return this;
        }

        /**
         * An analyzer of these parts.
         *
         * @throws IllegalStateException when the reader or the model is missing, or heads are to be
         *     explained without an explainer
         */
        public IchAnalyzer build() {
            if (reader == null) {
                throw new IllegalStateException(
                        "reader must be set (for example DicomStudyReader.create())");
            }
            if (model == null) {
                throw new IllegalStateException(
                        "model must be set (for example IchModel.load(directory))");
            }
            if (!explainedHeads.isEmpty() && explainer == null) {
                throw new IllegalStateException(
                        "explain("
                                + explainedHeads
                                + ") needs an explainer, but explainer is not set");
            }
            PreprocessingConfig preprocessing = model.preprocessing();
            List<String> warnings = new ArrayList<>();
            if (window != null && !window.equals(preprocessing.window())) {
                warnings.add(
                        "intensity window overridden to ["
                                + window.lower()
                                + ", "
                                + window.upper()
                                + "] HU; the model was trained with ["
                                + preprocessing.window().lower()
                                + ", "
                                + preprocessing.window().upper()
                                + "] HU");
                preprocessing = preprocessing.toBuilder().window(window).build();
            }
            return new IchAnalyzer(this, preprocessing, warnings);
        }
    }
}
