/**
 * The paper's preprocessing: cut away the air around the head, apply the brain window and resize to
 * the network's input shape with PyTorch's trilinear semantics ({@link
 * dev.ich.core.preprocess.Preprocessor}, configured by {@link
 * dev.ich.core.preprocess.PreprocessingConfig#paper()}), keeping the exact mapping between
 * model-input voxels and the source voxel grid ({@link dev.ich.core.preprocess.InputMapping}) so
 * that maps computed on the model grid (Grad-CAM) can be put back into the patient.
 */
package dev.ich.core.preprocess;
