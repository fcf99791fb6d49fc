package dev.ich.dicom;

import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;

/**
 * The voxel order dcm2niix writes for a DICOM series: the rows of every slice in reverse order (j
 * flipped), columns and slices as read. The volume is the same in patient space (the affine moves
 * the origin to the last row and negates the column direction); only the array order changes, so
 * that a NIfTI written from it has the same voxel array and affine as dcm2niix's.
 */
public final class Dcm2niixLayout {

    private Dcm2niixLayout() {}

    /** {@code volume} with its rows flipped, as dcm2niix stores it. */
    public static CtVolume of(CtVolume volume) {
        VolumeGeometry g = volume.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        float[] in = volume.huCopy();
        float[] out = new float[in.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                System.arraycopy(in, nx * (j + ny * k), out, nx * (ny - 1 - j + ny * k), nx);
            }
        }
        VolumeGeometry flipped =
                new VolumeGeometry(
                        nx,
                        ny,
                        nz,
                        g.spacing(),
                        g.origin().plus(g.axisJ().times((ny - 1) * g.spacing().y())),
                        g.axisI(),
                        g.axisJ().times(-1),
                        g.axisK());
        return CtVolume.wrap(flipped, out, volume.provenance());
    }
}
