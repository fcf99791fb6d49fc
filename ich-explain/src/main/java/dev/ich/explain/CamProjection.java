package dev.ich.explain;

import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.preprocess.InputMapping;
import dev.ich.core.preprocess.Trilinear;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMath;
import dev.ich.explain.cam.Polarity;
import java.util.Objects;

/**
 * From a capture to maps on the model input and on the study: the low-resolution map of the
 * requested method, upsampled trilinearly to the model input (PyTorch's {@code
 * align_corners=False}), then resampled through the preprocessing's {@link InputMapping} onto the
 * study's own voxel grid (0 outside the part of the study the model saw). Engine-free.
 */
public final class CamProjection {

    private CamProjection() {}

    /** The map on the model input, {@code depth × height × width}, {@code width} fastest. */
    public static float[] toModelGrid(
            CamCapture capture, CamRequest request, int depth, int height, int width) {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(request, "request");
        float[] low = CamMath.map(capture, request.method(), request.polarity());
        return Trilinear.resize(
                low, capture.depth(), capture.height(), capture.width(), depth, height, width);
    }

    /** The map on the study's voxel grid ({@code mapping.source()}). */
    public static StudyHeatmap toStudy(
            CamCapture capture, CamRequest request, InputMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        float[] model =
                toModelGrid(capture, request, mapping.depth(), mapping.height(), mapping.width());
        return toStudy(model, request, mapping);
    }

    /** A map already on the model grid, resampled onto the study's voxel grid. */
    public static StudyHeatmap toStudy(float[] modelMap, CamRequest request, InputMapping mapping) {
        return heatmap(request, mapping.source(), mapping.toSourceGrid(modelMap));
    }

    /**
     * A map on {@code grid} labelled with {@code request}: its head, its {@link
     * CamRequest#describe() description}, and signed when the request's polarity is {@link
     * Polarity#SIGNED}.
     */
    public static StudyHeatmap heatmap(CamRequest request, VolumeGeometry grid, float[] raw) {
        return StudyHeatmap.of(
                request.head(),
                request.describe(),
                request.polarity() == Polarity.SIGNED,
                grid,
                raw);
    }
}
