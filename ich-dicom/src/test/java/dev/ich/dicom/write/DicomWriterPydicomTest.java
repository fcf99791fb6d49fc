package dev.ich.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What pydicom (and dcm2niix) read from the committed reference series, against the volume the
 * writer was given. DicomWriterReferenceTest guarantees the writer still produces those bytes.
 */
class DicomWriterPydicomTest {

    /** Positions and spacings pass through 16-character DS strings: about 13 significant digits. */
    private static final double POSITION_TOLERANCE_MM = 1e-9;

    /** dcm2niix stores its affine as float32. */
    private static final double DCM2NIIX_VOXEL_TOLERANCE = 1e-3;

    static Stream<String> series() {
        return ReferenceSeries.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void pydicomReadsTheIntendedVolume(String name) {
        Map.Entry<DicomSeriesWriter, CtVolume> input = ReferenceSeries.all().get(name);
        CtVolume volume = input.getValue();
        VolumeGeometry g = volume.geometry();
        WriterReference ref = WriterReference.load(name + ".ref");
        assertThat(ref.ints("files")).containsExactly(g.nz());
        boolean identity = name.contains("identity");
        boolean perSlice = name.contains("per_slice");
        float[] hu = volume.huCopy();
        int perSliceCount = g.nx() * g.ny();
        HuQuantiser.Scale global = HuQuantiser.choose(hu, 0, hu.length);
        Vec3 normal = g.axisI().cross(g.axisJ());
        for (int k = 0; k < g.nz(); k++) {
            String p = "slice" + (k + 1) + "_";
            assertThat(ref.text(p + "syntax")).isEqualTo(syntaxOf(name).uid());
            assertThat(ref.ints(p + "instance")).containsExactly(k + 1);
            assertThat(ref.ints(p + "rows_columns")).containsExactly(g.ny(), g.nx());
            assertClose(
                    ref.doubles(p + "ipp"),
                    g.origin().plus(g.axisK().times(k * g.spacing().z())).toArray());
            double[] iop = ref.doubles(p + "iop");
            assertClose(
                    iop,
                    new double[] {
                        g.axisI().x(),
                        g.axisI().y(),
                        g.axisI().z(),
                        g.axisJ().x(),
                        g.axisJ().y(),
                        g.axisJ().z()
                    });
            assertClose(
                    ref.doubles(p + "pixel_spacing"),
                    new double[] {g.spacing().y(), g.spacing().x()});
            double plane = Math.abs(g.axisK().dot(normal)) * g.spacing().z();
            assertClose(ref.doubles(p + "thickness_spacing"), new double[] {plane, plane});
            assertThat(ref.doubles(p + "window")).containsExactly(75, 70);

            assertThat(ref.text(p + "patient_name"))
                    .isEqualTo(identity ? ReferenceSeries.MARKER_NAME : "");
            assertThat(ref.text(p + "patient_id"))
                    .isEqualTo(identity ? ReferenceSeries.MARKER_ID : "");
            assertThat(ref.text(p + "patient_birth_date")).isEqualTo(identity ? "19010203" : "");

            HuQuantiser.Scale scale =
                    perSlice
                            ? HuQuantiser.choose(
                                    java.nio.FloatBuffer.wrap(hu),
                                    k * perSliceCount,
                                    (k + 1) * perSliceCount,
                                    false)
                            : global;
            double[] rescale = ref.doubles(p + "rescale");
            assertThat(rescale).containsExactly(scale.slope(), scale.intercept());
            double[] pydicomHu = ref.doubles(p + "hu");
            assertThat(pydicomHu).hasSize(perSliceCount);
            for (int n = 0; n < perSliceCount; n++) {
                float intended = hu[k * perSliceCount + n];
                // pydicom's float64 stored × slope + intercept equals ours exactly ...
                assertThat(pydicomHu[n]).isEqualTo(scale.huOf(scale.store(intended)));
                // ... and is the HU we wrote: exactly for whole HU, within half a step otherwise.
                assertThat(pydicomHu[n])
                        .isCloseTo(
                                intended,
                                within(
                                        rescale[0] == 1 && rescale[1] == Math.rint(rescale[1])
                                                ? 0.0
                                                : rescale[0] / 2 * 1.0001 + 1e-4));
            }
        }
        if (name.startsWith("explicit") || name.startsWith("implicit")) {
            dcm2niixAgrees(ref, volume);
        }
    }

    /** Every dcm2niix voxel, mapped through both affines, lands on our voxel with our value. */
    private static void dcm2niixAgrees(WriterReference ref, CtVolume volume) {
        int[] shape = ref.ints("dcm2niix_shape");
        assertThat(shape[0] * shape[1] * shape[2]).isEqualTo(volume.geometry().voxelCount());
        Affine dcm2niixToOurVoxels =
                volume.geometry()
                        .patientToVoxel()
                        .compose(Affine.ofRowMajor(ref.doubles("dcm2niix_affine")).rasToLps());
        double[] data = ref.doubles("dcm2niix_data");
        for (int k = 0; k < shape[2]; k++) {
            for (int j = 0; j < shape[1]; j++) {
                for (int i = 0; i < shape[0]; i++) {
                    Vec3 ours = dcm2niixToOurVoxels.apply(i, j, k);
                    long oi = Math.round(ours.x());
                    long oj = Math.round(ours.y());
                    long ok = Math.round(ours.z());
                    assertThat(ours.minus(new Vec3(oi, oj, ok)).norm())
                            .isLessThan(DCM2NIIX_VOXEL_TOLERANCE);
                    assertThat(data[i + shape[0] * (j + shape[1] * k)])
                            .isEqualTo((double) volume.huAt((int) oi, (int) oj, (int) ok));
                }
            }
        }
    }

    private static DicomTransferSyntax syntaxOf(String name) {
        for (DicomTransferSyntax ts : DicomTransferSyntax.values()) {
            if (ts.name().equalsIgnoreCase(name)) {
                return ts;
            }
        }
        return name.contains("identity")
                ? DicomTransferSyntax.EXPLICIT_VR_BIG_ENDIAN
                : DicomTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int n = 0; n < expected.length; n++) {
            assertThat(actual[n])
                    .isCloseTo(
                            expected[n],
                            within(POSITION_TOLERANCE_MM * Math.max(1, Math.abs(expected[n]))));
        }
    }
}
