package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ich analyze} over the manifest {@code ich phantoms} writes, with an empty study planted:
 * one row per study with the manifest's columns carried, heatmaps per study when asked, the rate
 * printed; and a run killed with SIGKILL halfway going on without losing or repeating a row.
 */
class AnalyzeArchiveCommandTest {

    private static final int PHANTOMS = 8;

    @TempDir static Path shared;

    private static Path model;
    private static Path manifest;

    @TempDir Path dir;

    @BeforeAll
    static void cohortAndModel() throws Exception {
        model = shared.resolve("model");
        TinyModel.train(model);
        Path cohort = shared.resolve("cohort");
        new CohortWriter(
                        PhantomSpec.builder()
                                .inPlaneSize(128)
                                .pixelSpacingMm(1.75, 1.9)
                                .sliceThicknessMm(6)
                                .build(),
                        5,
                        1,
                        1)
                .write(PHANTOMS, cohort, n -> {});
        manifest = cohort.resolve(CohortWriter.MANIFEST);
        Files.createDirectories(cohort.resolve("studies/empty"));
        String header = Files.readAllLines(manifest).get(0);
        String emptyRow = "studies/empty" + ",".repeat(header.split(",").length - 1) + "\n";
        Files.writeString(manifest, emptyRow, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void aManifestGivesOneRowPerStudyAndHeatmapsWhenAsked() throws Exception {
        Path out = dir.resolve("out");
        IchCliTest.Run run =
                IchCliTest.run(
                        "analyze",
                        "--model",
                        model.toString(),
                        "--out",
                        out.toString(),
                        "--workers",
                        "2",
                        "--heatmaps",
                        manifest.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(PHANTOMS + 1 + " studies: " + PHANTOMS + " analysed, 1 failed")
                .containsPattern("\\d+ studies/hour with 2 workers")
                .contains("results.parquet");
        assertThat(run.err())
                .contains("analyze 9/9 (100 %)")
                .contains("studies/h")
                .doesNotContain("\r");
        List<String> rows = lines(out.resolve("results.csv"));
        assertThat(rows).hasSize(1 + PHANTOMS + 1);
        assertThat(rows.get(0))
                .startsWith(
                        "study,volume_ml,outcome,mask,location,abc2_ml,rater_1_ml,status,"
                                + "error_code,error_message,predicted_volume_ml");
        assertThat(rows.get(PHANTOMS + 1)).startsWith("studies/empty,,,,,,,error,NO_SERIES,");
        for (String row : rows.subList(1, PHANTOMS + 1)) {
            assertThat(row).startsWith("studies/case-").contains(",ok,,,");
        }
        try (Stream<Path> studies = Files.list(out.resolve(ArchiveRun.HEATMAPS))) {
            List<Path> folders = studies.sorted().toList();
            assertThat(folders).hasSize(PHANTOMS);
            assertThat(folders.get(0).getFileName().toString()).isEqualTo("00001_case-0001");
            assertThat(folders.get(0).resolve("heatmap_volume.nii.gz")).isNotEmptyFile();
            assertThat(folders.get(0).resolve("overlay_volume.png")).isNotEmptyFile();
        }
    }

    @Test
    void aRunKilledHalfwayGoesOnWithoutLosingOrRepeatingARow() throws Exception {
        Path out = dir.resolve("out");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                IchCli.class.getName(),
                                "analyze",
                                "--model",
                                model.toString(),
                                "--out",
                                out.toString(),
                                "--workers",
                                "1",
                                manifest.toString()));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("killed.log").toFile())
                        .start();
        Path journal = out.resolve("results.journal.csv");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!(Files.exists(journal) && lines(journal).size() >= 1 + 3)
                && process.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean killed = process.isAlive();
        process.destroyForcibly().waitFor();
        assertThat(killed).as(Files.readString(dir.resolve("killed.log"))).isTrue();
        assertThat(out.resolve("results.csv"))
                .as("the run finished before it was killed")
                .doesNotExist();
        List<String> before = lines(journal);
        assertThat(before.size()).isBetween(1 + 3, PHANTOMS);

        IchCliTest.Run rerun =
                IchCliTest.run(
                        "analyze",
                        "--model",
                        model.toString(),
                        "--out",
                        out.toString(),
                        manifest.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains("studies done");
        assertThat(rerun.out()).contains("(" + (before.size() - 1) + " done by an earlier run)");
        List<String> rows = lines(out.resolve("results.csv"));
        assertThat(rows).hasSize(1 + PHANTOMS + 1).doesNotHaveDuplicates().containsAll(before);
        assertThat(rows.stream().skip(1).map(r -> r.substring(0, r.indexOf(','))))
                .doesNotHaveDuplicates()
                .hasSize(PHANTOMS + 1);
        assertThat(journal).doesNotExist();
    }
}
