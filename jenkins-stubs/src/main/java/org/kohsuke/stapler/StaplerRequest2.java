package org.kohsuke.stapler;

/**
 * Compile-only stand-in for {@code org.kohsuke.stapler.StaplerRequest2} from Stapler 2030.v88a_855365981 (bundled in Jenkins core 2.528.3); never packaged.
 * Only the type (the real interface extends {@code HttpServletRequest}): the plugin passes a request on.
 */
public interface StaplerRequest2 {
}
