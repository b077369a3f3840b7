package hudson.plugins.git;

/**
 * Compile-only stand-in for {@code hudson.plugins.git.GitException} from git-client 6.5.0; never packaged.
 */
public class GitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
