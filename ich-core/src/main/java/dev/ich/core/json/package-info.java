/** Writing JSON that is always valid: numbers that are not finite become {@code null}. */
package dev.ich.core.json;
