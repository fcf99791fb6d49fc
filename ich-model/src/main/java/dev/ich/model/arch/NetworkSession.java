package dev.ich.model.arch;

import dev.ich.core.error.IchException;

/**
 * Work on the network inside {@link dev.ich.model.IchModel#withNetwork}; used by ich-explain. The
 * result must not hold arrays of the context's manager: it is closed when {@code run} returns.
 */
@FunctionalInterface
public interface NetworkSession<T> {
    T run(NetworkContext context) throws IchException;
}
