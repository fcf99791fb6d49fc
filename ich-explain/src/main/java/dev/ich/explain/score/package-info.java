/**
 * How good an explanation is: localisation against a reference mask ({@link
 * dev.ich.explain.score.Localisation}) and faithfulness to the model by deletion and insertion
 * ({@link dev.ich.explain.score.Faithfulness}).
 */
package dev.ich.explain.score;
