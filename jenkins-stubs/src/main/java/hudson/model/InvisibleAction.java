package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.InvisibleAction} from Jenkins core 2.528.3; never packaged.
 */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }
}
