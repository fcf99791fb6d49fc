package dev.ich.dicom.result;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.write.DicomUids;
import java.time.Instant;

/**
 * What the encoders of one set of result objects share.
 *
 * @param source the analysed series
 * @param ct the analysed volume
 * @param result the analysis
 * @param created the content date and time of every object
 * @param uidSeed derives every new UID from this seed and a role when not null, else UIDs are
 *     random
 */
record ResultContext(
        SourceStudy source, CtVolume ct, AnalysisResult result, Instant created, String uidSeed) {

    /** A new UID for {@code role} (for example {@code "seg/instance"}). */
    String uid(String role) {
        return uidSeed == null ? DicomUids.random() : DicomUids.fromName(uidSeed + "/" + role);
    }
}
