package io.jenkins.plugins.dispatchplan;

import groovy.lang.Closure;
import groovy.lang.GroovyObject;
import groovy.lang.Script;
import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.config.CommandWorker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The base class a Jenkinsfile under test is compiled with: what Pipeline makes of a bare name in a Jenkinsfile.
 * {@code dispatchPlan} is the global variable (the shipped Groovy), {@code claude(...)}/{@code command(...)} make
 * workers as Jenkins does, {@code pipeline {}} runs as Declarative would, job properties and options are recorded,
 * and everything else is a step of {@link RecordingPipelineSteps}; a name that is none of these fails, as an unknown
 * step does in Jenkins.
 */
public abstract class JenkinsfileScript extends Script {
    /** Job properties, options and triggers the examples may name; they are recorded, not run. */
    private static final List<String> DECLARED = List.of("properties", "disableConcurrentBuilds", "buildDiscarder",
            "logRotator", "pipelineTriggers", "cron", "pollSCM", "timestamps");
    /** Declarative directives {@link Declarative} does not run; named outside the block that takes them, any is wrong. */
    private static final List<String> DIRECTIVES = List.of("agent", "environment", "when", "tools", "parameters", "input",
            "matrix", "libraries", "options", "triggers", "stages", "steps", "post", "script");
    private static final Map<String, Class<?>> WORKERS = Map.of("claude", ClaudeWorker.class, "command", CommandWorker.class);

    RecordingPipelineSteps steps() {
        return (RecordingPipelineSteps) getBinding().getVariable(JenkinsfileRunner.STEPS);
    }

    public Object methodMissing(String name, Object args) {
        Object[] arguments = (Object[]) args;
        if (name.equals("dispatchPlan")) {
            GroovyObject dsl = (GroovyObject) getBinding().getVariable(JenkinsfileRunner.DSL);
            return dsl.invokeMethod("call", arguments);
        }
        if (name.equals("pipeline") && arguments.length == 1 && arguments[0] instanceof Closure<?> body) {
            new Declarative(steps()).run(body);
            return null;
        }
        if (WORKERS.containsKey(name)) {
            return Describables.instantiate(WORKERS.get(name), namedArguments(name, arguments));
        }
        if (DECLARED.contains(name)) {
            return declared(steps(), name, arguments);
        }
        if (DIRECTIVES.contains(name)) {
            throw new UnsupportedOperationException("the Jenkinsfile harness does not know the Declarative directive '"
                    + name + "' where it is used; teach Declarative.java, or change the example");
        }
        // A MissingMethodException from here names the step no harness step (and no method of the script) answers.
        return InvokerHelper.invokeMethod(steps(), name, arguments);
    }

    /** A job property, option or trigger: recorded with its arguments, and handed back for an enclosing one. */
    static Map<String, Object> declared(RecordingPipelineSteps steps, String name, Object[] arguments) {
        Map<String, Object> declaration = new LinkedHashMap<>();
        declaration.put("$symbol", name);
        declaration.put("arguments", List.of(arguments));
        steps.declared(name, List.of(arguments).toString());
        return declaration;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> namedArguments(String name, Object[] arguments) {
        if (arguments.length == 0) {
            return Map.of();
        }
        if (arguments.length == 1 && arguments[0] instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(name + "(...) takes named arguments, e.g. " + name + "(model: 'sonnet')");
    }
}
