package dev.ich.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * The stem: 7×7×7 convolution (stride 2, padding 3), batch norm, ReLU, 3×3×3 max-pool (stride 2,
 * padding 1).
 *
 * <p>Why the ReLU is applied after the max-pool: a ReLU is monotonic, so the maximum of the ReLUs
 * is the ReLU of the maximum, exactly, and the gradient goes to the same voxel (or is 0 in both
 * orders when the maximum is not positive). After the pool it runs on an eighth of the voxels: at
 * the paper's size its output is 13 MB instead of 103 MB, and 103 MB is a fresh allocation, faulted
 * in page by page, at every step.
 */
final class Stem extends AbstractBlock {

    private static final Shape POOL_KERNEL = new Shape(3, 3, 3);
    private static final Shape POOL_STRIDE = new Shape(2, 2, 2);
    private static final Shape POOL_PADDING = new Shape(1, 1, 1);

    private final Conv3d conv;
    private final Parameter convWeight;
    private final BatchNorm bn;

    Stem(int width, Map<String, Parameter> names) {
        conv =
                addChildBlock(
                        "conv1",
                        Layers.conv(
                                width,
                                SpaceToDepthStemConvolution.KERNEL,
                                2,
                                SpaceToDepthStemConvolution.PADDING,
                                "conv1",
                                names));
        convWeight = names.get("conv1.weight");
        bn = addChildBlock("bn1", Layers.batchNorm("bn1", names));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        // Training needs the weight gradient, which is about twice as fast in the rearranged form.
        NDArray x =
                training
                        ? SpaceToDepthStemConvolution.apply(
                                input, ps.getValue(convWeight, input.getDevice(), true))
                        : conv.forward(ps, inputs, false).singletonOrThrow();
        NDArray y = bn.forward(ps, new NDList(x), training).singletonOrThrow();
        Intermediates.release(x);
        NDArray pooled = Pool.maxPool3d(y, POOL_KERNEL, POOL_STRIDE, POOL_PADDING, false);
        Intermediates.release(y);
        NDArray z = Activation.relu(pooled);
        Intermediates.release(pooled);
        return new NDList(z);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = conv.getOutputShapes(inputShapes)[0];
        return new Shape[] {
            new Shape(s.get(0), s.get(1), half(s.get(2)), half(s.get(3)), half(s.get(4)))
        };
    }

    /** Output size of a 3-wide pool with stride 2 and padding 1. */
    static long half(long n) {
        return (n + 2 - 3) / 2 + 1;
    }
}
