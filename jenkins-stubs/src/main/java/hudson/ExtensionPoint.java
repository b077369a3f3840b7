package hudson;

/**
 * Compile-only stand-in for {@code hudson.ExtensionPoint} from Jenkins core 2.528.3; never packaged.
 */
public interface ExtensionPoint {}
