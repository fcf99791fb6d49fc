/**
 * The analyzer facade: {@link dev.ich.core.analysis.IchAnalyzer} composes a study reader, a trained
 * network ({@link dev.ich.core.analysis.IchPredictor}), an optional explainer and classical volume
 * estimators, all passed in explicitly, and returns an immutable {@link
 * dev.ich.core.analysis.AnalysisResult} without patient identity. The implementations live in
 * ich-dicom, ich-model, ich-explain and ich-eval.
 */
package dev.ich.core.analysis;
