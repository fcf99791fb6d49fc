package dev.ich.cli;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.eval.estimators.AbcMeasurement;
import dev.ich.eval.estimators.ClinicalVolumeEstimator;
import dev.ich.eval.estimators.HaematomaSegmenter;
import dev.ich.eval.estimators.VolumeMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ich volume}: the clinicians' haematoma-volume formulas on a study. */
@Command(
        name = "volume",
        mixinStandardHelpOptions = true,
        description = "Clinicians' volume formulas (ABC/2, ABC/3, 2/3·S·h, planimetry) on a study.")
final class VolumeCommand implements Callable<Integer> {

    /** Masks and studies must share a grid to within this distance. */
    private static final double GRID_TOLERANCE_MM = 1e-3;

    @Mixin CommonOptions common;

    @Mixin SeriesChoice choice;

    @Spec CommandSpec spec;

    @Option(
            names = "--method",
            defaultValue = "abc2",
            description = "abc2, abc3, sh23 or planimetry (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(
            names = "--mask",
            description =
                    "Haematoma mask (NIfTI on the study's grid); "
                            + "without it, a threshold segmentation of the CT ([50, 90] HU inside the skull).")
    Path mask;

    @Parameters(paramLabel = "<study>", description = "A DICOM file or folder, or a NIfTI file.")
    Path study;

    @Override
    public Integer call() throws IchException {
        VolumeMethod volumeMethod = VolumeMethod.fromName(method);
        CtVolume ct = choice.reader().read(study);
        BinaryMask haematoma =
                mask == null
                        ? HaematomaSegmenter.defaults().segment(ct)
                        : NiftiReader.readMask(mask, ct.geometry(), GRID_TOLERANCE_MM);
        if (haematoma.count() == 0) {
            throw new IchException(
                    ErrorCode.INVALID_VOLUME,
                    mask == null ? study.toString() : mask.toString(),
                    mask == null
                            ? "the threshold segmentation found no haematoma"
                            : "the mask is empty",
                    "Give a mask with --mask, or check that the study is a non-contrast head CT");
        }
        AbcMeasurement m = ClinicalVolumeEstimator.measure(haematoma);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "method=%s%n", volumeMethod.cliName());
        out.printf(Locale.ROOT, "volume_ml=%.3f%n", m.volumeMl(volumeMethod));
        out.printf(
                Locale.ROOT,
                "a_mm=%.2f b_mm=%.2f c_mm=%.2f largest_area_mm2=%.1f slices=%d%n",
                m.aMm(),
                m.bMm(),
                m.cMm(),
                m.largestAreaMm2(),
                m.slicesWithHaematoma());
        out.printf("mask=%s%n", mask == null ? "threshold segmentation" : mask);
        return 0;
    }
}
