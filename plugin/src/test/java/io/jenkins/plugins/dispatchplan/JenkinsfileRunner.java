package io.jenkins.plugins.dispatchplan;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyObject;
import groovy.lang.GroovyShell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.codehaus.groovy.control.CompilerConfiguration;

/**
 * Runs a Jenkinsfile with plain Groovy 2.4 (the version Jenkins ships) against {@link RecordingPipelineSteps}: its
 * {@code dispatchPlan} is the shipped {@code DispatchPlan.groovy}, its steps are recorded (this plugin's answered by
 * the plugin's own code), its {@code pipeline {}} block runs as {@link Declarative}. What a Jenkinsfile names that
 * Jenkins would not know fails here too.
 */
public final class JenkinsfileRunner {
    static final String STEPS = "$steps";
    static final String DSL = "$dispatchPlan";

    private JenkinsfileRunner() {
    }

    /** Runs {@code jenkinsfile} (named {@code name} in errors) with these steps. */
    public static void run(String jenkinsfile, String name, RecordingPipelineSteps steps) throws Exception {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(JenkinsfileScript.class.getName());
        Binding binding = new Binding();
        binding.setVariable(STEPS, steps);
        binding.setVariable(DSL, dispatchPlan(steps));
        binding.setVariable("scm", steps.getScm());
        binding.setVariable("env", new LinkedHashMap<String, String>());
        GroovyShell shell = new GroovyShell(new GroovyClassLoader(JenkinsfileRunner.class.getClassLoader(), config), binding, config);
        shell.parse(jenkinsfile, "Jenkinsfile_" + name.replaceAll("[^A-Za-z0-9_]", "_") + ".groovy").run();
    }

    /** The {@code dispatchPlan} global: the shipped Groovy class, made as {@code DispatchPlanDSL} makes it. */
    public static GroovyObject dispatchPlan(Object steps) throws Exception {
        GroovyClassLoader loader = new GroovyClassLoader(JenkinsfileRunner.class.getClassLoader());
        Class<?> dsl = loader.parseClass(resource(DispatchPlanDSL.class, DispatchPlanDSL.GROOVY_RESOURCE), "DispatchPlan.groovy");
        if (!dsl.getName().equals(DispatchPlanDSL.GROOVY_CLASS)) {
            throw new IllegalStateException(dsl.getName() + " is not " + DispatchPlanDSL.GROOVY_CLASS);
        }
        return (GroovyObject) dsl.getConstructor(Object.class).newInstance(steps);
    }

    static String resource(Class<?> near, String name) throws IOException {
        try (InputStream in = near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name + " beside " + near.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
