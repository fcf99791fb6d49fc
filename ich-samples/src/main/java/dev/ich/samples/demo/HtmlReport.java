package dev.ich.samples.demo;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.eval.Evaluation;
import dev.ich.eval.metrics.VolumeMetric;
import dev.ich.eval.report.PrognosisTable;
import dev.ich.eval.report.VolumeTable;
import dev.ich.model.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (figures inlined as data URIs) that a person opens
 * in a browser. Written by hand because it is one page of fixed layout; a template engine would be
 * a dependency for forty lines.
 */
final class HtmlReport {

    private static final String STYLE =
            "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;"
                    + "padding:0 1em;color:#222}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}"
                    + "table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.3em .6em;"
                    + "text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
                    + ".note{background:#fff6e0;border-left:4px solid #e0a000;padding:.6em 1em}"
                    + ".figs img{max-width:48%;margin:.5%;border:1px solid #eee}.wide img{max-width:100%}"
                    + ".headline td{font-size:1.1em}";

    private HtmlReport() {}

    static void write(
            Path file,
            DemoSettings settings,
            Evaluation evaluation,
            List<HeldOutCase> cases,
            TrainingResult training,
            Path out)
            throws IchException {
        StringBuilder h =
                new StringBuilder(
                        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                + "<title>ich demo report</title><style>"
                                + STYLE
                                + "</style></head><body>");
        h.append(
                "<h1>ich demo: haematoma volume, prognosis and heatmaps on synthetic head CT</h1>");
        h.append(
                "<p class=\"note\">Research software, not a medical device. This model was trained on "
                        + "synthetic phantoms for a few minutes on a CPU; it knows nothing about real patients.</p>");
        h.append("<p>")
                .append(settings.trainCases())
                .append(" training, ")
                .append(settings.validationCases())
                .append(" validation and ")
                .append(settings.testCases())
                .append(" held-out phantoms (seed ")
                .append(settings.seed())
                .append("); ")
                .append(settings.epochs())
                .append(" epochs, best epoch ")
                .append(training.bestEpoch())
                .append(". Every figure below is on the held-out phantoms.</p>");

        h.append(
                "<h2>Headline</h2><table class=\"headline\"><tr><th>measure</th><th>value</th></tr>");
        row(
                h,
                "volume MAPE, network",
                pct(evaluation.modelVolume().evaluation().get(VolumeMetric.MAPE).value()));
        evaluation.volumeRows().stream()
                .filter(r -> r.name().equals(DemoReport.ABC2))
                .findFirst()
                .ifPresent(
                        r ->
                                row(
                                        h,
                                        "volume MAPE, ABC/2 on a threshold segmentation",
                                        pct(r.evaluation().get(VolumeMetric.MAPE).value())));
        row(
                h,
                "volume MAE, network",
                num(evaluation.modelVolume().evaluation().get(VolumeMetric.MAE).value()) + " ml");
        row(h, "prognosis AUC, network", num(evaluation.modelPrognosis().evaluation().auc().auc()));
        row(
                h,
                "prognosis accuracy at 0.5, network",
                pct(100 * evaluation.modelPrognosis().evaluation().accuracy().value()));
        double energy =
                cases.stream()
                        .mapToDouble(HeldOutCase::energyInMask)
                        .filter(Double::isFinite)
                        .average()
                        .orElse(Double.NaN);
        double chance =
                cases.stream()
                        .mapToDouble(HeldOutCase::maskShareOfHead)
                        .filter(Double::isFinite)
                        .average()
                        .orElse(Double.NaN);
        String method = DemoPipeline.EXPLANATION.describe();
        row(
                h,
                method + ": energy inside the true haematoma (chance)",
                num(energy) + " (" + num(chance) + ")");
        long hits = cases.stream().filter(HeldOutCase::pointingHit).count();
        row(
                h,
                method + ": maximum inside the true haematoma",
                hits + " of " + cases.size() + " maps");
        h.append("</table>");

        h.append("<h2>Table 1: volume against the reference</h2>");
        h.append(markdownTable(VolumeTable.of(evaluation).toMarkdown()));
        h.append(
                "<p>abc2 and planimetry: the formulas on ich-eval's threshold segmentation of the CT; "
                        + "abc2_true_mask: ABC/2 measured on the true mask; rater_1…8: simulated clinicians measuring ABC/2 "
                        + "with their own bias and scatter.</p>");
        h.append("<h2>Table 2: prognosis</h2>");
        h.append(markdownTable(PrognosisTable.of(evaluation).toMarkdown()));

        h.append("<h2>Figures</h2><div class=\"figs\">");
        for (String name :
                List.of(
                        "roc.png",
                        "bland_altman.png",
                        "scatter.png",
                        "training_curves.png",
                        "calibration.png",
                        "volume_histogram.png")) {
            image(h, out.resolve("evaluation").resolve(name), name);
        }
        h.append("</div>");

        Path montages = out.resolve("montages");
        if (Files.isDirectory(montages)) {
            h.append("<h2>")
                    .append(escape(method))
                    .append(" of held-out studies next to their true masks</h2>")
                    .append("<div class=\"wide\">");
            try (var files = Files.list(montages)) {
                for (Path png :
                        files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                    h.append("<h3>").append(escape(png.getFileName().toString())).append("</h3>");
                    image(h, png, png.getFileName().toString());
                }
            } catch (IOException e) {
                throw new IchException(
                        ErrorCode.IO_ERROR,
                        montages.toString(),
                        "cannot be listed: " + e,
                        "Check the folder's permissions",
                        e);
            }
            h.append("</div>");
        }
        h.append("</body></html>\n");
        DemoPipeline.write(file, h.toString());
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>")
                .append(escape(name))
                .append("</td><td>")
                .append(escape(value))
                .append("</td></tr>");
    }

    private static void image(StringBuilder h, Path png, String alt) throws IchException {
        if (!Files.exists(png)) {
            return;
        }
        try {
            h.append("<img alt=\"")
                    .append(escape(alt))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                    .append("\">");
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    png.toString(),
                    "cannot be read: " + e,
                    "Check the file's permissions",
                    e);
        }
    }

    /** A GitHub-style pipe table (as ich-eval writes them) as an HTML table. */
    static String markdownTable(String markdown) {
        StringBuilder t = new StringBuilder("<table>");
        boolean header = true;
        for (String line : markdown.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|")) {
                continue;
            }
            String[] cells =
                    trimmed.substring(
                                    1,
                                    trimmed.endsWith("|") ? trimmed.length() - 1 : trimmed.length())
                            .split("\\|", -1);
            if (cells.length > 0 && cells[0].strip().matches(":?-+:?")) {
                continue; // the separator row
            }
            String tag = header ? "th" : "td";
            t.append("<tr>");
            for (String cell : cells) {
                t.append('<')
                        .append(tag)
                        .append('>')
                        .append(escape(cell.strip()))
                        .append("</")
                        .append(tag)
                        .append('>');
            }
            t.append("</tr>");
            header = false;
        }
        return t.append("</table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
