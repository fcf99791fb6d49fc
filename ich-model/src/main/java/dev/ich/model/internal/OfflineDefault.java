package dev.ich.model.internal;

/**
 * Keeps DJL offline in every process that uses the library, whatever the host application sets: no
 * native library download, no usage report, no cloud-metadata call. DJL reads {@code
 * ai.djl.offline} each time it would go online, so setting it before the engine starts is enough.
 * An application that wants DJL's downloads says so with {@code -Dich.djl.downloads=true}.
 */
final class OfflineDefault {

    static final String DOWNLOADS_PROPERTY = "ich.djl.downloads";
    private static final String DJL_OFFLINE = "ai.djl.offline";

    private OfflineDefault() {}

    static void apply() {
        if (!Boolean.getBoolean(DOWNLOADS_PROPERTY)) {
            System.setProperty(DJL_OFFLINE, "true");
        }
    }
}
