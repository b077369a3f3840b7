package org.jenkinsci.plugins.workflow.cps;

import groovy.lang.Script;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.cps.CpsScript} from workflow-cps 4252.v465f588eb_52f; never packaged.
 * The real class extends groovy-cps's {@code SerializableScript}, itself a {@code groovy.lang.Script};
 * plugin code only uses {@code Script}'s members ({@code getBinding()}).
 */
public abstract class CpsScript extends Script {
    private static final long serialVersionUID = 1L;

    public CpsScript() {
        throw new UnsupportedOperationException("stub");
    }
}
