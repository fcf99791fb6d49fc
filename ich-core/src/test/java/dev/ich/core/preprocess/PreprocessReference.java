package dev.ich.core.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Properties;

/**
 * The reference data made by {@code tools/reference/make_preprocess_reference.py} (PyTorch 1.13):
 * {@code manifest.properties} and raw little-endian float32 files.
 */
final class PreprocessReference {

    private static final String DIR = "/reference/preprocess/";

    private final Properties manifest = new Properties();

    PreprocessReference() {
        try (InputStream in = open("manifest.properties")) {
            manifest.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String key) {
        String v = manifest.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("reference manifest has no " + key);
        }
        return v;
    }

    int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    double getDouble(String key) {
        return Double.parseDouble(get(key));
    }

    /** "4x5x6" → {4, 5, 6}. */
    int[] shape(String key) {
        return Arrays.stream(get(key).split("x")).mapToInt(Integer::parseInt).toArray();
    }

    double[] doubles(String key) {
        return Arrays.stream(get(key).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    int[] ints(String key) {
        return Arrays.stream(get(key).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    float[] floats(String fileKey) {
        byte[] bytes;
        try (InputStream in = open(get(fileKey))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static InputStream open(String name) {
        InputStream in = PreprocessReference.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + DIR + name);
        }
        return in;
    }

    static float maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float max = 0;
        for (int n = 0; n < a.length; n++) {
            max = Math.max(max, Math.abs(a[n] - b[n]));
        }
        return max;
    }
}
