package dev.ich.phantom;

/** The tissue class of a phantom voxel, as painted by the generator. */
public enum Tissue {
    AIR,
    /** Skin, galea, muscle and the globes of the eyes: soft tissue around 10–45 HU. */
    SOFT_TISSUE,
    /** Subcutaneous and orbital fat, about −90 HU. */
    FAT,
    /** Skull vault (outer and inner table, diploë) and skull base. */
    BONE,
    /**
     * Cerebrospinal fluid outside the ventricles: the subarachnoid rim, sulci, fissure, cisterns.
     */
    CSF,
    /** The lateral, third and fourth ventricles. */
    VENTRICLE,
    GREY_MATTER,
    WHITE_MATTER,
    /** Basal ganglia and thalami. */
    DEEP_GREY_MATTER,
    CEREBELLUM,
    BRAINSTEM,
    /** Inside a haematoma mask. */
    HAEMATOMA,
    /** The hypodense rim around a haematoma (not part of the mask). */
    OEDEMA;

    private static final Tissue[] VALUES = values();

    static Tissue ofCode(int code) {
        return VALUES[code];
    }

    /** True for brain parenchyma (where a haematoma may lie), before any haematoma is painted. */
    public boolean isParenchyma() {
        return this == GREY_MATTER
                || this == WHITE_MATTER
                || this == DEEP_GREY_MATTER
                || this == CEREBELLUM
                || this == BRAINSTEM;
    }
}
