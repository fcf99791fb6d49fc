package dev.ich.explain;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.HeatmapExplainer;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import dev.ich.model.IchModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Explains the predictions of an {@link IchModel}: heatmaps of the Grad-CAM family for the volume
 * or the prognosis head, on the study's own voxel grid.
 *
 * <pre>{@code
 * PreprocessedStudy study = new Preprocessor(PreprocessingConfig.paper()).preprocess(ct);
 * Heatmap map = new Explainer(model).explain(study, CamRequest.paper(Head.VOLUME));
 * }</pre>
 *
 * <p>As ich-core's {@link HeatmapExplainer} (for {@link dev.ich.core.analysis.IchAnalyzer}) it
 * explains a head with the method, polarity, stage and prognosis class given to the
 * {@link #builder(IchModel) builder} (by default the paper's Grad-CAM on the last stage, class death).
 *
 * <p>One call is one forward and one backward pass; the arrays it makes are freed before it
 * returns and the model's parameters are only read, so calls can repeat without growing memory.
 * {@link #explainAll} computes several methods from one capture. Thread-safe: concurrent calls
 * take turns for the backward pass (DJL's PyTorch engine allows one gradient recording at a time).
 * The explainer does not own the model: closing the model is the caller's job.
 */
public final class Explainer implements HeatmapExplainer {

    private final IchModel model;
    private final CamMethod method;
    private final Polarity polarity;
    private final int stage;
    private final int prognosisClass;

    /** The paper's explainer: Grad-CAM, positive evidence, last stage, prognosis class death. */
    public Explainer(IchModel model) {
        this(builder(model));
    }

    private Explainer(Builder b) {
        this.model = b.model;
        this.method = b.method;
        this.polarity = b.polarity;
        this.stage = b.stage;
        this.prognosisClass = b.prognosisClass;
    }

    public static Builder builder(IchModel model) {
        return new Builder(model);
    }

    /** The request this explainer answers for {@code head} in {@link #explain(PreprocessedStudy, Head)}. */
    public CamRequest requestFor(Head head) {
        CamRequest.Builder b = CamRequest.builder().head(head).method(method).polarity(polarity).stage(stage);
        if (head == Head.PROGNOSIS) {
            b.classIndex(prognosisClass);
        }
        return b.build();
    }

    /**
     * The activations of {@code request.stage()} and the gradient of the requested output with
     * respect to them, for one model input.
     *
     * @throws IchException when the input does not fit the model (shape, non-finite values)
     */
    public CamCapture capture(ModelInput input, CamRequest request) throws IchException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(request, "request");
        return GradientCapture.capture(model, input, request);
    }

    /**
     * The network output that {@code request} explains, for {@code input}: the regression output
     * (cube root of the volume in ml) or the requested class score before the softmax. A forward
     * pass only; with {@link dev.ich.explain.score.Faithfulness} it gives deletion and insertion curves.
     */
    public double output(ModelInput input, CamRequest request) throws IchException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(request, "request");
        return GradientCapture.output(model, input, request);
    }

    /** The heatmap of {@code request} on the study's voxel grid. */
    public Heatmap explain(PreprocessedStudy study, CamRequest request) throws IchException {
        Objects.requireNonNull(study, "study");
        CamCapture c = capture(study.input(), request);
        return CamProjection.toStudy(c, request, study.mapping());
    }

    /** {@link HeatmapExplainer}: the heatmap of {@link #requestFor(Head)}. */
    @Override
    public StudyHeatmap explain(PreprocessedStudy study, Head head) throws IchException {
        Objects.requireNonNull(head, "head");
        return explain(study, requestFor(head)).toStudyHeatmap();
    }

    /**
     * Heatmaps of several methods and polarities from one capture of the head, class and stage of
     * {@code base} (its method and polarity are ignored), methods outer, polarities inner.
     */
    public List<Heatmap> explainAll(PreprocessedStudy study, CamRequest base, List<CamMethod> methods,
                                    List<Polarity> polarities) throws IchException {
        Objects.requireNonNull(study, "study");
        CamCapture c = capture(study.input(), base);
        List<Heatmap> out = new ArrayList<>(methods.size() * polarities.size());
        for (CamMethod m : methods) {
            for (Polarity p : polarities) {
                CamRequest r = base.toBuilder().method(m).polarity(p).build();
                out.add(CamProjection.toStudy(c, r, study.mapping()));
            }
        }
        return out;
    }

    /** Options of an {@link Explainer}; {@link #build()} validates them. */
    public static final class Builder {
        private final IchModel model;
        private CamMethod method = CamMethod.GRAD_CAM;
        private Polarity polarity = Polarity.POSITIVE;
        private int stage = CamRequest.LAST_STAGE;
        private int prognosisClass = CamRequest.DEATH;

        private Builder(IchModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder method(CamMethod value) {
            method = Objects.requireNonNull(value, "method");
            return this;
        }

        public Builder polarity(Polarity value) {
            polarity = Objects.requireNonNull(value, "polarity");
            return this;
        }

        /** 0 = stem, 1–4 = residual stages (4, the default, is the paper's). */
        public Builder stage(int value) {
            stage = value;
            return this;
        }

        /** The class score explained for the prognosis head: 1 = death (default), 0 = survival. */
        public Builder prognosisClass(int value) {
            prognosisClass = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the field and value that is invalid */
        public Explainer build() {
            // CamRequest's checks name the field and the value.
            CamRequest.builder().head(Head.PROGNOSIS).classIndex(prognosisClass).stage(stage).build();
            return new Explainer(this);
        }
    }
}
