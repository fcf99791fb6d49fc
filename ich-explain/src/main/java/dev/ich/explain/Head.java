package dev.ich.explain;

import java.util.Locale;

/** The network output an explanation is about. */
public enum Head {
    /** The regression head: haematoma size (cube root of the volume in ml). */
    VOLUME,
    /** The classification head: one class score (before the softmax) of the prognosis. */
    PROGNOSIS;

    /** The name used on the command line and in file names: {@code volume} or {@code prognosis}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The head whose {@link #cliName()} is {@code name} (case-insensitive). */
    public static Head fromCliName(String name) {
        for (Head h : values()) {
            if (h.cliName().equalsIgnoreCase(name.trim())) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown head '" + name + "'; use volume or prognosis");
    }
}
