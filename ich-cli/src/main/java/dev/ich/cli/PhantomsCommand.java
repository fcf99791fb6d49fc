package dev.ich.cli;

import dev.ich.core.error.IchException;
import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortCase;
import dev.ich.phantom.cohort.CohortWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ich phantoms}: a seeded synthetic cohort as DICOM series, NIfTI masks and a manifest. */
@Command(
        name = "phantoms",
        mixinStandardHelpOptions = true,
        description = "Write synthetic head CTs with known haematomas, masks and a manifest.")
final class PhantomsCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @Option(names = "--count", required = true, description = "Number of studies.")
    @Range(min = 1, max = 100_000)
    int count;

    @Option(names = "--out", required = true, description = "A new or empty folder to write into.")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Cohort seed (default: ${DEFAULT-VALUE}).")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    long seed;

    @Option(
            names = "--size",
            defaultValue = "256",
            description = "In-plane pixels, 256 or 512 (default: ${DEFAULT-VALUE}).")
    @Range(min = 64, max = 1024)
    int size;

    @Option(
            names = "--raters",
            defaultValue = "8",
            description = "Simulated clinicians measuring ABC/2 (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 100)
    int raters;

    @Override
    public Integer call() throws IchException {
        PhantomSpec template = PhantomSpec.builder().inPlaneSize(size).build();
        List<CohortCase> cases;
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "phantoms", count)) {
            cases = new CohortWriter(template, seed, raters, 2).write(count, out, bar::step);
        }
        long deaths = cases.stream().filter(c -> c.outcome() == 1).count();
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %d studies (%d deaths) and %s to %s%n",
                        cases.size(), deaths, CohortWriter.MANIFEST, out);
        return 0;
    }
}
