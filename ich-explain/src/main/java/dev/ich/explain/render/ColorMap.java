package dev.ich.explain.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A perceptually uniform colour map: matplotlib's 256-entry tables (van der Walt and Smith 2015),
 * linearly interpolated between entries. Lightness rises monotonically, so a heatmap reads the same
 * in greyscale and to colour-blind readers, unlike the rainbow "jet".
 */
public enum ColorMap {
    VIRIDIS("viridis"),
    INFERNO("inferno");

    private static final int ENTRIES = 256;

    private final String cliName;
    private volatile float[] table;

    ColorMap(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static ColorMap fromCliName(String name) {
        for (ColorMap m : values()) {
            if (m.cliName.equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown colour map '" + name + "'; use viridis or inferno");
    }

    /** The colour at {@code t} (clamped to [0, 1]) as {@code {r, g, b}} in [0, 1]. */
    public float[] rgb(double t) {
        float[] tab = table();
        double x = Double.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * (ENTRIES - 1);
        int i = Math.min((int) x, ENTRIES - 2);
        float f = (float) (x - i);
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            float a = tab[3 * i + c];
            float b = tab[3 * (i + 1) + c];
            out[c] = a + (b - a) * f;
        }
        return out;
    }

    /** The colour at {@code t} as packed 8-bit {@code 0xRRGGBB}. */
    public int packedRgb(double t) {
        float[] c = rgb(t);
        return (to8(c[0]) << 16) | (to8(c[1]) << 8) | to8(c[2]);
    }

    static int to8(float v) {
        return Math.round(Math.min(1, Math.max(0, v)) * 255);
    }

    private float[] table() {
        float[] t = table;
        if (t == null) {
            t = load();
            table = t;
        }
        return t;
    }

    private float[] load() {
        String resource = cliName + ".txt";
        float[] t = new float[3 * ENTRIES];
        try (InputStream in = ColorMap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "colour table " + resource + " is missing from the ich-explain jar");
            }
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 3 || n >= ENTRIES) {
                    throw new IllegalStateException(
                            "colour table " + resource + " is malformed at entry " + n);
                }
                for (int c = 0; c < 3; c++) {
                    t[3 * n + c] = Float.parseFloat(parts[c]);
                }
                n++;
            }
            if (n != ENTRIES) {
                throw new IllegalStateException(
                        "colour table " + resource + " has " + n + " entries, not " + ENTRIES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colour table " + resource, e);
        }
        return t;
    }

    @Override
    public String toString() {
        return cliName.toUpperCase(Locale.ROOT);
    }
}
