package dev.ich.eval.plot;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes charts as PNG files, never over an existing file unless asked to. */
public final class ChartFiles {

    private ChartFiles() {}

    /**
     * Renders {@code chart} at {@code width} × {@code height} pixels into {@code file}.
     *
     * @param overwrite replace an existing file; when false an existing file is an error
     * @throws IchException ({@link ErrorCode#OUTPUT_NOT_WRITABLE}) when the file exists and {@code
     *     overwrite} is false, or cannot be written
     */
    public static void writePng(
            JFreeChart chart, Path file, int width, int height, boolean overwrite)
            throws IchException {
        if (width < 50 || height < 50 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException(
                    "image size must lie in 50..10000 pixels, got " + width + " × " + height);
        }
        OpenOption[] options =
                overwrite
                        ? new OpenOption[] {
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE
                        }
                        : new OpenOption[] {
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE
                        };
        try (OutputStream out = Files.newOutputStream(file, options)) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (FileAlreadyExistsException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "the file already exists",
                    "Choose another output folder or allow overwriting (--force)",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "the image cannot be written (" + e.getMessage() + ")",
                    "Check that the folder exists and is writable",
                    e);
        }
    }
}
