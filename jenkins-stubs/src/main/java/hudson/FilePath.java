package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code hudson.FilePath} from Jenkins core 2.528.3; never packaged.
 * The real {@code FileCallable} also extends remoting's {@code RoleSensitive}; its {@code checkRoles}
 * is implemented by {@code ControllerToAgentFileCallable}, so plugin code never names it.
 */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    public String getRemote() {
        throw new UnsupportedOperationException("stub");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public String readToString() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public void copyFrom(java.io.InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    /** Work run on the machine where the file is local. */
    public interface FileCallable<T> extends Serializable {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
