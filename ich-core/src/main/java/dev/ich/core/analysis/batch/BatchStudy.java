package dev.ich.core.analysis.batch;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One study of a batch.
 *
 * @param key how the study is named in the results (the path as the user gave it); unique in a
 *     batch
 * @param path where the study is read from (a DICOM file or folder, or a NIfTI file)
 * @param columns values carried through to the study's result row unchanged (a manifest's other
 *     columns), in their order
 */
public record BatchStudy(String key, Path path, Map<String, String> columns) {

    public BatchStudy {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** A study named by its path, with no carried columns. */
    public static BatchStudy of(Path path) {
        return new BatchStudy(path.toString(), path, Map.of());
    }
}
