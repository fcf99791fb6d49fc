package dev.ich.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One stage of residual blocks ({@code layer1} … {@code layer4} in PyTorch). */
final class Stage extends AbstractBlock {

    private final List<ResidualBlock> blocks = new ArrayList<>();

    Stage(
            int inChannels,
            int channels,
            int count,
            int stride,
            boolean bottleneck,
            String torchName,
            Map<String, Parameter> names) {
        int in = inChannels;
        for (int i = 0; i < count; i++) {
            blocks.add(
                    addChildBlock(
                            String.valueOf(i),
                            new ResidualBlock(
                                    in,
                                    channels,
                                    i == 0 ? stride : 1,
                                    bottleneck,
                                    torchName + "." + i,
                                    names)));
            in = bottleneck ? channels * 4 : channels;
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (ResidualBlock block : blocks) {
            NDList next = block.forward(ps, x, training);
            if (x != inputs) {
                for (NDArray a : x) {
                    Intermediates.release(a);
                }
            }
            x = next;
        }
        return x;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (ResidualBlock block : blocks) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (ResidualBlock block : blocks) {
            shapes = block.getOutputShapes(shapes);
        }
        return shapes;
    }
}
