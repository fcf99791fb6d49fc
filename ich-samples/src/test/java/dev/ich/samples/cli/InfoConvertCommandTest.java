package dev.ich.samples.cli;

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

/** {@code ich info} and {@code ich convert} on ich-dicom's test corpus: output, exit codes, error lines. */
class InfoConvertCommandTest {

    /** The corpus lives in ich-dicom's test resources (made by tools/reference/make_dicom_corpus.py). */
    static final Path CORPUS = Paths.get("..", "ich-dicom", "src", "test", "resources", "dicom", "corpus");

    @Test
    void infoJsonListsTheSeriesWithoutIdentity() {
        IchCliTest.Run run = IchCliTest.run("info", CORPUS.resolve("multi_series").toString(), "--json");
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
        assertThat(missing.out()).contains("cannot be read as a volume").contains("not evenly spaced");
    }

    @Test
    void convertWritesRefusesToOverwriteAndForceReplaces(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ct.nii.gz");
        IchCliTest.Run first = IchCliTest.run("convert", CORPUS.resolve("shuffled").toString(), out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        NiftiImage img = NiftiReader.read(out);
        assertThat(img.geometry().nz()).isEqualTo(5);
        long size = Files.size(out);

        IchCliTest.Run again = IchCliTest.run("convert", CORPUS.resolve("oblique").toString(), out.toString());
        assertThat(again.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(again.err()).contains("ct.nii.gz").contains("exists").contains("--force").doesNotContain("at dev.ich");
        assertThat(Files.size(out)).isEqualTo(size);

        IchCliTest.Run forced = IchCliTest.run("convert", CORPUS.resolve("oblique").toString(), out.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
    }

    @Test
    void aBadInputIsOneLineNamingTheFileAndDebugAddsTheTrace(@TempDir Path tmp) {
        Path in = CORPUS.resolve("truncated");
        String out = tmp.resolve("x.nii.gz").toString();
        IchCliTest.Run run = IchCliTest.run("convert", in.toString(), out);
        assertThat(run.exitCode()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("slice000.dcm").contains("ends at byte").doesNotContain("at dev.ich");
        assertThat(Files.exists(Path.of(out))).isFalse();
        IchCliTest.Run debug = IchCliTest.run("convert", in.toString(), out, "--debug");
        assertThat(debug.err()).contains("at dev.ich");
    }
}
