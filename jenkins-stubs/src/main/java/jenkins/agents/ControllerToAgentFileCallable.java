package jenkins.agents;

import hudson.FilePath;

/**
 * Compile-only stand-in for {@code jenkins.agents.ControllerToAgentFileCallable} from Jenkins core 2.528.3; never packaged.
 */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {}
