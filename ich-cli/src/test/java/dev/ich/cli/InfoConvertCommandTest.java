package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.dicom.nifti.NiftiImage;
import dev.ich.dicom.nifti.NiftiReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ich info} and {@code ich convert} on ich-dicom's test corpus: output, exit codes, error
 * lines.
 */
class InfoConvertCommandTest {

    /**
     * The corpus lives in ich-dicom's test resources (made by
     * tools/reference/make_dicom_corpus.py).
     */
    static final Path CORPUS =
            Paths.get("..", "ich-dicom", "src", "test", "resources", "dicom", "corpus");

    @Test
    void infoJsonListsTheSeriesWithoutIdentity() {
        IchCliTest.Run run =
                IchCliTest.run("info", CORPUS.resolve("multi_series").toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray series = json.getAsJsonArray("series");
        assertThat(series).hasSize(4);
        long chosen = 0;
        for (var e : series) {
            JsonObject s = e.getAsJsonObject();
            if (s.get("chosen").getAsBoolean()) {
                chosen++;
                assertThat(s.get("sliceCount").getAsInt()).isEqualTo(6);
                assertThat(s.get("orientation").getAsString()).isEqualTo("axial");
            }
        }
        assertThat(chosen).isEqualTo(1);
        assertThat(run.out()).doesNotContain("SECRET").doesNotContain("19010203");
    }

    @Test
    void infoTextShowsTiltAndTheReasonASeriesCannotBeRead() {
        IchCliTest.Run tilted = IchCliTest.run("info", CORPUS.resolve("tilted").toString());
        assertThat(tilted.exitCode()).isZero();
        assertThat(tilted.out()).contains("gantry tilt 15.00°").contains("1.2.840.10008.1.2.1");
        IchCliTest.Run missing = IchCliTest.run("info", CORPUS.resolve("missing_slice").toString());
        assertThat(missing.out())
                .contains("cannot be read as a volume")
                .contains("not evenly spaced");
    }

    @Test
    void convertWritesRefusesToOverwriteAndForceReplaces(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ct.nii.gz");
        IchCliTest.Run first =
                IchCliTest.run("convert", CORPUS.resolve("shuffled").toString(), out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        NiftiImage img = NiftiReader.read(out);
        assertThat(img.geometry().nz()).isEqualTo(5);
        long size = Files.size(out);

        IchCliTest.Run again =
                IchCliTest.run("convert", CORPUS.resolve("oblique").toString(), out.toString());
        assertThat(again.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(again.err())
                .contains("ct.nii.gz")
                .contains("exists")
                .contains("--force")
                .doesNotContain("at dev.ich");
        assertThat(Files.size(out)).isEqualTo(size);

        IchCliTest.Run forced =
                IchCliTest.run(
                        "convert", CORPUS.resolve("oblique").toString(), out.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
    }

    @Test
    void aBadInputIsOneLineNamingTheFileAndDebugAddsTheTrace(@TempDir Path tmp) {
        Path in = CORPUS.resolve("truncated");
        String out = tmp.resolve("x.nii.gz").toString();
        IchCliTest.Run run = IchCliTest.run("convert", in.toString(), out);
        assertThat(run.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(run.err())
                .contains("slice000.dcm")
                .contains("ends at byte")
                .doesNotContain("at dev.ich");
        assertThat(Files.exists(Path.of(out))).isFalse();
        IchCliTest.Run debug = IchCliTest.run("convert", in.toString(), out, "--debug");
        assertThat(debug.err()).contains("at dev.ich");
    }

    /** Edge cases made by tools/reference/make_dicom_edge_cases.py. */
    static final Path EDGE = CORPUS.resolveSibling("edge");

    @Test
    void nonCtIsConvertedOnlyWhenAskedAndNotCalledHu(@TempDir Path tmp) {
        String out = tmp.resolve("mr.nii.gz").toString();
        IchCliTest.Run refused =
                IchCliTest.run("convert", EDGE.resolve("mr_series").toString(), out);
        assertThat(refused.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(refused.err())
                .contains("modality MR")
                .contains("--allow-non-ct")
                .doesNotContain("at dev.ich");
        assertThat(Files.exists(Path.of(out))).isFalse();
        IchCliTest.Run allowed =
                IchCliTest.run(
                        "convert", EDGE.resolve("mr_series").toString(), out, "--allow-non-ct");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.out())
                .contains("stored values after rescale")
                .contains("not Hounsfield units");
    }

    @Test
    void severalStudiesAreListedAndOneIsChosenWithStudy(@TempDir Path tmp) {
        String out = tmp.resolve("a.nii.gz").toString();
        IchCliTest.Run refused =
                IchCliTest.run("convert", EDGE.resolve("two_studies").toString(), out);
        assertThat(refused.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(refused.err())
                .contains("2 studies")
                .contains("--study")
                .doesNotContain("SECRET")
                .doesNotContain("at dev.ich");
        JsonObject info =
                JsonParser.parseString(
                                IchCliTest.run(
                                                "info",
                                                EDGE.resolve("two_studies/a").toString(),
                                                "--json")
                                        .out())
                        .getAsJsonObject();
        String study =
                info.getAsJsonArray("series")
                        .get(0)
                        .getAsJsonObject()
                        .get("studyInstanceUid")
                        .getAsString();
        assertThat(refused.err()).contains(study);
        IchCliTest.Run chosen =
                IchCliTest.run(
                        "convert", EDGE.resolve("two_studies").toString(), out, "--study", study);
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        IchCliTest.Run analysis =
                IchCliTest.run(
                        "analyze",
                        EDGE.resolve("two_studies").toString(),
                        "--model",
                        tmp.resolve("no-model").toString(),
                        "--out",
                        tmp.resolve("result").toString());
        assertThat(analysis.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(analysis.err()).contains("2 studies").contains("--study");
        IchCliTest.Run volume = IchCliTest.run("volume", EDGE.resolve("two_studies").toString());
        assertThat(volume.err()).contains("2 studies");
        IchCliTest.Run chosenVolume =
                IchCliTest.run("volume", EDGE.resolve("two_studies").toString(), "--study", study);
        assertThat(chosenVolume.exitCode()).as(chosenVolume.err()).isZero();
    }

    @Test
    void anImageWithoutGeometryIsConvertedWithAWarningButNotAnalysed(@TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("one.nii.gz");
        IchCliTest.Run run =
                IchCliTest.run("convert", EDGE.resolve("no_geometry").toString(), out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("warning:").contains("placed as dcm2niix");
        assertThat(NiftiReader.read(out).geometry().nz()).isEqualTo(1);
        IchCliTest.Run analysis =
                IchCliTest.run(
                        "analyze",
                        EDGE.resolve("no_geometry").toString(),
                        "--model",
                        tmp.resolve("no-model").toString(),
                        "--out",
                        tmp.resolve("result").toString());
        assertThat(analysis.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(analysis.err())
                .contains("ImagePositionPatient")
                .contains("unknown")
                .doesNotContain("at dev.ich");
    }

    @Test
    void infoReportsASeriesItCannotDecode() {
        IchCliTest.Run run =
                IchCliTest.run(
                        "info",
                        EDGE.resolve("truncated").resolve("jpeg_baseline_60.dcm").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cannot be read as a volume").contains("cut short");
    }
}
