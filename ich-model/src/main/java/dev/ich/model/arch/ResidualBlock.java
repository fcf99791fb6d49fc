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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A residual block: basic (3×3×3, 3×3×3) or bottleneck (1×1×1, 3×3×3 with the stride, 1×1×1 ×4),
 * batch norm after every convolution, and a 1×1×1 convolution + batch norm on the shortcut when the
 * stride or the width changes (MedicalNet's shortcut type B). Mirrors {@code BasicBlock} and {@code
 * Bottleneck} in tools/reference/ich_net.py.
 */
final class ResidualBlock extends AbstractBlock {

    private final List<Conv3d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Conv3d downConv;
    private final BatchNorm downNorm;

    ResidualBlock(
            int inChannels,
            int channels,
            int stride,
            boolean bottleneck,
            String torchName,
            Map<String, Parameter> names) {
        int out = bottleneck ? channels * 4 : channels;
        if (bottleneck) {
            add(Layers.conv(channels, 1, 1, 0, torchName + ".conv1", names), torchName, 1, names);
            add(
                    Layers.conv(channels, 3, stride, 1, torchName + ".conv2", names),
                    torchName,
                    2,
                    names);
            add(Layers.conv(out, 1, 1, 0, torchName + ".conv3", names), torchName, 3, names);
        } else {
            add(
                    Layers.conv(channels, 3, stride, 1, torchName + ".conv1", names),
                    torchName,
                    1,
                    names);
            add(Layers.conv(channels, 3, 1, 1, torchName + ".conv2", names), torchName, 2, names);
        }
        if (stride != 1 || inChannels != out) {
            downConv =
                    addChildBlock(
                            "downsample_conv",
                            Layers.conv(out, 1, stride, 0, torchName + ".downsample.0", names));
            downNorm =
                    addChildBlock(
                            "downsample_bn", Layers.batchNorm(torchName + ".downsample.1", names));
        } else {
            downConv = null;
            downNorm = null;
        }
    }

    private void add(Conv3d conv, String torchName, int index, Map<String, Parameter> names) {
        convs.add(addChildBlock("conv" + index, conv));
        norms.add(addChildBlock("bn" + index, Layers.batchNorm(torchName + ".bn" + index, names)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray identity = x;
        if (downConv != null) {
            NDArray d = downConv.forward(ps, inputs, training).singletonOrThrow();
            identity = downNorm.forward(ps, new NDList(d), training).singletonOrThrow();
            Intermediates.release(d);
        }
        NDArray out = x;
        int last = convs.size() - 1;
        for (int i = 0; i <= last; i++) {
            NDArray c = convs.get(i).forward(ps, new NDList(out), training).singletonOrThrow();
            if (out != x) {
                Intermediates.release(out);
            }
            NDArray n = norms.get(i).forward(ps, new NDList(c), training).singletonOrThrow();
            Intermediates.release(c);
            if (i < last) {
                out = Activation.relu(n);
                Intermediates.release(n);
            } else {
                out = n;
            }
        }
        // In place, as PyTorch's BasicBlock does (out += identity): out is the last batch norm's
        // output, which no backward function needs, and a new sum would be one more feature map.
        out.addi(identity);
        if (identity != x) {
            Intermediates.release(identity);
        }
        NDArray result = Activation.relu(out);
        Intermediates.release(out);
        return new NDList(result);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shapes);
            shapes = convs.get(i).getOutputShapes(shapes);
            norms.get(i).initialize(manager, dataType, shapes);
        }
        if (downConv != null) {
            downConv.initialize(manager, dataType, inputShapes);
            downNorm.initialize(manager, dataType, downConv.getOutputShapes(inputShapes));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Conv3d conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }
}
