package dev.ich.explain.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads the float32 and int32 arrays of a numpy {@code .npz} reference file (test helper). */
public final class Npz {

    /** One array: its shape and values (ints are widened to float). */
    public record Array(int[] shape, float[] values) {
        public int size() {
            return values.length;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");

    private final Map<String, Array> arrays;

    private Npz(Map<String, Array> arrays) {
        this.arrays = arrays;
    }

    /** Loads a classpath resource. */
    public static Npz resource(Class<?> anchor, String name) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return read(in);
        }
    }

    public static Npz read(InputStream raw) throws IOException {
        Map<String, Array> out = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.endsWith(".npy")) {
                    out.put(name.substring(0, name.length() - 4), parse(zip.readAllBytes(), name));
                }
            }
        }
        return new Npz(out);
    }

    private static Array parse(byte[] b, String name) throws IOException {
        if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N') {
            throw new IOException(name + " is not a .npy array");
        }
        int major = b[6];
        int headerLen;
        int offset;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            offset = 10;
        } else {
            headerLen = bb.getInt(8);
            offset = 12;
        }
        String header = new String(b, offset, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        if (!d.find() || !s.find() || !f.find() || f.group(1).equals("True")) {
            throw new IOException(name + ": unsupported header " + header);
        }
        String[] dims = s.group(1).split(",");
        int count = 0;
        int[] shape = new int[dims.length];
        int n = 1;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[count++] = Integer.parseInt(dim.trim());
                n *= shape[count - 1];
            }
        }
        int[] trimmed = java.util.Arrays.copyOf(shape, count);
        int data = offset + headerLen;
        float[] values = new float[n];
        switch (d.group(1)) {
            case "<f4" -> {
                for (int i = 0; i < n; i++) {
                    values[i] = bb.getFloat(data + 4 * i);
                }
            }
            case "<i4" -> {
                for (int i = 0; i < n; i++) {
                    values[i] = bb.getInt(data + 4 * i);
                }
            }
            case "<f8" -> {
                for (int i = 0; i < n; i++) {
                    values[i] = (float) bb.getDouble(data + 8 * i);
                }
            }
            default -> throw new IOException(name + ": unsupported dtype " + d.group(1));
        }
        return new Array(trimmed, values);
    }

    public Array get(String key) {
        Array a = arrays.get(key);
        if (a == null) {
            throw new IllegalArgumentException(
                    "no array " + key + " in the reference file; have " + arrays.keySet());
        }
        return a;
    }

    public boolean has(String key) {
        return arrays.containsKey(key);
    }
}
