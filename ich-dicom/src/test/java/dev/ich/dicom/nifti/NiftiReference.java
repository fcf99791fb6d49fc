package dev.ich.dicom.nifti;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@code .ref} file written by tools/reference/make_nifti_reference.py: "key values…" lines. */
final class NiftiReference {

    private final Map<String, String[]> fields = new HashMap<>();

    private NiftiReference(List<String> lines) {
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            fields.put(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length));
        }
    }

    static Path resource(String relative) {
        try {
            return Path.of(
                    NiftiReference.class.getResource("/dev/ich/dicom/nifti/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + relative, e);
        }
    }

    static NiftiReference load(Path file) {
        try {
            return new NiftiReference(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String key) {
        return require(key)[0];
    }

    int[] ints(String key) {
        String[] v = require(key);
        int[] out = new int[v.length];
        for (int n = 0; n < v.length; n++) {
            out[n] = Integer.parseInt(v[n]);
        }
        return out;
    }

    double[] doubles(String key) {
        String[] v = require(key);
        double[] out = new double[v.length];
        for (int n = 0; n < v.length; n++) {
            out[n] = Double.parseDouble(v[n]);
        }
        return out;
    }

    /**
     * Values nibabel gave as float32 and printed as the shortest double repr: the cast is exact.
     */
    float[] floats(String key) {
        double[] d = doubles(key);
        float[] out = new float[d.length];
        for (int n = 0; n < d.length; n++) {
            out[n] = (float) d[n];
        }
        return out;
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    private String[] require(String key) {
        String[] v = fields.get(key);
        if (v == null) {
            throw new IllegalStateException("reference has no '" + key + "' line");
        }
        return v;
    }
}
