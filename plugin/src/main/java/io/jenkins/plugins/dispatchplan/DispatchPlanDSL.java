package io.jenkins.plugins.dispatchplan;

import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;
import org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist;

/**
 * The {@code dispatchPlan} global variable: a thin Groovy class ({@code DispatchPlan.groovy} beside this
 * class) that lays a plan out as {@code stage}s and {@code parallel} branches calling this plugin's steps.
 *
 * <p>The Groovy is loaded through the build's own class loader so it is CPS-transformed like the
 * Jenkinsfile, and cached in the script's binding so every call in one build shares one instance. It
 * runs outside the sandbox, so it exposes only {@code call(Map)} and does nothing a Jenkinsfile could
 * not do with the same steps.
 */
@Extension
public class DispatchPlanDSL extends GlobalVariable {
    static final String NAME = "dispatchPlan";
    static final String GROOVY_CLASS = "io.jenkins.plugins.dispatchplan.DispatchPlan";
    static final String GROOVY_RESOURCE = "DispatchPlan.groovy";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Object getValue(CpsScript script) throws Exception {
        Binding binding = script.getBinding();
        if (binding.hasVariable(NAME)) {
            return binding.getVariable(NAME);
        }
        // A constructor, not a method: a CPS-transformed method called from here would throw CpsCallableInvocation.
        Object value = script.getClass().getClassLoader().loadClass(GROOVY_CLASS)
                .getConstructor(Object.class).newInstance(script);
        binding.setVariable(NAME, value);
        return value;
    }

    /** Without this, workflow-cps refuses to load {@code DispatchPlan.groovy} from the plugin. */
    @Extension
    public static class Allowlist extends GroovySourceFileAllowlist {
        private final String url = DispatchPlanDSL.class.getResource(GROOVY_RESOURCE).toString();

        @Override
        public boolean isAllowed(String groovySourceFileUrl) {
            return url.equals(groovySourceFileUrl);
        }
    }
}
