package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Compile-only stand-in for {@code jenkins.MasterToSlaveFileCallable} from Jenkins core 2.528.3; never packaged.
 */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {
    private static final long serialVersionUID = 1L;
}
