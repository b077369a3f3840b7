package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Api} from Jenkins core 2.528.3; never packaged.
 * Serves {@code api/json} for an {@code @ExportedBean}.
 */
public class Api {
    public Api(Object bean) {
        throw new UnsupportedOperationException("stub");
    }
}
