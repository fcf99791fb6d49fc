package dev.ich.model.train;

import dev.ich.core.analysis.Outcome;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One data row of a training manifest.
 *
 * @param line the 1-based line number in the CSV file (for messages)
 * @param study the study (a DICOM folder or file, a NIfTI file), resolved against the manifest's
 *     folder
 * @param volumeMl the reference volume in ml
 * @param outcome the observed outcome
 * @param mask the optional reference mask, resolved likewise (not used by training; checked to
 *     exist)
 */
public record ManifestRow(
        int line, Path study, double volumeMl, Outcome outcome, Optional<Path> mask) {}
