package dev.ich.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.model.arch.IchNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Initial weights from a seed, and weights imported from a PyTorch {@code state_dict} saved as
 * {@code .npz}.
 */
public final class Weights {

    /** PyTorch's bookkeeping counter, which has no counterpart in DJL. */
    private static final String BATCHES_TRACKED = "num_batches_tracked";

    private Weights() {}

    /**
     * Sets every parameter from {@code seed} alone (independent of the engine's random state):
     * convolutions He-normal with fan-out (torchvision's ResNet init), batch norm γ = 1, β = 0,
     * running mean 0 and variance 1, linear layers uniform ±1/√fan-in (PyTorch's default).
     */
    public static void initialize(IchNetwork network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, Parameter> e : network.torchParameters().entrySet()) {
            String name = e.getKey();
            NDArray array = e.getValue().getArray();
            Shape shape = array.getShape();
            float[] values = new float[Math.toIntExact(shape.size())];
            if (name.endsWith("running_var") || isBatchNormWeight(network, name)) {
                java.util.Arrays.fill(values, 1f);
            } else if (name.endsWith("running_mean") || isBatchNormBias(network, name)) {
                java.util.Arrays.fill(values, 0f);
            } else if (shape.dimension() == 5) {
                double fanOut = shape.get(0) * shape.get(2) * shape.get(3) * shape.get(4);
                double std = Math.sqrt(2.0 / fanOut);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian(random) * std);
                }
            } else {
                long fanIn =
                        name.endsWith(".bias")
                                ? network.config().featureChannels()
                                : shape.get(shape.dimension() - 1);
                double bound = 1.0 / Math.sqrt(fanIn);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
            }
            array.set(values);
        }
    }

    private static boolean isBatchNormWeight(IchNetwork network, String name) {
        return name.endsWith(".weight")
                && network.torchParameters().containsKey(prefix(name) + ".running_var");
    }

    private static boolean isBatchNormBias(IchNetwork network, String name) {
        return name.endsWith(".bias")
                && network.torchParameters().containsKey(prefix(name) + ".running_var");
    }

    private static String prefix(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: deterministic for a seed, unlike the engine's generator.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * Copies a PyTorch {@code state_dict} saved with {@code numpy.savez} into the network. Every
     * parameter of the network must be present with the same shape; {@code num_batches_tracked}
     * entries are ignored; any other extra entry is an error (it means a different architecture).
     */
    public static void importNpz(IchNetwork network, Path npz) throws IchException {
        Map<String, Parameter> wanted = network.torchParameters();
        try (NDManager manager = Engines.pytorch().newBaseManager();
                InputStream in = Files.newInputStream(npz)) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            TreeSet<String> extra = new TreeSet<>();
            for (String key : byName.keySet()) {
                if (!wanted.containsKey(key) && !key.endsWith(BATCHES_TRACKED)) {
                    extra.add(key);
                }
            }
            if (!extra.isEmpty()) {
                throw invalid(
                        npz,
                        "has entries this architecture ("
                                + describe(network)
                                + ") does not have: "
                                + abbreviate(extra));
            }
            for (Map.Entry<String, Parameter> e : wanted.entrySet()) {
                NDArray source = byName.get(e.getKey());
                if (source == null) {
                    throw invalid(
                            npz,
                            "has no entry '" + e.getKey() + "' needed by " + describe(network));
                }
                NDArray target = e.getValue().getArray();
                if (!source.getShape().equals(target.getShape())) {
                    throw invalid(
                            npz,
                            "entry '"
                                    + e.getKey()
                                    + "' has shape "
                                    + source.getShape()
                                    + " but "
                                    + describe(network)
                                    + " needs "
                                    + target.getShape());
                }
                target.set(source.toType(DataType.FLOAT32, false).toFloatArray());
            }
        } catch (NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    npz.toString(),
                    "the weights file does not exist",
                    "Check the path",
                    e);
        } catch (IOException | RuntimeException e) {
            throw invalid(npz, "is not a readable .npz state_dict (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(IchNetwork network) {
        return "ResNet-" + network.config().depth() + " width " + network.config().baseWidth();
    }

    private static String abbreviate(TreeSet<String> names) {
        java.util.List<String> first =
                new java.util.ArrayList<>(names).subList(0, Math.min(5, names.size()));
        return names.size() <= 5
                ? first.toString()
                : first + " and " + (names.size() - 5) + " more";
    }

    private static IchException invalid(Path npz, String problem) {
        return invalid(npz, problem, null);
    }

    private static IchException invalid(Path npz, String problem, Throwable cause) {
        return new IchException(
                ErrorCode.INVALID_MODEL,
                npz.toString(),
                problem,
                "Save the state_dict of tools/reference/ich_net.py's IchNet with the same depth and width using "
                        + "numpy.savez({k: v.numpy() for k, v in model.state_dict().items()})",
                cause);
    }
}
