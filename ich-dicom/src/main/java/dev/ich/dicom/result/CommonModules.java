package dev.ich.dicom.result;

import dev.ich.core.analysis.LibraryVersion;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The modules every result object shares: the copied patient and study identity, series, SOP
 * common, equipment and content date and time. Nothing else identifying is written: no institution,
 * operator, device serial number of a scanner or dates other than the content's.
 */
final class CommonModules {

    static final String MANUFACTURER = "ich";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private CommonModules() {}

    /** The start of a result object's data set. */
    static DataSet dataSet(
            ResultContext c,
            String sopClassUid,
            String sopInstanceUid,
            String modality,
            String seriesUid,
            int seriesNumber,
            String seriesDescription,
            int instanceNumber) {
        DataSet d = new DataSet();
        c.source().identity().copyInto(d);
        ZonedDateTime utc = c.created().atZone(ZoneOffset.UTC);
        d.text(0x00080016, "UI", sopClassUid)
                .text(0x00080018, "UI", sopInstanceUid)
                .text(0x00080023, "DA", DATE.format(utc))
                .text(0x00080033, "TM", TIME.format(utc))
                .text(0x00080060, "CS", modality)
                .text(0x00080070, "LO", MANUFACTURER)
                .text(0x0008103E, "LO", seriesDescription)
                .text(0x00081090, "LO", "ich")
                .text(0x00181020, "LO", LibraryVersion.get())
                .text(0x0020000E, "UI", seriesUid)
                .text(0x00200011, "IS", Integer.toString(seriesNumber))
                .text(0x00200013, "IS", Integer.toString(instanceNumber));
        return d;
    }

    /**
     * The Frame of Reference module: the source's frame, so viewers align the object with the CT.
     */
    static void frameOfReference(DataSet d, ResultContext c) {
        d.text(0x00200052, "UI", c.source().frameOfReferenceUid()).text(0x00201040, "LO", "");
    }

    /** Image Position (Patient) of slice {@code k}: the centre of its first voxel. */
    static Vec3 slicePosition(VolumeGeometry g, int k) {
        return g.origin().plus(g.axisK().times(k * g.spacing().z()));
    }

    /**
     * An item referencing one source image (Referenced SOP Class/Instance UID, frame when
     * multi-frame).
     */
    static DataSet reference(SourceSlice s) {
        DataSet item =
                new DataSet()
                        .text(0x00081150, "UI", s.sopClassUid())
                        .text(0x00081155, "UI", s.sopInstanceUid());
        if (s.frameNumber() > 0) {
            item.text(0x00081160, "IS", Integer.toString(s.frameNumber()));
        }
        return item;
    }

    /** The source series with one item per source image (each image once, in slice order). */
    static DataSet referencedSeries(ResultContext c) {
        List<DataSet> instances =
                c.source().slices().stream()
                        .filter(s -> s.frameNumber() <= 1)
                        .map(
                                s ->
                                        new DataSet()
                                                .text(0x00081150, "UI", s.sopClassUid())
                                                .text(0x00081155, "UI", s.sopInstanceUid()))
                        .toList();
        return new DataSet()
                .sequence(0x0008114A, instances)
                .text(0x0020000E, "UI", c.source().seriesInstanceUid());
    }
}
