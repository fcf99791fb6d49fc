package dev.ich.explain;

import dev.ich.core.analysis.Head;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import java.util.Objects;

/**
 * What to explain and how. Made with {@link #builder()}; the defaults are the paper's: Grad-CAM of
 * the volume head on the last encoder stage, positive evidence.
 *
 * @param head which output
 * @param classIndex for {@link Head#PROGNOSIS} the class score to explain (1 = death, the default;
 *     0 = survival); always 0 for {@link Head#VOLUME}, which has a single output
 * @param method the member of the Grad-CAM family
 * @param polarity which side of the evidence
 * @param stage the encoder stage whose output is explained: 0 = stem, 1–4 = the residual stages; 4,
 *     the last convolutional stage, is the paper's choice; not used by {@link
 *     CamMethod#INTEGRATED_GRADIENTS}, which explains the model input
 * @param steps the path steps of {@link CamMethod#INTEGRATED_GRADIENTS} (one forward and one
 *     backward pass each); not used by the Grad-CAM family
 */
public record CamRequest(
        Head head, int classIndex, CamMethod method, Polarity polarity, int stage, int steps) {

    /** The paper's layer: the last residual stage. */
    public static final int LAST_STAGE = 4;

    /** The class index of death in the prognosis head. */
    public static final int DEATH = 1;

    /**
     * Integrated gradients' default path steps. The map's sum approaches the output difference as
     * the steps grow ({@code Explainer.completeness} reports the gap; figures in docs/explain.md).
     */
    public static final int DEFAULT_STEPS = 32;

    /** More steps than this would only repeat nearly equal gradients. */
    public static final int MAX_STEPS = 1024;

    public CamRequest {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(polarity, "polarity");
        if (head == Head.VOLUME && classIndex != 0) {
            throw new IllegalArgumentException(
                    "classIndex must be 0 for the volume head, got " + classIndex);
        }
        if (classIndex < 0 || classIndex > 1) {
            throw new IllegalArgumentException("classIndex must be 0 or 1, got " + classIndex);
        }
        if (stage < 0 || stage > LAST_STAGE) {
            throw new IllegalArgumentException(
                    "stage must be in [0, " + LAST_STAGE + "], got " + stage);
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException(
                    "steps must be in [1, " + MAX_STEPS + "], got " + steps);
        }
    }

    /** The paper's explanation of the given head (class "death" for prognosis). */
    public static CamRequest paper(Head head) {
        return builder().head(head).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .head(head)
                .classIndex(classIndex)
                .method(method)
                .polarity(polarity)
                .stage(stage)
                .steps(steps);
    }

    /**
     * A short description for titles and logs, e.g. {@code Grad-CAM, volume head, stage 4} or
     * {@code Integrated gradients (32 steps), volume head, model input}.
     */
    public String describe() {
        String m =
                switch (method) {
                    case GRAD_CAM -> "Grad-CAM";
                    case GRAD_CAM_PLUS_PLUS -> "Grad-CAM++";
                    case HI_RES_CAM -> "HiResCAM";
                    case LAYER_CAM -> "LayerCAM";
                    case INTEGRATED_GRADIENTS -> "Integrated gradients (" + steps + " steps)";
                };
        String p =
                switch (polarity) {
                    case POSITIVE -> "";
                    case SIGNED -> " (signed)";
                    case NEGATIVE -> " (lowers the output)";
                };
        String h =
                head == Head.VOLUME
                        ? "volume head"
                        : "prognosis head, class " + (classIndex == DEATH ? "death" : "survival");
        return m + p + ", " + h + (method.readsStage() ? ", stage " + stage : ", model input");
    }

    /** Builds a {@link CamRequest}; {@link #build()} validates. */
    public static final class Builder {
        private Head head = Head.VOLUME;
        private Integer classIndex;
        private CamMethod method = CamMethod.GRAD_CAM;
        private Polarity polarity = Polarity.POSITIVE;
        private int stage = LAST_STAGE;
        private int steps = DEFAULT_STEPS;

        private Builder() {}

        public Builder head(Head value) {
            head = value;
            return this;
        }

        /**
         * The class score for the prognosis head; when not set: 1 (death) for prognosis, 0 for
         * volume.
         */
        public Builder classIndex(int value) {
            classIndex = value;
            return this;
        }

        public Builder method(CamMethod value) {
            method = value;
            return this;
        }

        public Builder polarity(Polarity value) {
            polarity = value;
            return this;
        }

        public Builder stage(int value) {
            stage = value;
            return this;
        }

        /** Path steps for integrated gradients (default {@link #DEFAULT_STEPS}). */
        public Builder steps(int value) {
            steps = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field and value that is invalid
         */
        public CamRequest build() {
            int cls = classIndex != null ? classIndex : head == Head.PROGNOSIS ? DEATH : 0;
            return new CamRequest(head, cls, method, polarity, stage, steps);
        }
    }
}
