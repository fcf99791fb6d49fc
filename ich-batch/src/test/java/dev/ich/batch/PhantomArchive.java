package dev.ich.batch;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.dicom.write.DicomSeriesWriter;
import dev.ich.model.NetworkConfig;
import dev.ich.model.train.IchTrainer;
import dev.ich.model.train.TrainingExample;
import dev.ich.phantom.PhantomCohort;
import dev.ich.phantom.PhantomSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A small archive for the tests: phantom DICOM series from the phantom generator, three broken
 * studies (a series with a file cut short, an MR series, an empty folder), and a real model
 * directory trained in a second (one epoch of a tiny network on random inputs).
 */
public final class PhantomArchive {

    /** The tiny network: 16×32×32 inputs. */
    public static final NetworkConfig NETWORK = new NetworkConfig(10, 4, 16, 32, 32, false);

    /** The broken studies' folder names and the error code each must give. */
    public static final List<String[]> BROKEN =
            List.of(
                    new String[] {"broken-truncated", "TRUNCATED_FILE"},
                    new String[] {"broken-mr", "UNSUPPORTED_IMAGE"},
                    new String[] {"broken-empty", "NO_SERIES"});

    private PhantomArchive() {}

    /** Writes {@code count} phantom series and the broken studies into {@code folder}. */
    public static void write(Path folder, int count) throws Exception {
        PhantomSpec template =
                PhantomSpec.builder()
                        .inPlaneSize(128)
                        .pixelSpacingMm(1.75, 1.9)
                        .sliceThicknessMm(6)
                        .build();
        PhantomCohort cohort = new PhantomCohort(template, 20, count + 2);
        for (int i = 0; i < count; i++) {
            series(cohort, i, folder.resolve(String.format(Locale.ROOT, "case-%03d", i + 1)));
        }
        Path truncated = series(cohort, count, folder.resolve(BROKEN.get(0)[0]));
        Path cut = middleFile(truncated);
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Path mr = series(cohort, count + 1, folder.resolve(BROKEN.get(1)[0]));
        try (Stream<Path> files = Files.list(mr)) {
            for (Path f : files.toList()) {
                Files.write(f, modalityMr(Files.readAllBytes(f)));
            }
        }
        Files.createDirectories(folder.resolve(BROKEN.get(2)[0]));
    }

    private static Path series(PhantomCohort cohort, int i, Path folder) throws Exception {
        DicomSeriesWriter.builder()
                .uidSeed("ich-batch-test/" + i)
                .build()
                .write(cohort.generate(i).volume(), folder);
        return folder;
    }

    private static Path middleFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> sorted = files.sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    /**
     * Rewrites the Modality element (0008,0060) CS "CT" of an explicit-VR little-endian file as
     * "MR".
     */
    private static byte[] modalityMr(byte[] file) {
        byte[] tag = {0x08, 0x00, 0x60, 0x00, 'C', 'S', 0x02, 0x00, 'C', 'T'};
        for (int p = 0; p + tag.length <= file.length; p++) {
            if (java.util.Arrays.equals(file, p, p + tag.length, tag, 0, tag.length)) {
                file[p + 8] = 'M';
                file[p + 9] = 'R';
                return file;
            }
        }
        throw new IllegalStateException("no Modality CT element in the written file");
    }

    /** Trains the tiny model into {@code model}. */
    public static void trainModel(Path model) throws Exception {
        Random rng = new Random(4);
        List<TrainingExample> examples = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            float[] x = new float[16 * 32 * 32];
            for (int v = 0; v < x.length; v++) {
                x[v] = rng.nextFloat();
            }
            examples.add(
                    new TrainingExample(
                            new ModelInput(16, 32, 32, x),
                            5 + 10 * n,
                            n % 2 == 0 ? Outcome.SURVIVED : Outcome.DIED));
        }
        IchTrainer.builder()
                .network(NETWORK)
                .epochs(1)
                .batchSize(2)
                .seed(1)
                .threads(1)
                .trainingSet(examples)
                .validationSet(examples)
                .build()
                .train(model);
    }

    /**
     * A manifest of the archive's studies with a carried {@code site} column, paths relative to it.
     */
    public static Path manifest(Path folder, Path csv) throws IOException {
        StringBuilder text = new StringBuilder("study,site\n");
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                text.append(csv.getParent().relativize(p))
                        .append(',')
                        .append(name.hashCode() % 2 == 0 ? "A" : "B")
                        .append('\n');
            }
        }
        return Files.writeString(csv, text, StandardCharsets.UTF_8);
    }
}
