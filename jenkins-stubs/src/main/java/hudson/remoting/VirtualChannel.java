package hudson.remoting;

/**
 * Compile-only stand-in for {@code hudson.remoting.VirtualChannel} from remoting 3327.v868139a_d00e0 (bundled in Jenkins core 2.528.3); never packaged.
 * Only the type is needed, as a parameter of {@code FileCallable.invoke}.
 */
public interface VirtualChannel {}
