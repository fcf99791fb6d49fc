package dev.ich.eval.estimators;

import java.util.Locale;

/** The volume formulas, with the names the command line uses. */
public enum VolumeMethod {
    /** A·B·C/2 (Kothari et al. 1996, with their 1 / 0.5 / 0 slice weights for C). */
    ABC2("abc2"),
    /** A·B·C/3, the same measurements divided by 3. */
    ABC3("abc3"),
    /** 2/3·S·h: the largest slice area times the haematoma height. */
    SH23("sh23"),
    /** Voxel count × voxel volume, the reference of the formulas. */
    PLANIMETRY("planimetry");

    private final String cliName;

    VolumeMethod(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in reports, e.g. {@code "abc2"}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The method with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static VolumeMethod fromName(String name) {
        for (VolumeMethod m : values()) {
            if (m.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown volume method '" + name + "'; use abc2, abc3, sh23 or planimetry");
    }
}
