/**
 * {@code ich demo}: a phantom cohort, training, held-out evaluation against the clinicians'
 * estimators, Grad-CAM, {@code metrics.json} and a self-contained {@code report.html}.
 */
package dev.ich.samples.demo;
