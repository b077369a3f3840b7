package org.jenkinsci.plugins.workflow.cps;

import hudson.ExtensionPoint;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist} from workflow-cps 4252.v465f588eb_52f; never packaged.
 * Groovy resources loaded outside the sandbox must be allowed by one of these extensions.
 */
public abstract class GroovySourceFileAllowlist implements ExtensionPoint {
    public abstract boolean isAllowed(String groovySourceFileUrl);
}
