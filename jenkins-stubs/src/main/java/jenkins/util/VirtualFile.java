package jenkins.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkins.util.VirtualFile} from Jenkins core 2.528.3; never packaged.
 * Only the members the plugin calls (reading a previous build's archived artifact).
 */
public abstract class VirtualFile implements Comparable<VirtualFile>, Serializable {
    protected VirtualFile() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean isFile() throws IOException;

    public abstract VirtualFile child(String name);

    public abstract InputStream open() throws IOException;

    @Override
    public final int compareTo(VirtualFile o) {
        throw new UnsupportedOperationException("stub");
    }
}
