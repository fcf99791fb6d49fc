package dev.ich.cli;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.Dcm2niixLayout;
import dev.ich.dicom.nifti.NiftiWriter;
import dev.ich.dicom.write.ExistingOutput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ich convert}: a DICOM series to NIfTI in HU (float32), with the voxel order and affine
 * dcm2niix writes for the same series. Other modalities only when asked (their values are not HU);
 * images without position or orientation get dcm2niix's default geometry, with a warning.
 */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a DICOM CT series to NIfTI (HU, dcm2niix layout).",
            "Float32 HU with the voxel order and affine dcm2niix writes for the same series."
        })
final class ConvertCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Mixin SeriesChoice choice;

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "<file|folder>",
            description = "A DICOM file or a folder (searched recursively).")
    Path input;

    @Parameters(
            index = "1",
            paramLabel = "<out.nii.gz>",
            description = "The NIfTI file to write (.nii or .nii.gz).")
    Path output;

    @Option(
            names = "--allow-non-ct",
            description =
                    "Convert images of another modality than CT (MR, ...): the values are then the stored values after rescale, not HU.")
    boolean allowNonCt;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Option(
            names = "--resample",
            description =
                    "Interpolate unevenly spaced slices (e.g. a missing slice) onto an even grid instead of failing.")
    boolean resample;

    @Override
    public Integer call() throws IchException {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".nii") && !name.endsWith(".nii.gz")) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    output.toString(),
                    "the output name does not end in" + " .nii or .nii.gz",
                    "name the output file like study.nii.gz");
        }
        if (Files.exists(output) && !force) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    output.toString(),
                    "the file exists",
                    "choose another name, or pass --force to replace it");
        }
        CtVolume volume =
                choice.dicomReader()
                        .resampleIrregularSpacing(resample)
                        .allowNonCt(allowNonCt)
                        .defaultGeometryWhenMissing(true)
                        .build()
                        .read(input);
        NiftiWriter.builder()
                .existingOutput(force ? ExistingOutput.REPLACE : ExistingOutput.REFUSE)
                .build()
                .write(Dcm2niixLayout.of(volume), output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "wrote %s: series %s, %d × %d × %d voxels, %d file(s), transfer syntax %s%n",
                output,
                volume.provenance().seriesInstanceUid(),
                volume.geometry().nx(),
                volume.geometry().ny(),
                volume.geometry().nz(),
                volume.provenance().fileCount(),
                volume.provenance().transferSyntaxUid());
        for (String w : volume.provenance().warnings()) {
            out.printf(Locale.ROOT, "warning: %s%n", w);
        }
        return 0;
    }
}
