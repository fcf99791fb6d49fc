package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.dicom.nifti.NiftiWriter;
import dev.ich.phantom.Phantom;
import dev.ich.phantom.PhantomCohort;
import dev.ich.phantom.PhantomSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ich train → ich predict on a few NIfTI phantoms, ich bench's model mode, and their errors. */
class ModelCommandsTest {

    @Test
    void trainThenPredict(@TempDir Path dir) throws Exception {
        PhantomCohort cohort =
                new PhantomCohort(
                        PhantomSpec.builder()
                                .inPlaneSize(128)
                                .pixelSpacingMm(1.75, 1.9)
                                .randomVolume()
                                .build(),
                        9,
                        6);
        StringBuilder manifest = new StringBuilder("study,volume_ml,outcome\n");
        for (int i = 0; i < cohort.size(); i++) {
            Phantom p = cohort.generate(i);
            Path file = dir.resolve("s" + i + ".nii.gz");
            NiftiWriter.defaults().write(p.volume(), file);
            // Alternate outcomes so both classes are present whatever the phantoms drew.
            manifest.append(file.getFileName())
                    .append(',')
                    .append(p.volumeMl())
                    .append(',')
                    .append(i % 2)
                    .append('\n');
        }
        Files.writeString(dir.resolve("m.csv"), manifest);
        Path model = dir.resolve("model");
        String[] train = {
            "train",
            "--manifest",
            dir.resolve("m.csv").toString(),
            "--out",
            model.toString(),
            "--epochs",
            "1",
            "--batch",
            "3",
            "--lr",
            "0.001"
        };
        Result r = run(train);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out)
                .contains("best_epoch=1")
                .containsPattern("train_loss=\\d")
                .contains("parameters_sha256=");
        assertThat(r.err).contains("epoch 1/1");
        assertThat(model.resolve("model.json")).exists();

        assertThat(dir.resolve("model.checkpoint")).doesNotExist();

        Result again = run(train);
        assertThat(again.code).isEqualTo(2);
        assertThat(again.err).contains(model.toString()).contains("not an empty directory");

        Result p = run("predict", "--model", model.toString(), dir.resolve("s0.nii.gz").toString());
        assertThat(p.code).as(p.err).isZero();
        assertThat(p.out)
                .containsPattern("volume_ml=\\d+\\.\\d\\d")
                .containsPattern("probability_of_death=0?\\.\\d{4}|1\\.0000")
                .containsPattern("outcome=(died|survived)");

        Result missing =
                run(
                        "predict",
                        "--model",
                        dir.resolve("nothing").toString(),
                        dir.resolve("s0.nii.gz").toString());
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("nothing").contains("not a model directory");

        // --keep last keeps the last epoch, whatever the losses did.
        Result last =
                run(
                        "train",
                        "--manifest",
                        dir.resolve("m.csv").toString(),
                        "--out",
                        dir.resolve("last").toString(),
                        "--epochs",
                        "2",
                        "--batch",
                        "3",
                        "--lr",
                        "0.001",
                        "--lr-schedule",
                        "cosine",
                        "--warmup",
                        "1",
                        "--keep",
                        "last");
        assertThat(last.code).as(last.err).isZero();
        assertThat(last.out).contains("best_epoch=2");

        Result longWarmup =
                run(
                        "train",
                        "--manifest",
                        dir.resolve("m.csv").toString(),
                        "--out",
                        dir.resolve("warm").toString(),
                        "--epochs",
                        "2",
                        "--warmup",
                        "2");
        assertThat(longWarmup.code).isEqualTo(2);
        assertThat(longWarmup.err).contains("--warmup").contains("less than --epochs (2), got 2");
        assertThat(dir.resolve("warm")).doesNotExist();
    }

    @Test
    void benchModelModeEndsWithTheTwoMedians() {
        Result r =
                run(
                        "bench",
                        "--shape",
                        "16x32x32",
                        "--width",
                        "4",
                        "--depth",
                        "10",
                        "--runs",
                        "1",
                        "--threads",
                        "2");
        assertThat(r.code).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines.get(lines.size() - 2)).matches("inference_ms_median=\\d+\\.\\d");
        assertThat(lines.get(lines.size() - 1)).matches("train_step_ms_median=\\d+\\.\\d");
        assertThat(r.out).contains("peak_rss_after_inference_mb=").contains("parameters=");
        Result bad = run("bench", "--shape", "16x32", "--runs", "1");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("DxHxW");
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IchCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
