package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.dicom.nifti.NiftiWriter;
import dev.ich.phantom.PhantomCohort;
import dev.ich.phantom.PhantomSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ich analyze} and {@code ich explain} refuse an output folder that holds one of their files
 * before any work, and write nothing then: no stray heatmap or PNG beside the user's file.
 */
class OutputBeforeWorkTest {

    @TempDir static Path shared;

    private static Path model;
    private static Path study;

    @TempDir Path dir;

    @BeforeAll
    static void modelAndStudy() throws Exception {
        model = shared.resolve("model");
        TinyModel.train(model);
        study = shared.resolve("study.nii.gz");
        NiftiWriter.defaults()
                .write(
                        new PhantomCohort(
                                        PhantomSpec.builder()
                                                .inPlaneSize(128)
                                                .pixelSpacingMm(1.75, 1.9)
                                                .build(),
                                        3,
                                        1)
                                .generate(0)
                                .volume(),
                        study);
    }

    private static int run(String... args) {
        return IchCli.run(
                args,
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true));
    }

    private static String[] names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void analyzeRefusesAnExistingResultBeforeWritingAHeatmap() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("result.json"), "mine");
        assertThat(
                        run(
                                "analyze",
                                "--model",
                                model.toString(),
                                "--out",
                                out.toString(),
                                study.toString()))
                .isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(names(out)).containsExactly("result.json");
        assertThat(out.resolve("result.json")).hasContent("mine");

        Path fresh = dir.resolve("fresh");
        assertThat(
                        run(
                                "analyze",
                                "--model",
                                model.toString(),
                                "--out",
                                fresh.toString(),
                                study.toString()))
                .isZero();
        assertThat(names(fresh))
                .containsExactly("heatmap_volume.nii.gz", "overlay_volume.png", "result.json");
    }

    @Test
    void explainRefusesAnExistingScoresFileBeforeWritingAHeatmap() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("scores.json"), "mine");
        assertThat(
                        run(
                                "explain",
                                "--model",
                                model.toString(),
                                "--out",
                                out.toString(),
                                "--head",
                                "volume",
                                "--faithfulness",
                                "--steps",
                                "2",
                                "--tile",
                                "64",
                                study.toString()))
                .isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(names(out)).containsExactly("scores.json");
        assertThat(out.resolve("scores.json")).hasContent("mine");
    }

    /**
     * A study that cannot be read leaves the output folder as it was: no temporary, no partial
     * file.
     */
    @Test
    void aFailureLeavesNoFiles() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path bad = Files.writeString(dir.resolve("bad.nii"), "not a NIfTI file");
        assertThat(
                        run(
                                "analyze",
                                "--model",
                                model.toString(),
                                "--out",
                                out.toString(),
                                bad.toString()))
                .isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(names(out)).isEmpty();
    }
}
