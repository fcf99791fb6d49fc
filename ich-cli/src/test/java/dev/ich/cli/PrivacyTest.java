package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.dicom.write.DicomSeriesWriter;
import dev.ich.phantom.Phantom;
import dev.ich.phantom.PhantomGenerator;
import dev.ich.phantom.PhantomSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phantom whose identity attributes hold marker strings goes through every command that reads a
 * study; no marker may appear in anything the commands print, log or write.
 */
class PrivacyTest {

    private static final String NAME = "ZZPRIVATENAME";
    private static final String ID = "ZZPID4711";
    private static final String BIRTH_DATE = "19010203";

    @TempDir Path dir;

    @Test
    void noIdentityInOutputLogsOrFiles() throws Exception {
        Phantom phantom =
                PhantomGenerator.generate(
                        PhantomSpec.builder()
                                .inPlaneSize(128)
                                .pixelSpacingMm(1.75, 1.9)
                                .seed(11)
                                .build());
        Path study = dir.resolve("study");
        DicomSeriesWriter.builder()
                .patientName(NAME + "^ANNA")
                .patientId(ID)
                .patientBirthDate(LocalDate.of(1901, 2, 3))
                .build()
                .write(phantom.volume(), study);
        assertThat(grep(study)).as("the markers are in the input").isNotEmpty();
        Path model = dir.resolve("model");
        TinyModel.train(model);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        // The one output that carries identity: DICOM result objects filed with the patient's
        // study.
        Path dicomOut = dir.resolve("dicom-out");

        List<String[]> commands =
                List.of(
                        new String[] {"info", study.toString()},
                        new String[] {"info", "--json", study.toString()},
                        new String[] {
                            "convert", study.toString(), out.resolve("study.nii.gz").toString()
                        },
                        new String[] {"volume", study.toString()},
                        new String[] {
                            "predict",
                            "--model",
                            model.toString(),
                            out.resolve("study.nii.gz").toString()
                        },
                        new String[] {
                            "analyze",
                            "--model",
                            model.toString(),
                            "--out",
                            out.resolve("analyze").toString(),
                            study.toString()
                        },
                        new String[] {
                            "analyze",
                            "--model",
                            model.toString(),
                            "--out",
                            out.resolve("analyze-dicom").toString(),
                            "--dicom-out",
                            dicomOut.toString(),
                            study.toString()
                        },
                        new String[] {"info", dicomOut.toString()},
                        new String[] {"info", "--json", dicomOut.toString()},
                        new String[] {
                            "explain",
                            "--model",
                            model.toString(),
                            "--out",
                            out.resolve("explain").toString(),
                            "--slices",
                            "2",
                            "--tile",
                            "64",
                            study.toString()
                        },
                        // An error path: the output exists, so the command fails and says why.
                        new String[] {
                            "convert",
                            study.toString(),
                            out.resolve("study.nii.gz").toString(),
                            "--debug"
                        });
        StringBuilder printed = new StringBuilder();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            for (String[] command : commands) {
                IchCliTest.Run run = IchCliTest.run(command);
                printed.append(run.out()).append(run.err());
                assertThat(run.exitCode())
                        .as(String.join(" ", command) + ": " + run.err())
                        .isEqualTo(
                                command[command.length - 1].equals("--debug")
                                        ? IchCli.EXIT_BAD_INPUT
                                        : 0);
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String everything =
                (printed + logs.toString(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
        assertThat(everything)
                .contains("ML")
                .doesNotContain(NAME)
                .doesNotContain(ID)
                .doesNotContain(BIRTH_DATE);
        assertThat(grep(out)).as("output files holding a marker").isEmpty();
        assertThat(Files.list(out.resolve("analyze")).count()).isGreaterThanOrEqualTo(3);
        try (Stream<Path> results = Files.list(dicomOut)) {
            List<Path> objects = results.toList();
            assertThat(objects).hasSize(2 + phantom.volume().geometry().nz());
            assertThat(grep(dicomOut))
                    .as("every result object carries the patient's identity")
                    .containsExactlyInAnyOrderElementsOf(objects);
        }
    }

    /** The files below {@code folder} (gzip files uncompressed) that contain a marker. */
    private static List<Path> grep(Path folder) throws IOException {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (f.toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        bytes = in.readAllBytes();
                    }
                }
                String text =
                        new String(bytes, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
                if (text.contains(NAME) || text.contains(ID) || text.contains(BIRTH_DATE)) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }
}
