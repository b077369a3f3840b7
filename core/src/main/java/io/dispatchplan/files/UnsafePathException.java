package io.dispatchplan.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A file the engine was to read or write is a symbolic link, sits below one, or lies outside its root. The message
 * names the path and says what to do; nothing was read or written through it.
 */
public final class UnsafePathException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    UnsafePathException(Path path, String message) {
        super(message, new IOException(message));
        this.path = path;
    }

    /** The offending path: the link, or the path that would leave its root. */
    public Path path() {
        return path;
    }
}
