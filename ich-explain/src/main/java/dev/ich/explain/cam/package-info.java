/**
 * The class-activation-map family as plain arithmetic on float arrays, independent of any
 * deep-learning engine: one {@link dev.ich.explain.cam.CamCapture} of a feature map and the
 * gradient of a chosen output with respect to it gives Grad-CAM, Grad-CAM++, HiResCAM and LayerCAM
 * ({@link dev.ich.explain.cam.CamMath}). ich-core's {@link dev.ich.core.preprocess.Trilinear}
 * upsamples a map to the model input.
 */
package dev.ich.explain.cam;
