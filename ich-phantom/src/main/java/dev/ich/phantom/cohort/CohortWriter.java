package dev.ich.phantom.cohort;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.nifti.NiftiWriter;
import dev.ich.dicom.write.DicomSeriesWriter;
import dev.ich.eval.estimators.ClinicalVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.phantom.Phantom;
import dev.ich.phantom.PhantomCohort;
import dev.ich.phantom.PhantomSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Writes a seeded phantom cohort to a folder: each study as a DICOM series ({@code
 * studies/case-0001/}), its haematoma mask as NIfTI ({@code masks/case-0001.nii.gz}) and a {@code
 * manifest.csv} with the truth and simulated raters' ABC/2 estimates:
 *
 * <pre>study,volume_ml,outcome,mask,location,abc2_ml,rater_1_ml,...</pre>
 *
 * <p>Case {@code i} is the same whatever the cohort size, so a 20-case cohort is the start of a
 * 200-case one with the same seed.
 */
public final class CohortWriter {

    /** The manifest's file name inside the cohort folder. */
    public static final String MANIFEST = "manifest.csv";

    private final PhantomSpec template;
    private final long seed;
    private final int threads;
    private final SimulatedRaters raters;

    /**
     * @param template every phantom's spec but its seed
     * @param seed the cohort seed
     * @param raterCount how many simulated clinicians measure ABC/2 (the paper had eight)
     * @param threads phantoms generated at once
     */
    public CohortWriter(PhantomSpec template, long seed, int raterCount, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.template = template;
        this.seed = seed;
        this.threads = threads;
        this.raters = new SimulatedRaters(raterCount, seed ^ 0x5DEECE66DL);
    }

    /** The case name of index {@code i}. */
    public static String caseId(int i) {
        return String.format(Locale.ROOT, "case-%04d", i + 1);
    }

    /**
     * Generates and writes {@code count} cases into {@code folder}, which must not exist or be
     * empty, calling {@code progress} with 1 after each case.
     */
    public List<CohortCase> write(int count, Path folder, IntConsumer progress)
            throws IchException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        requireEmpty(folder);
        PhantomCohort cohort = new PhantomCohort(template, seed, count);
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "ich-phantoms");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            List<Future<CohortCase>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> writeCase(cohort.generate(index), index, folder)));
            }
            List<CohortCase> cases = new ArrayList<>();
            for (Future<CohortCase> future : futures) {
                cases.add(await(future));
                progress.accept(1);
            }
            writeManifest(cases, folder.resolve(MANIFEST));
            return cases;
        } finally {
            pool.shutdownNow();
        }
    }

    private CohortCase writeCase(Phantom phantom, int index, Path folder) throws IchException {
        String id = caseId(index);
        String study = "studies/" + id;
        String mask = "masks/" + id + ".nii.gz";
        DicomSeriesWriter.builder()
                .uidSeed("ich-phantom/" + seed + "/" + index)
                .seriesDescription("ich phantom " + id)
                .build()
                .write(phantom.volume(), folder.resolve(study));
        NiftiWriter.defaults().write(phantom.mask(), folder.resolve(mask));
        double abc2 = ClinicalVolumeEstimator.volumeMl(phantom.mask(), VolumeMethod.ABC2);
        return new CohortCase(
                id,
                study,
                mask,
                phantom.volumeMl(),
                phantom.outcome(),
                phantom.primaryLocation().name().toLowerCase(Locale.ROOT),
                abc2,
                raters.estimates(index, abc2));
    }

    private static CohortCase await(Future<CohortCase> future) throws IchException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the cohort", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IchException) {
                throw (IchException) e.getCause();
            }
            throw new IllegalStateException(
                    "writing a phantom failed: " + e.getCause(), e.getCause());
        }
    }

    private void writeManifest(List<CohortCase> cases, Path manifest) throws IchException {
        StringBuilder csv = new StringBuilder("study,volume_ml,outcome,mask,location,abc2_ml");
        for (int r = 1; r <= raters.count(); r++) {
            csv.append(",rater_").append(r).append("_ml");
        }
        csv.append('\n');
        for (CohortCase c : cases) {
            csv.append(c.study())
                    .append(',')
                    .append(number(c.volumeMl()))
                    .append(',')
                    .append(c.outcome())
                    .append(',')
                    .append(c.mask())
                    .append(',')
                    .append(c.location())
                    .append(',')
                    .append(number(c.abc2Ml()));
            for (double estimate : c.raterMl()) {
                csv.append(',').append(number(estimate));
            }
            csv.append('\n');
        }
        Path temporary = manifest.resolveSibling(MANIFEST + ".part");
        try {
            Files.writeString(temporary, csv, StandardCharsets.UTF_8);
            Files.move(temporary, manifest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    manifest.toString(),
                    "cannot write the manifest: " + e,
                    "Check that the folder is writable and the disk not full",
                    e);
        }
    }

    /** Full precision, so the manifest's volume is exactly the mask's. */
    private static String number(double v) {
        return Double.toString(v);
    }

    /**
     * Creates {@code folder}, or accepts it when it is empty; refuses a file or a folder that holds
     * anything, so nothing the user had is overwritten.
     */
    public static void requireEmpty(Path folder) throws IchException {
        try {
            if (Files.exists(folder)) {
                if (!Files.isDirectory(folder)) {
                    throw new IchException(
                            ErrorCode.OUTPUT_NOT_WRITABLE,
                            folder.toString(),
                            "is a file, not a folder",
                            "Name a new or empty folder");
                }
                try (var entries = Files.list(folder)) {
                    if (entries.findAny().isPresent()) {
                        throw new IchException(
                                ErrorCode.OUTPUT_NOT_WRITABLE,
                                folder.toString(),
                                "the folder is not empty and nothing in it is overwritten",
                                "Name a new or empty folder, or remove this one");
                    }
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    folder.toString(),
                    "cannot create the folder: " + e,
                    "Check the path and permissions",
                    e);
        }
    }
}
