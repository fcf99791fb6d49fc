package dev.ich.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ich.core.preprocess.ModelInput;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Tensors filled in libtorch's own memory hold exactly the values DJL's {@code create} would, on
 * many threads at once, and take no Java direct memory (the reason they exist).
 */
class FloatTensorsTest {

    private static final int MB_FLOATS = 1 << 18;

    @Test
    void holdsTheSameValuesAndShapeAsNdManagerCreate() {
        float[] values = random(3 * 4 * 5, 1);
        Shape shape = new Shape(3, 1, 4, 5);
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray ours = FloatTensors.of(m, shape, values);
            NDArray djl = m.create(values, shape);
            assertThat(ours.getShape()).isEqualTo(shape);
            assertThat(ours.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(ours.toFloatArray()).containsExactly(values);
            // Same values through an operation, not only a read-back: the memory layout is the
            // same.
            assertThat(ours.sum(new int[] {3}).toFloatArray())
                    .containsExactly(djl.sum(new int[] {3}).toFloatArray());
        }
    }

    @Test
    void aBatchOfModelInputsIsTheirConcatenation() {
        ModelInput a = new ModelInput(2, 3, 4, random(24, 2));
        ModelInput b = new ModelInput(2, 3, 4, random(24, 3));
        float[] both = new float[48];
        a.copyTo(both, 0);
        b.copyTo(both, 24);
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = FloatTensors.of(m, new Shape(2, 1, 2, 3, 4), List.of(a, b));
            assertThat(x.toFloatArray()).containsExactly(both);
            assertThatThrownBy(() -> FloatTensors.of(m, new Shape(3, 1, 2, 3, 4), List.of(a, b)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds 72 values, got 48");
        }
    }

    @Test
    void tensorsMadeAtOnceOnManyThreadsKeepTheirOwnValues() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                runs.add(
                        pool.submit(
                                () -> {
                                    try (NDManager mine = m.newSubManager()) {
                                        start.await();
                                        List<float[]> made = new ArrayList<>();
                                        List<NDArray> arrays = new ArrayList<>();
                                        for (int n = 0; n < 20; n++) {
                                            float[] v = random(4096, 100 * seed + n);
                                            made.add(v);
                                            arrays.add(FloatTensors.of(mine, new Shape(4096), v));
                                        }
                                        // Read back only after all were made, while the other
                                        // threads made theirs.
                                        for (int n = 0; n < arrays.size(); n++) {
                                            assertThat(arrays.get(n).toFloatArray())
                                                    .containsExactly(made.get(n));
                                        }
                                        return true;
                                    }
                                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The reason for the class: DJL's create(float[]) holds a fresh Java direct buffer per tensor
     * (freed only by a garbage collection); ours take none. The arrays stay open while counting, so
     * no collection can free a buffer in between.
     */
    @Test
    void takesNoJavaDirectMemoryWhereNdManagerCreateTakesABufferPerTensor() {
        float[] values = random(MB_FLOATS, 4);
        Shape shape = new Shape(MB_FLOATS);
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            FloatTensors.of(m, shape, values).close();
            long before = directBytes();
            List<NDArray> ours = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                ours.add(FloatTensors.of(m, shape, values));
            }
            assertThat(directBytes() - before).isLessThan(MB_FLOATS * 4L);
            long beforeDjl = directBytes();
            List<NDArray> djl = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                djl.add(m.create(values, shape));
            }
            assertThat(directBytes() - beforeDjl).isGreaterThanOrEqualTo(20L * MB_FLOATS * 4);
            assertThat(ours.get(19).toFloatArray()).containsExactly(values);
        }
    }

    private static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        throw new AssertionError("no direct buffer pool");
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 200 - 100);
        }
        return v;
    }
}
