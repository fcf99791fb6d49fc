/**
 * Training the multi-task network: {@link dev.ich.model.train.IchTrainer} (a fluent builder with
 * the paper's defaults, seeded, with checkpoints and bit-identical resume), the data types it
 * consumes and reports, and {@link dev.ich.model.train.ManifestDataset} for studies listed in a CSV
 * manifest with an on-disk cache of preprocessed inputs.
 */
package dev.ich.model.train;
