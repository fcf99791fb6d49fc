package dev.ich.cli;

import com.google.gson.GsonBuilder;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.dicom.DicomInspector;
import dev.ich.dicom.OtherSeriesSummary;
import dev.ich.dicom.SeriesSummary;
import dev.ich.dicom.StudySummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ich info}: the DICOM series in a file or folder, without patient identity. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "List the DICOM series in a file or folder.",
            "Slice counts, geometry, transfer syntaxes and warnings; no patient identity."
        })
final class InfoCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "<file|folder>",
            description = "A DICOM file or a folder (searched recursively).")
    Path input;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws IchException {
        StudySummary s = DicomInspector.inspect(input);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    new GsonBuilder()
                            .setPrettyPrinting()
                            .serializeNulls()
                            .create()
                            .toJson(toMap(s)));
        } else {
            printText(s, out);
        }
        return 0;
    }

    private static void printText(StudySummary s, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%s: %d file(s), %d image series%s%s%n",
                s.path(),
                s.fileCount(),
                s.series().size(),
                s.otherSeries().isEmpty() ? "" : ", " + s.otherSeries().size() + " other series",
                s.nonDicomFiles() > 0
                        ? ", " + s.nonDicomFiles() + " non-DICOM file(s) skipped"
                        : "");
        for (SeriesSummary x : s.series()) {
            out.printf(
                    Locale.ROOT,
                    "%nseries %s%s%n",
                    x.seriesInstanceUid(),
                    x.chosen() ? "  [read by default]" : "");
            out.printf(
                    Locale.ROOT,
                    "  study %s%n",
                    x.studyInstanceUid().isEmpty() ? "without UID" : x.studyInstanceUid());
            out.printf(
                    Locale.ROOT,
                    "  modality %s, %d file(s), %d image(s), %d slice position(s)%s%n",
                    x.modality(),
                    x.fileCount(),
                    x.frameCount(),
                    x.sliceCount(),
                    x.localizer() ? ", localizer" : "");
            out.printf(
                    Locale.ROOT,
                    "  %d × %d pixels, %s%s%n",
                    x.columns(),
                    x.rows(),
                    x.orientation(),
                    x.spacing() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", spacing %.4g × %.4g × %.4g mm",
                                    x.spacing().x(),
                                    x.spacing().y(),
                                    x.spacing().z()));
            if (x.tiltDegrees() > 0.01) {
                out.printf(Locale.ROOT, "  gantry tilt %.2f°%n", x.tiltDegrees());
            }
            out.printf(
                    Locale.ROOT, "  transfer syntax %s%n", String.join(", ", x.transferSyntaxes()));
            for (String w : x.warnings()) {
                out.printf(Locale.ROOT, "  warning: %s%n", w);
            }
            if (x.problem() != null) {
                out.printf(Locale.ROOT, "  cannot be read as a volume: %s%n", x.problem());
            }
        }
        for (OtherSeriesSummary x : s.otherSeries()) {
            out.printf(
                    Locale.ROOT, "%nseries %s  [not a CT image series]%n", x.seriesInstanceUid());
            out.printf(
                    Locale.ROOT,
                    "  study %s%n",
                    x.studyInstanceUid().isEmpty() ? "without UID" : x.studyInstanceUid());
            out.printf(
                    Locale.ROOT,
                    "  modality %s, %d file(s), SOP class %s%n",
                    x.modality().isEmpty() ? "unknown" : x.modality(),
                    x.fileCount(),
                    x.sopClassUid().isEmpty() ? "unknown" : x.sopClassUid());
            out.printf(Locale.ROOT, "  not read: %s%n", x.reason());
        }
        for (String skipped : s.skipped()) {
            out.printf(Locale.ROOT, "%nskipped: %s%n", skipped);
        }
    }

    private static Map<String, Object> toMap(StudySummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path());
        m.put("fileCount", s.fileCount());
        m.put("nonDicomFiles", s.nonDicomFiles());
        List<Object> series = new ArrayList<>();
        for (SeriesSummary x : s.series()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seriesInstanceUid", x.seriesInstanceUid());
            e.put("studyInstanceUid", x.studyInstanceUid());
            e.put("chosen", x.chosen());
            e.put("modality", x.modality());
            e.put("fileCount", x.fileCount());
            e.put("frameCount", x.frameCount());
            e.put("sliceCount", x.sliceCount());
            e.put("columns", x.columns());
            e.put("rows", x.rows());
            e.put("spacingMm", vec(x.spacing()));
            e.put("rowDirection", vec(x.rowDirection()));
            e.put("columnDirection", vec(x.columnDirection()));
            e.put("orientation", x.orientation());
            e.put("tiltDegrees", x.tiltDegrees());
            e.put("localizer", x.localizer());
            e.put("transferSyntaxes", x.transferSyntaxes());
            e.put("warnings", x.warnings());
            e.put("problem", x.problem());
            series.add(e);
        }
        m.put("series", series);
        List<Object> others = new ArrayList<>();
        for (OtherSeriesSummary x : s.otherSeries()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seriesInstanceUid", x.seriesInstanceUid());
            e.put("studyInstanceUid", x.studyInstanceUid());
            e.put("modality", x.modality());
            e.put("sopClassUid", x.sopClassUid());
            e.put("fileCount", x.fileCount());
            e.put("reason", x.reason());
            others.add(e);
        }
        m.put("otherSeries", others);
        m.put("skipped", s.skipped());
        return m;
    }

    private static double[] vec(Vec3 v) {
        return v == null ? null : v.toArray();
    }
}
