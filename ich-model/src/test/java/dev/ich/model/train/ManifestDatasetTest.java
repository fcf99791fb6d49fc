package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.io.StudyReader;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest reader, its errors, and the preprocessed-input cache and its invalidation. */
class ManifestDatasetTest {

    /**
     * Reads any file as a 4×4×2 volume whose HU are the file's length (so a changed file changes
     * the volume).
     */
    private static final StudyReader READER =
            study -> {
                try {
                    float hu = Files.size(study);
                    float[] values = new float[32];
                    java.util.Arrays.fill(values, hu);
                    return new CtVolume(
                            VolumeGeometry.axial(4, 4, 2, new Vec3(1, 1, 1), new Vec3(0, 0, 0)),
                            values,
                            Provenance.synthetic("test", 2));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            };

    private static final class CountingPreparer implements InputPreparer {
        final AtomicInteger calls = new AtomicInteger();
        final String fingerprint;

        CountingPreparer(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public ModelInput prepare(CtVolume volume) {
            calls.incrementAndGet();
            float[] hu = volume.huCopy();
            float[] v = new float[8 * 8 * 8];
            java.util.Arrays.fill(v, hu[0] / 100f + fingerprint.length());
            return new ModelInput(8, 8, 8, v);
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }
    }

    @Test
    void loadsCachesAndInvalidates(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("studies"));
        Files.writeString(dir.resolve("studies/a.nii"), "aaaa");
        Files.writeString(dir.resolve("studies/b.nii"), "bbbbbbbb");
        Files.writeString(dir.resolve("studies/b-mask.nii"), "m");
        Path manifest = dir.resolve("m.csv");
        Files.writeString(
                manifest,
                "study,volume_ml,outcome,mask\nstudies/a.nii,12.5,0,\n\"studies/b.nii\",40,died,studies/b-mask.nii\n");
        Path cache = dir.resolve("cache");
        CountingPreparer preparer = new CountingPreparer("cfg1");
        List<TrainingExample> first = ManifestDataset.load(manifest, READER, preparer, cache);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).volumeMl()).isEqualTo(12.5);
        assertThat(first.get(1).outcome()).isEqualTo(Outcome.DIED);
        assertThat(first.get(1).input().get(0, 0, 0)).isEqualTo(8 / 100f + 4);
        assertThat(preparer.calls.get()).isEqualTo(2);

        List<TrainingExample> again = ManifestDataset.load(manifest, READER, preparer, cache);
        assertThat(preparer.calls.get()).isEqualTo(2);
        assertThat(again.get(1).input()).isEqualTo(first.get(1).input());

        ManifestDataset.load(manifest, READER, new CountingPreparer("cfg2"), cache);
        CountingPreparer other = new CountingPreparer("cfg2");
        ManifestDataset.load(manifest, READER, other, cache);
        assertThat(other.calls.get()).isZero();

        Files.writeString(dir.resolve("studies/a.nii"), "aaaaaa");
        CountingPreparer afterChange = new CountingPreparer("cfg1");
        List<TrainingExample> changed = ManifestDataset.load(manifest, READER, afterChange, cache);
        assertThat(afterChange.calls.get()).isEqualTo(1);
        assertThat(changed.get(0).input().get(0, 0, 0)).isEqualTo(6 / 100f + 4);
    }

    @Test
    void errorsNameTheRow(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.nii"), "a");
        Path manifest = dir.resolve("m.csv");
        Files.writeString(manifest, "study,volume_ml,outcome\na.nii,3,0\nmissing.nii,4,1\n");
        assertThatThrownBy(() -> ManifestDataset.readRows(manifest))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageContaining("row 3 of m.csv")
                .hasMessageContaining("missing.nii");
        Files.writeString(manifest, "study,volume_ml,outcome\na.nii,three,0\n");
        assertThatThrownBy(() -> ManifestDataset.readRows(manifest))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TABLE))
                .hasMessageContaining("row 2 of m.csv")
                .hasMessageContaining("three");
        Files.writeString(manifest, "study,volume_ml,outcome\na.nii,3,maybe\n");
        assertThatThrownBy(() -> ManifestDataset.readRows(manifest))
                .hasMessageContaining("row 2 of m.csv")
                .hasMessageContaining("maybe");
        Files.writeString(manifest, "path,ml,outcome\n");
        assertThatThrownBy(() -> ManifestDataset.readRows(manifest))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TABLE))
                .hasMessageContaining("header");
        Files.writeString(manifest, "study,volume_ml,outcome\na.nii,3,0\n");
        StudyReader failing =
                study -> {
                    throw new IchException(
                            ErrorCode.NOT_DICOM, study.toString(), "not a study", "Give a study");
                };
        assertThatThrownBy(
                        () ->
                                ManifestDataset.load(
                                        manifest,
                                        failing,
                                        new CountingPreparer("x"),
                                        dir.resolve("c")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_DICOM))
                .hasMessageContaining("row 2 of m.csv");
    }
}
