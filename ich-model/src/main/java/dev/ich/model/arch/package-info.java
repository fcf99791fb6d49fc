/**
 * The network as DJL blocks: {@link dev.ich.model.arch.IchNetwork} (shared 3D ResNet encoder with
 * individually reachable stages, regression and classification heads) and its package-private
 * building blocks. Used by {@code dev.ich.model} for inference and training and by ich-explain for
 * Grad-CAM; applications use {@link dev.ich.model.IchModel} instead.
 */
package dev.ich.model.arch;
