package dev.ich.core.preprocess;

import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import java.util.Objects;

/**
 * The exact correspondence between the model-input grid ({@code depth × height × width}) and the
 * voxel grid of the source volume it was made from.
 *
 * <p>The model input resamples the {@link #crop() crop box} of the source: model axis width runs
 * along source {@code i}, height along {@code j}, depth along {@code k}. With PyTorch's {@code
 * align_corners=False} convention, the centre of model voxel {@code (d, h, w)} lies at the
 * continuous source index
 *
 * <pre>
 *   i = i0 + (w + 0.5) · scaleI − 0.5,   scaleI = sizeI / width
 *   j = j0 + (h + 0.5) · scaleJ − 0.5,   scaleJ = sizeJ / height
 *   k = k0 + (d + 0.5) · scaleK − 0.5,   scaleK = sizeK / depth
 * </pre>
 *
 * so the model grid covers exactly the crop box (from the outer face of its first voxel to the
 * outer face of its last). This is an affine map; {@link #modelToSource} and {@link #sourceToModel}
 * are its exact inverses. The resampling itself clamps coordinates to the grid it reads (as PyTorch
 * does), so the outermost half voxels repeat the edge values.
 *
 * <p>Spacing stays anisotropic: {@link #modelGeometry()} gives the model grid its own spacing
 * ({@code spacing · scale} per axis) and the source's direction cosines, so every model voxel
 * centre lies at its true patient position.
 *
 * @param source the source volume's grid
 * @param crop the block of the source that the model input covers
 * @param depth model-input slices
 * @param height model-input rows
 * @param width model-input columns
 */
public record InputMapping(VolumeGeometry source, CropBox crop, int depth, int height, int width) {

    public InputMapping {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crop, "crop");
        if (crop.i1() >= source.nx() || crop.j1() >= source.ny() || crop.k1() >= source.nz()) {
            throw new IllegalArgumentException(
                    "crop box "
                            + crop
                            + " does not fit the source grid "
                            + source.nx()
                            + "×"
                            + source.ny()
                            + "×"
                            + source.nz());
        }
        if (depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "model shape must be positive, got " + depth + "×" + height + "×" + width);
        }
    }

    /** Source voxels per model voxel along {@code i} (width); below 1 when the model upsamples. */
    public double scaleI() {
        return (double) crop.sizeI() / width;
    }

    /** Source voxels per model voxel along {@code j} (height). */
    public double scaleJ() {
        return (double) crop.sizeJ() / height;
    }

    /** Source voxels per model voxel along {@code k} (depth). */
    public double scaleK() {
        return (double) crop.sizeK() / depth;
    }

    /** {@code {depth, height, width}}. */
    public int[] modelShape() {
        return new int[] {depth, height, width};
    }

    /**
     * The continuous source index {@code (i, j, k)} (as x, y, z) of model index {@code (d, h, w)}.
     */
    public Vec3 modelToSource(double d, double h, double w) {
        return new Vec3(
                crop.i0() + (w + 0.5) * scaleI() - 0.5,
                crop.j0() + (h + 0.5) * scaleJ() - 0.5,
                crop.k0() + (d + 0.5) * scaleK() - 0.5);
    }

    /** As {@link #modelToSource(double, double, double)}. */
    public Vec3 modelToSource(ModelIndex m) {
        return modelToSource(m.d(), m.h(), m.w());
    }

    /**
     * The continuous model index of source index {@code (i, j, k)}; the inverse of {@link
     * #modelToSource}.
     */
    public ModelIndex sourceToModel(double i, double j, double k) {
        return new ModelIndex(
                (k - crop.k0() + 0.5) / scaleK() - 0.5,
                (j - crop.j0() + 0.5) / scaleJ() - 0.5,
                (i - crop.i0() + 0.5) / scaleI() - 0.5);
    }

    /**
     * As {@link #sourceToModel(double, double, double)}, for a source index held as (x, y, z) = (i,
     * j, k).
     */
    public ModelIndex sourceToModel(Vec3 ijk) {
        return sourceToModel(ijk.x(), ijk.y(), ijk.z());
    }

    /**
     * The affine from model voxel index to source voxel index, with the model index ordered like a
     * voxel index: {@code (x, y, z) = (w, h, d)} → {@code (i, j, k)}.
     */
    public Affine modelVoxelToSourceVoxel() {
        return Affine.ofColumns(
                new Vec3(scaleI(), 0, 0),
                new Vec3(0, scaleJ(), 0),
                new Vec3(0, 0, scaleK()),
                modelToSource(0, 0, 0));
    }

    /**
     * The model grid in patient space: {@code width × height × depth} voxels (nx = width, ny =
     * height, nz = depth, voxel {@code (w, h, d)}) with the source's axes, spacing {@code (sx ·
     * scaleI, sy · scaleJ, sz · scaleK)} and the origin at the centre of model voxel (0, 0, 0).
     */
    public VolumeGeometry modelGeometry() {
        return VolumeGeometry.fromVoxelToPatient(
                width, height, depth, source.voxelToPatient().compose(modelVoxelToSourceVoxel()));
    }

    /**
     * Resamples a map on the model grid back onto the source voxel grid, for example a Grad-CAM
     * heatmap: each source voxel inside the crop box takes the trilinear interpolation of the map
     * at its model index ({@link #sourceToModel}, clamped to the model grid), which is PyTorch's
     * {@code F.interpolate(map, size=crop size, mode='trilinear', align_corners=False)}; voxels
     * outside the crop box are 0.
     *
     * @param modelMap {@code depth × height × width} values, {@code width} fastest (not changed)
     * @return {@code source.voxelCount()} values, {@code i} fastest
     * @throws IllegalArgumentException when the map does not have the model's size
     */
    public float[] toSourceGrid(float[] modelMap) {
        Objects.requireNonNull(modelMap, "modelMap");
        if (modelMap.length != (long) depth * height * width) {
            throw new IllegalArgumentException(
                    "the map has "
                            + modelMap.length
                            + " values but the model grid "
                            + depth
                            + "×"
                            + height
                            + "×"
                            + width
                            + " has "
                            + (long) depth * height * width);
        }
        RowReader rows =
                (h, d, row) -> System.arraycopy(modelMap, (d * height + h) * width, row, 0, width);
        float[] block =
                Trilinear.resize(
                        rows, depth, height, width, crop.sizeK(), crop.sizeJ(), crop.sizeI(), 1);
        float[] result = new float[source.voxelCount()];
        int ni = crop.sizeI();
        for (int k = 0; k < crop.sizeK(); k++) {
            for (int j = 0; j < crop.sizeJ(); j++) {
                System.arraycopy(
                        block,
                        (k * crop.sizeJ() + j) * ni,
                        result,
                        source.index(crop.i0(), crop.j0() + j, crop.k0() + k),
                        ni);
            }
        }
        return result;
    }
}
