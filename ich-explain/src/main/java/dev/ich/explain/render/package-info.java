/**
 * Pictures of explanations: perceptual colour maps ({@link dev.ich.explain.render.ColorMap}) and
 * montages of axial slices with the heatmap over brain-window greyscale, a colour bar and the slice
 * positions ({@link dev.ich.explain.render.Montage}), like Figure 5 of Gong et al. 2023. Plain
 * Java2D, runs headless.
 */
package dev.ich.explain.render;
