package hudson.util;

import java.util.ArrayList;

/**
 * Compile-only stand-in for {@code hudson.util.ListBoxModel} from Jenkins core 2.528.3 (the items of an
 * {@code f:select}); never packaged. The real class also implements Stapler's {@code HttpResponse}.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
        throw new UnsupportedOperationException("stub");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("stub");
    }

    /** One item: what the user sees, and the value the form submits. */
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            throw new UnsupportedOperationException("stub");
        }

        public Option(String name, String value, boolean selected) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
