package org.jenkinsci.plugins.workflow.cps;

import hudson.ExtensionPoint;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.cps.GlobalVariable} from workflow-cps 4252.v465f588eb_52f; never packaged.
 */
public abstract class GlobalVariable implements ExtensionPoint {
    public abstract String getName();

    public abstract Object getValue(CpsScript script) throws Exception;
}
