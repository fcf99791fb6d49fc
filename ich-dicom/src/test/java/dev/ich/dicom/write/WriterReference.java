package dev.ich.dicom.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A .ref file of "key value…" lines written by tools/reference/check_dicom_writer.py. */
final class WriterReference {

    private final Map<String, String> lines = new HashMap<>();

    private WriterReference(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                lines.put(
                        space < 0 ? line : line.substring(0, space),
                        space < 0 ? "" : line.substring(space + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String relative) {
        try {
            return Path.of(
                    WriterReference.class.getResource("/dev/ich/dicom/write/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + relative, e);
        }
    }

    static WriterReference load(String relative) {
        return new WriterReference(resource(relative));
    }

    boolean has(String key) {
        return lines.containsKey(key);
    }

    /** The rest of the line verbatim (strings are written between | bars). */
    String text(String key) {
        String v = require(key);
        return v.startsWith("|") && v.endsWith("|") ? v.substring(1, v.length() - 1) : v;
    }

    double[] doubles(String key) {
        String v = require(key).trim();
        if (v.isEmpty()) {
            return new double[0];
        }
        String[] parts = v.split("\\s+");
        double[] out = new double[parts.length];
        for (int n = 0; n < parts.length; n++) {
            out[n] = Double.parseDouble(parts[n]);
        }
        return out;
    }

    int[] ints(String key) {
        double[] d = doubles(key);
        int[] out = new int[d.length];
        for (int n = 0; n < d.length; n++) {
            out[n] = (int) d[n];
        }
        return out;
    }

    private String require(String key) {
        String v = lines.get(key);
        if (v == null) {
            throw new IllegalStateException("reference has no '" + key + "' line");
        }
        return v;
    }
}
