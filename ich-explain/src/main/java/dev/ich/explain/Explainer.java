package dev.ich.explain;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.HeatmapExplainer;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMath;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Explains the predictions of an {@link IchModel}: heatmaps of the Grad-CAM family or integrated
 * gradients for the volume or the prognosis head, on the study's own voxel grid.
 *
 * <pre>{@code
 * Explainer explainer = Explainer.forModel(model);   // the method that localises at the model's input size
 * StudyHeatmap map = explainer.explain(study, Head.VOLUME);
 * StudyHeatmap paper = explainer.explain(study, CamRequest.paper(Head.VOLUME));  // any method on request
 * }</pre>
 *
 * <p>As ich-core's {@link HeatmapExplainer} (for {@link dev.ich.core.analysis.IchAnalyzer}) it
 * explains a head with the method, polarity, stage, prognosis class and steps it was made with:
 * {@link #forModel(IchModel)} chooses them for the model, {@link #builder(IchModel)} sets them, and
 * {@link #Explainer(IchModel)} is the paper's Grad-CAM on the last stage (class death).
 *
 * <p>One call is one forward and one backward pass (integrated gradients: one per path step, see
 * {@link CamRequest#steps()}); the arrays it makes are freed before it returns and the model's
 * parameters are only read, so calls can repeat without growing memory. {@link #explainAll}
 * computes several methods from one capture. Thread-safe: concurrent calls take turns for the
 * backward pass (DJL's PyTorch engine allows one gradient recording at a time). The explainer does
 * not own the model: closing the model is the caller's job.
 */
public final class Explainer implements HeatmapExplainer {

    /**
     * The rows and columns of input from which {@link #forModel(IchModel)} chooses Grad-CAM: the
     * paper's 224, whose last stage has 7 × 7 cells in the plane.
     */
    public static final int GRAD_CAM_MIN_PLANE = 224;

    private final IchModel model;
    private final CamMethod method;
    private final Polarity polarity;
    private final int stage;
    private final int prognosisClass;
    private final int steps;

    /**
     * The paper's explainer: Grad-CAM, positive evidence, last stage, prognosis class death. Its
     * last stage is too coarse to place a bleed below the paper's input size (1 × 3 × 3 cells at
     * the CPU preset); {@link #forModel(IchModel)} chooses a method that localises there.
     */
    public Explainer(IchModel model) {
        this(builder(model));
    }

    /**
     * An explainer whose heatmaps localise at {@code model}'s input size, chosen by this rule:
     *
     * <ul>
     *   <li>an input of at least the paper's {@value #GRAD_CAM_MIN_PLANE} × {@value
     *       #GRAD_CAM_MIN_PLANE} rows and columns (the last stage then has at least 7 × 7 cells):
     *       the paper's Grad-CAM on the last stage, one forward and one backward pass;
     *   <li>a smaller input, such as the CPU preset's 80 × 80 (last stage 1 × 3 × 3 cells):
     *       integrated gradients with {@link CamRequest#DEFAULT_STEPS} steps, positive evidence,
     *       one forward and one backward pass per step.
     * </ul>
     *
     * The rule follows docs/explain.md ("Localisation on phantoms"): at the CPU preset the
     * last-stage Grad-CAM family puts about the chance share of its energy inside the haematoma,
     * integrated gradients two thirds to three quarters of it. The prognosis head is explained for
     * class death.
     */
    public static Explainer forModel(IchModel model) {
        NetworkConfig network = model.config();
        if (Math.min(network.inputHeight(), network.inputWidth()) >= GRAD_CAM_MIN_PLANE) {
            return new Explainer(model);
        }
        return builder(model).method(CamMethod.INTEGRATED_GRADIENTS).build();
    }

    private Explainer(Builder b) {
        this.model = b.model;
        this.method = b.method;
        this.polarity = b.polarity;
        this.stage = b.stage;
        this.prognosisClass = b.prognosisClass;
        this.steps = b.steps;
    }

    /**
     * A builder with the paper's settings, for choosing the method, polarity, stage, class and
     * steps.
     */
    public static Builder builder(IchModel model) {
        return new Builder(model);
    }

    /**
     * The request this explainer answers for {@code head} in {@link #explain(PreprocessedStudy,
     * Head)}.
     */
    public CamRequest requestFor(Head head) {
        CamRequest.Builder b =
                CamRequest.builder()
                        .head(head)
                        .method(method)
                        .polarity(polarity)
                        .stage(stage)
                        .steps(steps);
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
     * pass only; with {@link dev.ich.explain.score.Faithfulness} it gives deletion and insertion
     * curves.
     */
    public double output(ModelInput input, CamRequest request) throws IchException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(request, "request");
        return GradientCapture.output(model, input, request);
    }

    /**
     * How closely an integrated-gradients capture of {@code input} sums to the output's change from
     * the all-zero baseline (two more forward passes).
     *
     * @param capture {@code capture(input, request)}
     * @throws IllegalArgumentException when {@code request} is not integrated gradients
     */
    public Completeness completeness(ModelInput input, CamCapture capture, CamRequest request)
            throws IchException {
        Objects.requireNonNull(capture, "capture");
        if (request.method().readsStage()) {
            throw new IllegalArgumentException(
                    "completeness holds for integrated gradients, not for "
                            + request.method().cliName());
        }
        double sum = 0;
        for (float v : CamMath.map(capture, request.method(), Polarity.SIGNED)) {
            sum += v;
        }
        ModelInput baseline =
                new ModelInput(
                        input.depth(), input.height(), input.width(), new float[input.size()]);
        return new Completeness(sum, output(input, request) - output(baseline, request));
    }

    /** The heatmap of {@code request} on the study's voxel grid. */
    public StudyHeatmap explain(PreprocessedStudy study, CamRequest request) throws IchException {
        Objects.requireNonNull(study, "study");
        CamCapture c = capture(study.input(), request);
        return CamProjection.toStudy(c, request, study.mapping());
    }

    /** {@link HeatmapExplainer}: the heatmap of {@link #requestFor(Head)}. */
    @Override
    public StudyHeatmap explain(PreprocessedStudy study, Head head) throws IchException {
        Objects.requireNonNull(head, "head");
        return explain(study, requestFor(head));
    }

    /**
     * Heatmaps of several methods and polarities for the head, class, stage and steps of {@code
     * base} (its method and polarity are ignored), methods outer, polarities inner. The Grad-CAM
     * family shares one capture of the stage; integrated gradients, if asked for, makes its own of
     * the input.
     */
    public List<StudyHeatmap> explainAll(
            PreprocessedStudy study,
            CamRequest base,
            List<CamMethod> methods,
            List<Polarity> polarities)
            throws IchException {
        Objects.requireNonNull(study, "study");
        CamCapture stageCapture = null;
        CamCapture inputCapture = null;
        List<StudyHeatmap> out = new ArrayList<>(methods.size() * polarities.size());
        for (CamMethod m : methods) {
            CamRequest request = base.toBuilder().method(m).build();
            if (m.readsStage() && stageCapture == null) {
                stageCapture = capture(study.input(), request);
            } else if (!m.readsStage() && inputCapture == null) {
                inputCapture = capture(study.input(), request);
            }
            CamCapture c = m.readsStage() ? stageCapture : inputCapture;
            for (Polarity p : polarities) {
                out.add(
                        CamProjection.toStudy(
                                c, request.toBuilder().polarity(p).build(), study.mapping()));
            }
        }
        return out;
    }

    /**
     * Options of an {@link Explainer}; each setter checks its value at once and names it when
     * invalid.
     */
    public static final class Builder {
        private final IchModel model;
        private CamMethod method = CamMethod.GRAD_CAM;
        private Polarity polarity = Polarity.POSITIVE;
        private int stage = CamRequest.LAST_STAGE;
        private int prognosisClass = CamRequest.DEATH;
        private int steps = CamRequest.DEFAULT_STEPS;

        private Builder(IchModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The method of the Grad-CAM family or integrated gradients; Grad-CAM by default. */
        public Builder method(CamMethod value) {
            method = Objects.requireNonNull(value, "method");
            return this;
        }

        /** Which side of the evidence; positive (raises the output) by default. */
        public Builder polarity(Polarity value) {
            polarity = Objects.requireNonNull(value, "polarity");
            return this;
        }

        /** 0 = stem, 1–4 = residual stages (4, the default, is the paper's). */
        public Builder stage(int value) {
            // CamRequest's checks name the field and the value.
            CamRequest.builder().stage(value).build();
            stage = value;
            return this;
        }

        /** The class score explained for the prognosis head: 1 = death (default), 0 = survival. */
        public Builder prognosisClass(int value) {
            CamRequest.builder().head(Head.PROGNOSIS).classIndex(value).build();
            prognosisClass = value;
            return this;
        }

        /**
         * Path steps of integrated gradients, 1 to {@link CamRequest#MAX_STEPS} (default {@link
         * CamRequest#DEFAULT_STEPS}).
         */
        public Builder steps(int value) {
            CamRequest.builder().steps(value).build();
            steps = value;
            return this;
        }

        /** An explainer with these options. */
        public Explainer build() {
            return new Explainer(this);
        }
    }
}
