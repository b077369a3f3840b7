package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.ModelObject} from Jenkins core 2.528.3; never packaged.
 */
public interface ModelObject {
    String getDisplayName();
}
