package dev.ich.model.train;

/**
 * Wall times of one training step's parts, in milliseconds: the forward pass with the loss, the
 * backward pass, and the optimizer's update ({@code ich bench} prints their medians next to
 * PyTorch's).
 */
public record StepParts(double forwardMs, double backwardMs, double updateMs) {}
