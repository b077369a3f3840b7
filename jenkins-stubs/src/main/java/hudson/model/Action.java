package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Action} from Jenkins core 2.528.3; never packaged.
 */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
