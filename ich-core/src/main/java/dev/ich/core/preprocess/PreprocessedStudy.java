package dev.ich.core.preprocess;

import java.util.Arrays;
import java.util.Objects;

/**
 * A volume prepared for the network, with the mapping that relates it to the source volume.
 *
 * @param input the model input, {@code depth × height × width}
 * @param mapping how model-input voxels correspond to source voxels and patient positions
 */
public record PreprocessedStudy(ModelInput input, InputMapping mapping) {

    public PreprocessedStudy {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mapping, "mapping");
        if (!Arrays.equals(input.shape(), mapping.modelShape())) {
            throw new IllegalArgumentException(
                    "input shape "
                            + Arrays.toString(input.shape())
                            + " differs from the mapping's model shape "
                            + Arrays.toString(mapping.modelShape()));
        }
    }
}
