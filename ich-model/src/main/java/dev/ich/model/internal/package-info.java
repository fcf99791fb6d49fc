/**
 * Implementation shared by the packages of ich-model (weight initialisation and import, the model
 * directory format, hashing). Public only so that the sibling packages can use it; not an API: it
 * may change in any release.
 */
package dev.ich.model.internal;
