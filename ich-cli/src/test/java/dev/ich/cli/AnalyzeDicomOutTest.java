package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.dicom.write.DicomSeriesWriter;
import dev.ich.dicom.write.WrittenSeries;
import dev.ich.phantom.Phantom;
import dev.ich.phantom.PhantomGenerator;
import dev.ich.phantom.PhantomSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ich analyze --dicom-out}: three series of the source's study, listed by {@code ich info}.
 */
class AnalyzeDicomOutTest {

    @TempDir Path dir;

    @Test
    void writesSegmentationReportAndOverlayOfTheSourceStudyAndNeverReplacesThem() throws Exception {
        Phantom phantom =
                PhantomGenerator.generate(
                        PhantomSpec.builder()
                                .inPlaneSize(128)
                                .pixelSpacingMm(1.75, 1.9)
                                .sliceThicknessMm(10)
                                .seed(5)
                                .build());
        Path study = dir.resolve("study");
        WrittenSeries source = DicomSeriesWriter.builder().build().write(phantom.volume(), study);
        Path model = dir.resolve("model");
        TinyModel.train(model);
        Path results = dir.resolve("results");
        String[] analyze = {
            "analyze",
            "--model",
            model.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--dicom-out",
            results.toString(),
            study.toString()
        };
        IchCliTest.Run run = IchCliTest.run(analyze);
        assertThat(run.exitCode()).as(run.err()).isZero();
        keepForValidation(study, results);

        IchCliTest.Run info = IchCliTest.run("info", "--json", results.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        JsonObject summary = JsonParser.parseString(info.out()).getAsJsonObject();
        assertThat(summary.getAsJsonArray("series")).isEmpty();
        JsonArray others = summary.getAsJsonArray("otherSeries");
        List<String> modalities = new ArrayList<>();
        int nz = phantom.volume().geometry().nz();
        for (var e : others) {
            JsonObject o = e.getAsJsonObject();
            modalities.add(o.get("modality").getAsString());
            assertThat(o.get("studyInstanceUid").getAsString())
                    .isEqualTo(source.studyInstanceUid());
            assertThat(o.get("seriesInstanceUid").getAsString())
                    .isNotEqualTo(source.seriesInstanceUid());
            assertThat(o.get("fileCount").getAsInt())
                    .isEqualTo(o.get("modality").getAsString().equals("OT") ? nz : 1);
        }
        assertThat(modalities).containsExactlyInAnyOrder("SEG", "SR", "OT");

        // The same study read again with its results beside it: still the CT, and a rerun refuses.
        IchCliTest.Run text = IchCliTest.run("info", results.toString());
        assertThat(text.out())
                .contains("3 other series")
                .contains("modality SEG")
                .contains("modality SR");
        long before = Files.getLastModifiedTime(results.resolve("SEG.dcm")).toMillis();
        analyze[4] = dir.resolve("out2").toString();
        IchCliTest.Run again = IchCliTest.run(analyze);
        assertThat(again.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(again.err()).contains("already exists").contains("--dicom-out");
        assertThat(Files.getLastModifiedTime(results.resolve("SEG.dcm")).toMillis())
                .isEqualTo(before);
        assertThat(dir.resolve("out2")).doesNotExist();
    }

    /**
     * With -Dich.keepDicomOut=folder, copies the study and its results there, for
     * tools/reference/check_dicom_results.py folder (dciodvfy on what the command line writes).
     */
    private static void keepForValidation(Path study, Path results) throws Exception {
        String keep = System.getProperty("ich.keepDicomOut");
        if (keep == null) {
            return;
        }
        for (Path folder : List.of(study, results)) {
            Path target = Files.createDirectories(Path.of(keep).resolve(folder.getFileName()));
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
    }

    @Test
    void aNiftiStudyHasNoDicomStudyToJoin() throws Exception {
        Phantom phantom =
                PhantomGenerator.generate(
                        PhantomSpec.builder()
                                .inPlaneSize(128)
                                .pixelSpacingMm(1.75, 1.9)
                                .sliceThicknessMm(10)
                                .seed(6)
                                .build());
        Path nifti = dir.resolve("study.nii.gz");
        dev.ich.dicom.nifti.NiftiWriter.builder().build().write(phantom.volume(), nifti);
        Path model = dir.resolve("model");
        TinyModel.train(model);
        IchCliTest.Run run =
                IchCliTest.run(
                        "analyze",
                        "--model",
                        model.toString(),
                        "--out",
                        dir.resolve("out").toString(),
                        "--dicom-out",
                        dir.resolve("results").toString(),
                        nifti.toString());
        assertThat(run.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("--dicom-out needs a DICOM study");
        assertThat(dir.resolve("results")).doesNotExist();
    }
}
