package dev.ich.explain.cam;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A heatmap method. The four of the Grad-CAM family read the same capture of an encoder stage's
 * activations and gradients; {@link #INTEGRATED_GRADIENTS} reads a capture of the model input
 * instead (see there).
 */
public enum CamMethod {
    /**
     * Grad-CAM (Selvaraju et al. 2017, eqs. 1–2; Gong et al. 2023, eqs. 3–4): channel weights
     * {@code α_k = mean(∂y/∂A_k)}, map {@code ReLU(Σ_k α_k A_k)}.
     */
    GRAD_CAM("gradcam"),
    /**
     * Grad-CAM++ (Chattopadhay et al. 2018, eq. 19, the closed form for an exponential output that
     * the pytorch-grad-cam library uses for any output): per voxel {@code a = g² / (2g² +
     * Σ_map(A_k)·g³ + 1e-6)} (0 where {@code g = 0}), channel weights {@code w_k = Σ_map
     * a·ReLU(g)}, map {@code ReLU(Σ_k w_k A_k)}.
     */
    GRAD_CAM_PLUS_PLUS("gradcam++"),
    /**
     * HiResCAM (Draelos and Carin 2020): {@code ReLU(Σ_k G_k ⊙ A_k)}, faithful to the gradient per
     * voxel.
     */
    HI_RES_CAM("hirescam"),
    /** LayerCAM (Jiang et al. 2021): {@code ReLU(Σ_k ReLU(G_k) ⊙ A_k)}. */
    LAYER_CAM("layercam"),
    /**
     * Integrated gradients (Sundararajan et al. 2017) on the model input, with the all-zero input
     * as baseline (every voxel at or below the intensity window's lower bound, so no blood): {@code
     * (x − x')·mean_k ∂y/∂x(x' + α_k(x − x'))} with {@code α_k = (k + ½)/m}, the midpoints of
     * {@code m} equal steps. Its capture holds {@code x − x'} as a one-channel "activation" and the
     * path's mean gradient as "gradient", so the map is HiResCAM's arithmetic on that capture, at
     * the input's own resolution. The signed map sums to {@code y(x) − y(x')} up to the Riemann
     * sum's error (completeness), and a voxel equal to the baseline gets exactly 0: where the
     * network saw nothing brighter than the window, there is no evidence.
     */
    INTEGRATED_GRADIENTS("integrated-gradients");

    private final String cliName;

    CamMethod(String cliName) {
        this.cliName = cliName;
    }

    /** The four methods of the Grad-CAM family, which share a capture of a stage. */
    public static List<CamMethod> gradCamFamily() {
        return Arrays.stream(values()).filter(CamMethod::readsStage).toList();
    }

    /**
     * True for the Grad-CAM family, whose capture is an encoder stage's; false for integrated
     * gradients.
     */
    public boolean readsStage() {
        return this != INTEGRATED_GRADIENTS;
    }

    /** The short name used on the command line and in file metadata, e.g. {@code gradcam++}. */
    public String cliName() {
        return cliName;
    }

    /** The method whose {@link #cliName()} is {@code name} (case-insensitive). */
    public static CamMethod fromCliName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (CamMethod m : values()) {
            if (m.cliName.equals(wanted)) {
                return m;
            }
        }
        StringJoiner names = new StringJoiner(", ");
        for (CamMethod m : values()) {
            names.add(m.cliName);
        }
        throw new IllegalArgumentException(
                "unknown heatmap method '" + name + "'; use one of " + names);
    }
}
