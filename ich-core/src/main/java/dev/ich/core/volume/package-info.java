/**
 * Immutable imaging values: {@link dev.ich.core.volume.CtVolume} (HU with geometry and
 * identity-free provenance), {@link dev.ich.core.volume.BinaryMask} and {@link
 * dev.ich.core.volume.HuWindow}.
 */
package dev.ich.core.volume;
