package hudson;

/**
 * Compile-only stand-in for {@code hudson.ExtensionList} from Jenkins core 2.528.3; never packaged.
 * The real class is an {@code AbstractList}; only the static lookups are declared.
 */
public class ExtensionList<T> {
    protected ExtensionList() {
        throw new UnsupportedOperationException("stub");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }
}
