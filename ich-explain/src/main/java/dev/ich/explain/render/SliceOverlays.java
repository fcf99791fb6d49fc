package dev.ich.explain.render;

import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.volume.CtVolume;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One picture per slice at the slice's own pixel grid (column {@code i}, row {@code j}, no flips),
 * for an overlay series that viewers stack beside the CT: the heatmap blended over the CT as in
 * {@link Montage}, a colour bar at the right edge and the burned-in line {@value #RESEARCH_USE}.
 */
public final class SliceOverlays {

    /** The line burned into every picture. */
    public static final String RESEARCH_USE = "RESEARCH USE - NOT FOR DIAGNOSIS";

    private static final Color TEXT = new Color(255, 255, 255);
    private static final int MIN_FONT = 5;

    private SliceOverlays() {}

    /**
     * The pictures of {@code heatmap} over {@code ct} (the same grid), each rendered when asked
     * for. The colours saturate where the whole volume's map does, so slices compare.
     */
    public static IntFunction<BufferedImage> of(
            CtVolume ct, StudyHeatmap heatmap, MontageOptions options) {
        Objects.requireNonNull(ct, "ct");
        Objects.requireNonNull(options, "options");
        if (!ct.geometry().sameGrid(heatmap.geometry(), 1e-3)) {
            throw new IllegalArgumentException(
                    "heatmap grid "
                            + heatmap.geometry()
                            + " differs from CT grid "
                            + ct.geometry());
        }
        double saturation = Montage.saturation(heatmap, options.saturationEnergyQuantile());
        return k -> render(ct, heatmap, k, options, saturation);
    }

    private static BufferedImage render(
            CtVolume ct, StudyHeatmap heatmap, int k, MontageOptions options, double saturation) {
        BufferedImage image = Montage.slice(ct, heatmap, k, options, saturation, false, false);
        int w = image.getWidth();
        int h = image.getHeight();
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int margin = Math.max(2, w / 100);
            // As large as a 512-pixel slice shows well, smaller until the notice fits the width.
            int size = Math.max(MIN_FONT, Math.min(w, h) / 36);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            while (size > MIN_FONT
                    && g.getFontMetrics().stringWidth(RESEARCH_USE) > w - 2 * margin) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --size));
            }
            FontMetrics fm = g.getFontMetrics();
            g.setColor(TEXT);
            g.drawString(RESEARCH_USE, margin, margin + fm.getAscent());
            colourBar(g, options.colorMap(), heatmap.signed(), saturation, w, h, margin, fm);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A vertical bar at the right edge, labelled at its ends. */
    private static void colourBar(
            Graphics2D g,
            ColorMap map,
            boolean signed,
            double saturation,
            int w,
            int h,
            int margin,
            FontMetrics fm) {
        int barWidth = Math.max(3, w / 48);
        int height = Math.max(8, h / 3);
        int x = w - margin - barWidth;
        int y = (h - height) / 2;
        for (int p = 0; p < height; p++) {
            g.setColor(new Color(map.packedRgb(1 - (double) p / (height - 1))));
            g.fillRect(x, y + p, barWidth, 1);
        }
        String[] labels = Montage.barLabels(signed, saturation);
        g.setColor(TEXT);
        g.drawString(labels[0], x + barWidth - fm.stringWidth(labels[0]), y - 2);
        g.drawString(
                labels[2], x + barWidth - fm.stringWidth(labels[2]), y + height + fm.getAscent());
    }
}
