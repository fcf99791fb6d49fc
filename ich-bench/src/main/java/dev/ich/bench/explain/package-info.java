/** Runnable examples of ich-explain: how well the heatmaps localise haematomas on phantoms. */
package dev.ich.bench.explain;
