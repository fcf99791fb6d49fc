package dev.ich.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ich.model.NetworkConfig;
import dev.ich.model.internal.ChannelBlockGuard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-task network as a DJL block: a shared 3D ResNet encoder and two heads.
 *
 * <p>Input {@code N×1×D×H×W}; {@link #forward} returns {@code [size N×1, scores N×2]}: the
 * predicted size (cube root of the volume in ml) and the two class scores (index 1 = death; the
 * softmax of the scores is the probability).
 *
 * <p><b>Stages.</b> The encoder is a chain of {@link #STAGE_COUNT} stages that Grad-CAM can split
 * anywhere: stage 0 is the stem (conv1, bn1, ReLU, max-pool), stages 1–4 are PyTorch's {@code
 * layer1}–{@code layer4}; {@link #LAST_STAGE} is the last convolutional stage, the paper's Grad-CAM
 * layer. For every {@code k}, {@code forwardFromStage(forwardToStage(x, k), k)} equals {@code
 * forward(x)}:
 *
 * <pre>{@code
 * NDArray a = net.forwardToStage(ps, x, IchNetwork.LAST_STAGE, false);   // no gradients needed
 * a.setRequiresGradient(true);                                          // a leaf
 * try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
 *     NDList out = net.forwardFromStage(ps, a, IchNetwork.LAST_STAGE, false); // heads only
 *     gc.backward(out.get(1).get(0, 1));                                // score of "death"
 * }
 * NDArray grad = a.getGradient();
 * }</pre>
 *
 * Intermediate maps are closed as soon as they are used (in training too: autograd keeps what the
 * backward pass needs), so only the returned arrays remain in the caller's manager; the input is
 * never closed.
 *
 * <p>{@link #torchParameters()} maps PyTorch {@code state_dict} names of tools/reference/ich_net.py
 * to this block's parameters (docs/model.md).
 */
public final class IchNetwork extends AbstractBlock {

    /** Stem + four residual stages. */
    public static final int STAGE_COUNT = 5;

    /** The last convolutional stage ({@code layer4}), where the paper applies Grad-CAM. */
    public static final int LAST_STAGE = STAGE_COUNT - 1;

    private static final byte VERSION = 1;

    private final NetworkConfig config;
    private final List<Block> stages = new ArrayList<>();
    private final Linear regression;
    private final Linear classification;
    private final Map<String, Parameter> torchNames = new LinkedHashMap<>();

    /** Builds an uninitialised network; call {@link #initialize} with {@link #inputShape(int)}. */
    public IchNetwork(NetworkConfig config) {
        super(VERSION);
        this.config = config;
        int w = config.baseWidth();
        stages.add(addChildBlock("stem", new Stem(w, torchNames)));
        int[] counts = config.blocksPerStage();
        int expansion = config.bottleneck() ? 4 : 1;
        int in = w;
        for (int i = 0; i < 4; i++) {
            int channels = w << i;
            String name = "layer" + (i + 1);
            stages.add(
                    addChildBlock(
                            name,
                            new Stage(
                                    in,
                                    channels,
                                    counts[i],
                                    i == 0 ? 1 : 2,
                                    config.bottleneck(),
                                    name,
                                    torchNames)));
            in = channels * expansion;
        }
        regression = addChildBlock("fc_reg", Layers.linear(1, "fc_reg", torchNames));
        classification = addChildBlock("fc_cls", Layers.linear(2, "fc_cls", torchNames));
    }

    public NetworkConfig config() {
        return config;
    }

    /** {@code N×1×D×H×W} for a batch of {@code n}. */
    public Shape inputShape(int n) {
        return new Shape(n, 1, config.inputDepth(), config.inputHeight(), config.inputWidth());
    }

    /** The stage blocks in order (stem, layer1 … layer4); unmodifiable. */
    public List<Block> stages() {
        return Collections.unmodifiableList(stages);
    }

    /** PyTorch {@code state_dict} name → parameter, in PyTorch's order; unmodifiable. */
    public Map<String, Parameter> torchParameters() {
        return Collections.unmodifiableMap(torchNames);
    }

    /**
     * The parameters of the regression head (skipped by the optimiser when only prognosis is
     * trained).
     */
    public List<Parameter> regressionHeadParameters() {
        return List.copyOf(regression.getParameters().values());
    }

    /** The parameters of the classification head. */
    public List<Parameter> classificationHeadParameters() {
        return List.copyOf(classification.getParameters().values());
    }

    /** The feature map after stage {@code lastStage} (inclusive), starting from the input. */
    public NDArray forwardToStage(
            ParameterStore ps, NDArray input, int lastStage, boolean training) {
        checkStage(lastStage);
        return runStages(ps, input, 0, lastStage, training);
    }

    /**
     * Runs the stages after {@code stage} on its feature map, then both heads: {@code [size N×1,
     * scores N×2]}. With {@code stage == LAST_STAGE} only the heads run.
     */
    public NDList forwardFromStage(
            ParameterStore ps, NDArray features, int stage, boolean training) {
        checkStage(stage);
        NDArray last = runStages(ps, features, stage + 1, LAST_STAGE, training);
        NDList out = heads(ps, last, training);
        if (last != features) {
            Intermediates.release(last);
        }
        return out;
    }

    /**
     * The two heads on the last stage's feature map {@code N×C×d×h×w}: {@code [size N×1, scores
     * N×2]}.
     */
    public NDList heads(ParameterStore ps, NDArray features, boolean training) {
        NDArray pooled = Pool.globalAvgPool3d(features);
        NDArray size = regression.forward(ps, new NDList(pooled), training).singletonOrThrow();
        NDArray scores =
                classification.forward(ps, new NDList(pooled), training).singletonOrThrow();
        Intermediates.release(pooled);
        if (config.classifierRelu()) {
            NDArray clipped = Activation.relu(scores);
            Intermediates.release(scores);
            scores = clipped;
        }
        return new NDList(size, scores);
    }

    private NDArray runStages(
            ParameterStore ps, NDArray input, int from, int to, boolean training) {
        return ChannelBlockGuard.pass(
                config.baseWidth(), () -> runStagesHere(ps, input, from, to, training));
    }

    private NDArray runStagesHere(
            ParameterStore ps, NDArray input, int from, int to, boolean training) {
        NDArray x = input;
        for (int s = from; s <= to; s++) {
            NDArray next = stages.get(s).forward(ps, new NDList(x), training).singletonOrThrow();
            if (x != input) {
                Intermediates.release(x);
            }
            x = next;
        }
        return x;
    }

    private static void checkStage(int stage) {
        if (stage < 0 || stage > LAST_STAGE) {
            throw new IllegalArgumentException(
                    "stage must be in [0, " + LAST_STAGE + "], got " + stage);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray stem = forwardToStage(ps, inputs.singletonOrThrow(), 0, training);
        NDList out = forwardFromStage(ps, stem, 0, training);
        Intermediates.release(stem);
        return out;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block stage : stages) {
            stage.initialize(manager, dataType, shapes);
            shapes = stage.getOutputShapes(shapes);
        }
        Shape pooled = new Shape(shapes[0].get(0), shapes[0].get(1));
        regression.initialize(manager, dataType, pooled);
        classification.initialize(manager, dataType, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, 1), new Shape(n, 2)};
    }
}
