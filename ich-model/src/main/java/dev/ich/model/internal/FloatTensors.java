package dev.ich.model.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ich.core.preprocess.ModelInput;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Float tensors whose memory libtorch allocates and frees, for every array made per call (model
 * inputs, training batches, loss targets).
 *
 * <p>Why not {@code NDManager.create(float[], Shape)}: DJL's PyTorch engine copies the values into
 * a fresh direct {@link ByteBuffer} ({@code PtNDManager.allocateDirect}) and libtorch wraps that
 * buffer without copying ({@code torch::from_blob}). Closing the tensor does not free the buffer;
 * only a garbage collection that runs its Cleaner does, and a forward pass makes so little heap
 * garbage that none runs for a long time: resident memory grew 45 % over 500 predictions at the
 * paper's size. Here libtorch makes the tensor ({@code torch::empty}) and the values are written
 * through a direct view of the tensor's own memory ({@code toByteBuffer(true)}, which wraps the
 * data pointer without a Cleaner or a copy). The memory is libtorch's and is freed when the tensor
 * or its manager closes. Nothing is pooled or reused, so tensors made at once on many threads can
 * never share memory, and a tensor can outlive the call that made it.
 *
 * <p>That the view writes through is checked once per process on a one-element tensor; should a DJL
 * version return a copy instead, the values go through DJL's own (correct, but Cleaner-freed) path
 * with a warning.
 */
public final class FloatTensors {

    private static final Logger LOG = LoggerFactory.getLogger(FloatTensors.class);

    private FloatTensors() {}

    /**
     * A {@link DataType#FLOAT32} tensor of {@code shape} in {@code manager} holding {@code values}.
     */
    public static NDArray of(NDManager manager, Shape shape, float[] values) {
        checkSize(shape, values.length);
        return filled(manager, shape, b -> b.put(values), () -> manager.create(values, shape));
    }

    /**
     * A {@link DataType#FLOAT32} tensor of {@code shape} in {@code manager} holding the inputs one
     * after another (a batch {@code N×1×D×H×W}); {@code shape} must have as many values as they.
     */
    public static NDArray of(NDManager manager, Shape shape, List<ModelInput> inputs) {
        long total = 0;
        for (ModelInput in : inputs) {
            total += in.size();
        }
        checkSize(shape, total);
        return filled(
                manager,
                shape,
                b -> inputs.forEach(in -> in.copyTo(b)),
                () -> {
                    float[] data = new float[Math.toIntExact(shape.size())];
                    int offset = 0;
                    for (ModelInput in : inputs) {
                        in.copyTo(data, offset);
                        offset += in.size();
                    }
                    return manager.create(data, shape);
                });
    }

    private static void checkSize(Shape shape, long values) {
        if (shape.size() != values) {
            throw new IllegalArgumentException(
                    "shape " + shape + " holds " + shape.size() + " values, got " + values);
        }
    }

    private static NDArray filled(
            NDManager manager,
            Shape shape,
            Consumer<FloatBuffer> writer,
            Supplier<NDArray> fallback) {
        if (!Probe.WRITES_THROUGH) {
            return fallback.get();
        }
        if (Device.cpu().equals(manager.getDevice())) {
            NDArray array = manager.create(shape, DataType.FLOAT32);
            write(array, writer);
            return array;
        }
        // On a GPU the view would be of a host copy: fill a host tensor, then copy it over.
        NDArray host = manager.create(shape, DataType.FLOAT32, Device.cpu());
        write(host, writer);
        NDArray onDevice = host.toDevice(manager.getDevice(), true);
        onDevice.attach(manager);
        host.close();
        return onDevice;
    }

    private static void write(NDArray array, Consumer<FloatBuffer> writer) {
        ByteBuffer view = array.toByteBuffer(true);
        if (!view.isDirect() || view.capacity() != array.size() * Float.BYTES) {
            throw new IllegalStateException(
                    "libtorch gave a view of "
                            + view.capacity()
                            + " bytes (direct "
                            + view.isDirect()
                            + ") for a tensor of "
                            + array.size()
                            + " floats");
        }
        FloatBuffer floats = view.asFloatBuffer();
        writer.accept(floats);
        if (floats.hasRemaining()) {
            throw new IllegalStateException(
                    floats.remaining() + " values of the tensor were not written");
        }
    }

    /**
     * Whether writing through {@code toByteBuffer(true)} changes the tensor (checked once, lazily).
     */
    private static final class Probe {
        static final boolean WRITES_THROUGH = check();

        private static boolean check() {
            try (NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
                NDArray a = m.create(new Shape(2), DataType.FLOAT32);
                ByteBuffer view = a.toByteBuffer(true);
                view.asFloatBuffer().put(new float[] {1.5f, -2.25f});
                float[] back = a.toFloatArray();
                boolean ok = view.isDirect() && back[0] == 1.5f && back[1] == -2.25f;
                if (!ok) {
                    LOG.warn(
                            "This DJL version does not write tensors through toByteBuffer(true); inputs are made with "
                                    + "NDManager.create, whose direct buffers are freed only by garbage collection");
                }
                return ok;
            }
        }
    }
}
