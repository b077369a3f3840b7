package io.jenkins.plugins.dispatchplan.config;

import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;

/**
 * A yes/no option of a step that, left unset, falls back to the global configuration: a select of "the global
 * default", yes and no. A checkbox cannot say "unset" (it always submits true or false, so the Snippet Generator
 * would always write the option and override the global default), and Stapler turns the empty choice into
 * {@code false} for a {@code Boolean} too; so the empty choice is taken out of the form before it is bound.
 */
public final class GlobalDefaultChoice {
    /** The value of "the global default", which leaves the option unset. */
    public static final String UNSET = "";

    private GlobalDefaultChoice() {
    }

    /** One entry: what the user reads, and the submitted value. */
    public record Choice(String label, String value) {
    }

    /** The three entries; the first names what the global default currently is. */
    public static List<Choice> choices(String yes, String no, boolean globalDefault) {
        return List.of(new Choice("The global default (now: " + (globalDefault ? yes : no) + ")", UNSET),
                new Choice(yes, "true"), new Choice(no, "false"));
    }

    public static ListBoxModel items(String yes, String no, boolean globalDefault) {
        ListBoxModel items = new ListBoxModel();
        for (Choice choice : choices(yes, no, globalDefault)) {
            items.add(choice.label(), choice.value());
        }
        return items;
    }

    /** Removes {@code field} from a submitted form when it holds the empty choice, so the option stays unset. */
    public static void dropUnset(Map<?, ?> form, String field) {
        if (UNSET.equals(form.get(field))) {
            form.remove(field);
        }
    }
}
