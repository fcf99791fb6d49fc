package dev.ich.explain.cam;

import java.util.Locale;

/** A method of the Grad-CAM family; all of them read the same capture of activations and gradients. */
public enum CamMethod {
    /**
     * Grad-CAM (Selvaraju et al. 2017, eqs. 1–2; Gong et al. 2023, eqs. 3–4): channel weights
     * {@code α_k = mean(∂y/∂A_k)}, map {@code ReLU(Σ_k α_k A_k)}.
     */
    GRAD_CAM("gradcam"),
    /**
     * Grad-CAM++ (Chattopadhay et al. 2018, eq. 19, the closed form for an exponential output that
     * the pytorch-grad-cam library uses for any output): per voxel
     * {@code a = g² / (2g² + Σ_map(A_k)·g³ + 1e-6)} (0 where {@code g = 0}), channel weights
     * {@code w_k = Σ_map a·ReLU(g)}, map {@code ReLU(Σ_k w_k A_k)}.
     */
    GRAD_CAM_PLUS_PLUS("gradcam++"),
    /** HiResCAM (Draelos and Carin 2020): {@code ReLU(Σ_k G_k ⊙ A_k)}, faithful to the gradient per voxel. */
    HI_RES_CAM("hirescam"),
    /** LayerCAM (Jiang et al. 2021): {@code ReLU(Σ_k ReLU(G_k) ⊙ A_k)}. */
    LAYER_CAM("layercam");

    private final String cliName;

    CamMethod(String cliName) {
        this.cliName = cliName;
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
        throw new IllegalArgumentException("unknown CAM method '" + name
            + "'; use one of gradcam, gradcam++, hirescam, layercam");
    }
}
