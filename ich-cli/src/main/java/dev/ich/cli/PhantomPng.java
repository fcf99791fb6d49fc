package dev.ich.cli;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.HuWindow;
import dev.ich.phantom.Haematoma;
import dev.ich.phantom.Phantom;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Draws axial slices of a phantom side by side in a brain window: the top row as a radiologist sees
 * them, the bottom row the same slices with the haematoma mask outlined in red and the oedema rim
 * in yellow. Image right = patient left (radiological convention), anterior up.
 */
final class PhantomPng {

    private static final int RED = 0xff2020;
    private static final int YELLOW = 0xffd000;

    private PhantomPng() {}

    /**
     * The slices drawn: the one through the primary haematoma's centre and others spread over the
     * head.
     */
    static int[] slices(Phantom phantom, int count) {
        VolumeGeometry g = phantom.volume().geometry();
        TreeSet<Integer> chosen = new TreeSet<>();
        for (Haematoma h : phantom.haematomas()) {
            Vec3 v = g.patientToVoxel().apply(h.centreMm());
            chosen.add((int) Math.round(v.z()));
            break;
        }
        for (int n = 0; chosen.size() < Math.min(count, g.nz()); n++) {
            double f = 0.1 + 0.75 * n / Math.max(1, count - 1.0);
            chosen.add(Math.min(g.nz() - 1, (int) Math.round(f * (g.nz() - 1))));
            if (n > 4 * count) {
                break;
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    static BufferedImage render(Phantom phantom, int[] slices, HuWindow window) {
        VolumeGeometry g = phantom.volume().geometry();
        int nx = g.nx();
        int ny = g.ny();
        BufferedImage image =
                new BufferedImage(nx * slices.length, 2 * ny, BufferedImage.TYPE_INT_RGB);
        BinaryMask mask = phantom.mask();
        BinaryMask oedema = phantom.oedema();
        for (int s = 0; s < slices.length; s++) {
            int k = slices[s];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int grey = Math.round(255 * window.apply(phantom.volume().huAt(i, j, k)));
                    int rgb = grey << 16 | grey << 8 | grey;
                    image.setRGB(s * nx + i, j, rgb);
                    if (edge(mask, g, i, j, k)) {
                        rgb = RED;
                    } else if (edge(oedema, g, i, j, k)) {
                        rgb = YELLOW;
                    }
                    image.setRGB(s * nx + i, ny + j, rgb);
                }
            }
        }
        return image;
    }

    /** True on the in-plane boundary of the mask. */
    private static boolean edge(BinaryMask mask, VolumeGeometry g, int i, int j, int k) {
        if (!mask.contains(i, j, k)) {
            return false;
        }
        int[][] neighbours = {{i - 1, j}, {i + 1, j}, {i, j - 1}, {i, j + 1}};
        return Arrays.stream(neighbours)
                .anyMatch(n -> !g.contains(n[0], n[1], k) || !mask.contains(n[0], n[1], k));
    }
}
