package dev.ich.explain.cam;

/**
 * Which side of the evidence a map shows. The paper's map keeps only what raises the output; for a
 * regression target (haematoma size) what lowers it is evidence too, and the ReLU hides it.
 */
public enum Polarity {
    /** The method as published: the final ReLU keeps what raises the output. */
    POSITIVE,
    /**
     * The method's weighted sum without the final ReLU: positive raises, negative lowers the
     * output.
     */
    SIGNED,
    /**
     * What lowers the output: the method applied to {@code −y}, i.e. to the negated gradients, with
     * its final ReLU. For Grad-CAM and HiResCAM this is exactly {@code ReLU(−S)} where {@code S} is
     * the signed sum.
     */
    NEGATIVE
}
