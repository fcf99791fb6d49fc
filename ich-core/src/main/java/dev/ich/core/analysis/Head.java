package dev.ich.core.analysis;

import java.util.Locale;

/** The two outputs of the multi-task network that can be explained. */
public enum Head {
    /** The regression head: the cube root of the haematoma volume. */
    VOLUME,
    /** The classification head: the probability of death. */
    PROGNOSIS;

    /** The lower-case name used on the command line and in file names. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
