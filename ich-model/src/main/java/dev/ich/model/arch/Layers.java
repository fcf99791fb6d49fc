package dev.ich.model.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.Map;

/**
 * Factories for the leaf layers, each recording the PyTorch {@code state_dict} names of its
 * parameters.
 */
final class Layers {

    /**
     * PyTorch's BatchNorm3d defaults: eps 1e-5, momentum 0.1 (DJL counts momentum the other way
     * round).
     */
    static final float BN_EPSILON = 1e-5f;

    static final float BN_MOMENTUM_DJL = 0.9f;

    private Layers() {}

    static Conv3d conv(
            int filters,
            int kernel,
            int stride,
            int padding,
            String torchName,
            Map<String, Parameter> names) {
        Conv3d conv =
                Conv3d.builder()
                        .setFilters(filters)
                        .setKernelShape(new Shape(kernel, kernel, kernel))
                        .optStride(new Shape(stride, stride, stride))
                        .optPadding(new Shape(padding, padding, padding))
                        .optBias(false)
                        .build();
        names.put(torchName + ".weight", param(conv, "weight"));
        return conv;
    }

    static BatchNorm batchNorm(String torchName, Map<String, Parameter> names) {
        BatchNorm bn =
                BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM_DJL).build();
        names.put(torchName + ".weight", param(bn, "gamma"));
        names.put(torchName + ".bias", param(bn, "beta"));
        names.put(torchName + ".running_mean", param(bn, "runningMean"));
        names.put(torchName + ".running_var", param(bn, "runningVar"));
        return bn;
    }

    static Linear linear(int units, String torchName, Map<String, Parameter> names) {
        Linear linear = Linear.builder().setUnits(units).build();
        names.put(torchName + ".weight", param(linear, "weight"));
        names.put(torchName + ".bias", param(linear, "bias"));
        return linear;
    }

    private static Parameter param(Block block, String name) {
        Parameter p = block.getDirectParameters().get(name);
        if (p == null) {
            throw new IllegalStateException(
                    block.getClass().getSimpleName() + " has no parameter " + name);
        }
        return p;
    }
}
