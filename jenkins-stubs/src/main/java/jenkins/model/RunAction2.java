package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/**
 * Compile-only stand-in for {@code jenkins.model.RunAction2} from Jenkins core 2.528.3; never packaged.
 */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
