package dev.ich.explain.render;

import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A montage of axial slices: the CT in the brain window as greyscale, the heatmap over it in a
 * perceptual colour map whose opacity grows with the value, each tile labelled with its slice index
 * and position along the patient's z axis (mm, LPS: + is superior), a title and a colour bar. Rows
 * of the image follow the grid's {@code j} axis and columns its {@code i} axis, flipped where
 * needed so an axial study shows in the radiological convention (anterior up, patient's right on
 * the left of the picture). No patient identity is drawn.
 */
public final class Montage {

    private static final Color BACKGROUND = new Color(18, 18, 18);
    private static final Color TEXT = new Color(235, 235, 235);
    private static final int MARGIN = 10;
    private static final int TITLE_HEIGHT = 34;
    private static final int LABEL_HEIGHT = 20;
    private static final int BAR_WIDTH = 22;
    private static final int BAR_AREA = 96;

    private Montage() {}

    /**
     * Renders {@code heatmap} over {@code ct}; both must lie on the same grid.
     *
     * @param title a line drawn at the top (for example {@link
     *     dev.ich.explain.CamRequest#describe()}); it must not contain patient identity
     */
    public static BufferedImage render(
            CtVolume ct, StudyHeatmap heatmap, String title, MontageOptions options) {
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(heatmap, "heatmap");
        Objects.requireNonNull(options, "options");
        VolumeGeometry g = ct.geometry();
        if (!g.sameGrid(heatmap.geometry(), 1e-3)) {
            throw new IllegalArgumentException(
                    "heatmap grid " + heatmap.geometry() + " differs from CT grid " + g);
        }
        int[] slices = chooseSlices(ct, options.slices(), options.headThresholdHu());
        int cols = Math.min(options.columns(), slices.length);
        int rows = (slices.length + cols - 1) / cols;
        // Tile aspect from the physical extent, so anisotropic pixels are not distorted.
        double width = g.nx() * g.spacing().x();
        double height = g.ny() * g.spacing().y();
        int tileW =
                width >= height
                        ? options.tileSize()
                        : (int) Math.round(options.tileSize() * width / height);
        int tileH =
                width >= height
                        ? (int) Math.round(options.tileSize() * height / width)
                        : options.tileSize();
        int imgW = MARGIN + cols * (tileW + MARGIN) + BAR_AREA;
        int imgH = TITLE_HEIGHT + rows * (tileH + LABEL_HEIGHT + MARGIN) + MARGIN;
        BufferedImage img = new BufferedImage(imgW, imgH, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        try {
            gr.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            gr.setColor(BACKGROUND);
            gr.fillRect(0, 0, imgW, imgH);
            gr.setColor(TEXT);
            gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            gr.drawString(title == null ? "" : title, MARGIN, 22);
            gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            double saturation = saturation(heatmap, options.saturationEnergyQuantile());
            boolean flipI = g.axisI().x() < 0;
            boolean flipJ = g.axisJ().y() < 0;
            for (int n = 0; n < slices.length; n++) {
                int x0 = MARGIN + (n % cols) * (tileW + MARGIN);
                int y0 = TITLE_HEIGHT + (n / cols) * (tileH + LABEL_HEIGHT + MARGIN);
                BufferedImage slice =
                        slice(ct, heatmap, slices[n], options, saturation, flipI, flipJ);
                gr.setRenderingHint(
                        RenderingHints.KEY_INTERPOLATION,
                        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                gr.drawImage(slice, x0, y0, tileW, tileH, null);
                gr.setColor(TEXT);
                gr.drawString(label(g, slices[n]), x0 + 2, y0 + tileH + 15);
                if (n == 0) {
                    orientation(gr, g, flipI, flipJ, x0, y0, tileW, tileH);
                }
            }
            colourBar(
                    gr,
                    options.colorMap(),
                    heatmap.signed(),
                    saturation,
                    imgW - BAR_AREA + 14,
                    TITLE_HEIGHT,
                    Math.max(120, Math.min(imgH - TITLE_HEIGHT - 2 * MARGIN, 360)));
        } finally {
            gr.dispose();
        }
        return img;
    }

    /** The image as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * {@code count} slice indices at equal intervals through the central 80 % of the slices that
     * hold head (a voxel above {@code thresholdHu}): the centres of {@code count} equal parts, so
     * the first and last slices, only skull cap or skull base, are not shown. All slices when there
     * is no head.
     */
    static int[] chooseSlices(CtVolume ct, int count, double thresholdHu) {
        VolumeGeometry g = ct.geometry();
        int lo = -1;
        int hi = -1;
        int plane = g.nx() * g.ny();
        for (int k = 0; k < g.nz(); k++) {
            for (int v = 0; v < plane; v++) {
                if (ct.huAt(k * plane + v) > thresholdHu) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                    break;
                }
            }
        }
        if (lo < 0) {
            lo = 0;
            hi = g.nz() - 1;
        }
        int trim = (int) Math.floor(0.1 * (hi - lo + 1));
        lo += trim;
        hi -= trim;
        int span = hi - lo + 1;
        int n = Math.min(count, span);
        int[] out = new int[n];
        for (int s = 0; s < n; s++) {
            out[s] = lo + (int) Math.floor((s + 0.5) * span / n);
        }
        return out;
    }

    static String label(VolumeGeometry g, int k) {
        Vec3 centre = g.voxelToPatient().apply((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, k);
        return String.format(Locale.ROOT, "slice %d  z = %+.1f mm", k, centre.z());
    }

    /** Patient-side letters at the left and top edges of a tile, from the grid's axes. */
    private static void orientation(
            Graphics2D gr,
            VolumeGeometry g,
            boolean flipI,
            boolean flipJ,
            int x0,
            int y0,
            int w,
            int h) {
        Vec3 right = flipI ? g.axisI().times(-1) : g.axisI();
        Vec3 down = flipJ ? g.axisJ().times(-1) : g.axisJ();
        gr.setColor(new Color(255, 255, 120));
        gr.drawString(side(right.times(-1)), x0 + 4, y0 + h / 2 + 5);
        gr.drawString(side(down.times(-1)), x0 + w / 2 - 4, y0 + 14);
    }

    /** The LPS letter of the dominant direction of {@code d}. */
    static String side(Vec3 d) {
        double ax = Math.abs(d.x());
        double ay = Math.abs(d.y());
        double az = Math.abs(d.z());
        if (ax >= ay && ax >= az) {
            return d.x() > 0 ? "L" : "R";
        }
        if (ay >= az) {
            return d.y() > 0 ? "P" : "A";
        }
        return d.z() > 0 ? "S" : "I";
    }

    /**
     * The evidence strength (0–1 on the normalised map: v, or |2v − 1| for a signed map) at which
     * the colours saturate: the smallest strength at which the voxels up to it, weakest first, hold
     * {@code energyQuantile} of the map's summed strength.
     */
    static double saturation(StudyHeatmap h, double energyQuantile) {
        if (energyQuantile >= 1) {
            return 1;
        }
        boolean signed = h.signed();
        float[] v = h.normalised();
        int n = 0;
        double total = 0;
        for (float x : v) {
            float s = signed ? Math.abs(2 * x - 1) : x;
            if (s > 0) {
                v[n++] = s;
                total += s;
            }
        }
        Arrays.sort(v, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i];
            if (sum >= energyQuantile * total) {
                return v[i];
            }
        }
        return 1;
    }

    /** Slice {@code k} at one pixel per voxel, the heatmap blended over the windowed CT. */
    static BufferedImage slice(
            CtVolume ct,
            StudyHeatmap h,
            int k,
            MontageOptions o,
            double saturation,
            boolean flipI,
            boolean flipJ) {
        VolumeGeometry g = ct.geometry();
        BufferedImage img = new BufferedImage(g.nx(), g.ny(), BufferedImage.TYPE_INT_RGB);
        boolean signed = h.signed();
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int idx = g.index(i, j, k);
                double grey = o.window().apply(ct.huAt(idx));
                double v = h.normalisedAt(idx);
                // Opacity follows the strength of the evidence, so "no evidence" leaves the CT
                // visible.
                double strength = Math.min(1, (signed ? Math.abs(2 * v - 1) : v) / saturation);
                v = signed ? 0.5 + Math.copySign(strength, v - 0.5) / 2 : strength;
                double a = o.maxOpacity() * strength;
                float[] c = o.colorMap().rgb(v);
                int r = ColorMap.to8((float) ((1 - a) * grey + a * c[0]));
                int gg = ColorMap.to8((float) ((1 - a) * grey + a * c[1]));
                int b = ColorMap.to8((float) ((1 - a) * grey + a * c[2]));
                img.setRGB(
                        flipI ? g.nx() - 1 - i : i,
                        flipJ ? g.ny() - 1 - j : j,
                        (r << 16) | (gg << 8) | b);
            }
        }
        return img;
    }

    /** Top, middle and bottom labels of the colour bar, in units of the map's maximum. */
    static String[] barLabels(boolean signed, double saturation) {
        if (saturation >= 1) {
            return signed ? new String[] {"+max", "0", "−max"} : new String[] {"1", "0.5", "0"};
        }
        String s = String.format(Locale.ROOT, "%.2g", saturation);
        return signed
                ? new String[] {"≥ +" + s + " max", "0", "≤ −" + s + " max"}
                : new String[] {"≥ " + s, String.format(Locale.ROOT, "%.2g", saturation / 2), "0"};
    }

    private static void colourBar(
            Graphics2D gr,
            ColorMap map,
            boolean signed,
            double saturation,
            int x,
            int y,
            int height) {
        for (int p = 0; p < height; p++) {
            double t = 1 - (double) p / (height - 1);
            gr.setColor(new Color(map.packedRgb(t)));
            gr.fillRect(x, y + p, BAR_WIDTH, 1);
        }
        gr.setColor(TEXT);
        gr.setStroke(new BasicStroke(1f));
        gr.drawRect(x, y, BAR_WIDTH, height - 1);
        FontMetrics fm = gr.getFontMetrics();
        String[] labels = barLabels(signed, saturation);
        for (int n = 0; n < 3; n++) {
            int ty = y + (int) Math.round(n * (height - 1) / 2.0);
            gr.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 4, ty);
            gr.drawString(labels[n], x + BAR_WIDTH + 7, ty + fm.getAscent() / 2 - 1);
        }
        gr.drawString(signed ? "signed" : "relative", x - 4, y + height + 16);
        gr.drawString("evidence", x - 4, y + height + 30);
    }
}
