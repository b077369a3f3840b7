package io.jenkins.plugins.dispatchplan;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a Jenkinsfile's {@code pipeline {}} block as Pipeline: Declarative runs it, for the directives the examples use:
 * {@code agent} (none, any, label), {@code options}, {@code triggers} (recorded), {@code stages}, {@code stage} with
 * {@code agent}, {@code steps} (and {@code script}) or {@code parallel}, and {@code post} conditions. A directive the
 * harness does not know fails, naming it ({@link JenkinsfileScript}), so an example that needs more is noticed rather
 * than half run.
 */
final class Declarative {
    private final RecordingPipelineSteps steps;

    Declarative(RecordingPipelineSteps steps) {
        this.steps = steps;
    }

    void run(Closure<?> body) {
        Pipeline pipeline = configure(body, new Pipeline());
        RuntimeException failure = null;
        try {
            onAgent(pipeline.agent, () -> {
                for (Stage stage : pipeline.stages) {
                    stage.run();
                }
                return null;
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        pipeline.post.run(failure != null ? "failure" : unstable() ? "unstable" : "success");
        if (failure != null) {
            throw failure;
        }
    }

    /** Marked unstable by the {@code unstable} step, or by a {@code catchError} that caught something. */
    private boolean unstable() {
        return steps.calls().stream().anyMatch(c -> c.step().equals("unstable") || c.step().equals("caught"));
    }

    private static <T> T configure(Closure<?> body, T delegate) {
        body.setDelegate(delegate);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        return delegate;
    }

    private Object onAgent(Object agent, Supplier<Object> body) {
        if (agent instanceof AgentBlock block && block.label != null) {
            return steps.node(block.label, new Body(body));
        }
        if ("any".equals(agent)) {
            return steps.node(new Body(body));
        }
        return body.get();
    }

    /** A Groovy closure running Java code, for the steps that take a body. */
    public static final class Body extends Closure<Object> {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<Object> code;

        Body(Supplier<Object> code) {
            super(null);
            this.code = code;
        }

        public Object doCall() {
            return code.get();
        }
    }

    /**
     * A block's delegate. Groovy gives a closure's unresolved names to its delegate only when that is a GroovyObject;
     * a name the block does not know goes on to the enclosing blocks and the script, which refuses directives it
     * does not run.
     */
    public abstract static class Directives extends GroovyObjectSupport {
        public String getNone() {
            return "none";
        }

        public String getAny() {
            return "any";
        }
    }

    /** {@code pipeline { ... }}. */
    public final class Pipeline extends Directives {
        Object agent;
        final List<Stage> stages = new ArrayList<>();
        final Post post = new Post();

        public void agent(Object spec) {
            agent = spec instanceof Closure<?> c ? configure(c, new AgentBlock()) : spec;
        }

        public void options(Closure<?> body) {
            configure(body, new Declared("option"));
        }

        public void triggers(Closure<?> body) {
            configure(body, new Declared("trigger"));
        }

        public void stages(Closure<?> body) {
            stages.addAll(configure(body, new Stages()).stages);
        }

        public void post(Closure<?> body) {
            configure(body, post);
        }
    }

    /** {@code agent { label 'x' }}. */
    public final class AgentBlock extends Directives {
        String label;

        public void label(String label) {
            this.label = label;
        }
    }

    /** {@code options { ... }} and {@code triggers { ... }}: each entry is recorded. */
    public final class Declared extends Directives {
        private final String kind;

        Declared(String kind) {
            this.kind = kind;
        }

        public Object methodMissing(String name, Object args) {
            return JenkinsfileScript.declared(steps, kind + " " + name, (Object[]) args);
        }
    }

    /** {@code stages { stage('x') { ... } ... }} and {@code parallel { stage('x') { ... } ... }}. */
    public final class Stages extends Directives {
        final List<Stage> stages = new ArrayList<>();

        public void stage(String name, Closure<?> body) {
            stages.add(configure(body, new Stage(name)));
        }
    }

    /** {@code stage('x') { agent ...; steps { ... } | parallel { ... } | stages { ... }; post { ... } }}. */
    public final class Stage extends Directives {
        private final String name;
        private Object agent;
        private Closure<?> stepsBody;
        private List<Stage> parallel;
        private List<Stage> sequential;
        private final Post post = new Post();

        Stage(String name) {
            this.name = name;
        }

        public void agent(Object spec) {
            agent = spec instanceof Closure<?> c ? configure(c, new AgentBlock()) : spec;
        }

        public void steps(Closure<?> body) {
            stepsBody = body;
        }

        public void parallel(Closure<?> body) {
            parallel = configure(body, new Stages()).stages;
        }

        public void stages(Closure<?> body) {
            sequential = configure(body, new Stages()).stages;
        }

        public void post(Closure<?> body) {
            configure(body, post);
        }

        void run() {
            steps.stage(name, new Body(() -> {
                RuntimeException failure = null;
                try {
                    onAgent(agent, this::body);
                } catch (RuntimeException e) {
                    failure = e;
                }
                post.run(failure != null ? "failure" : "success");
                if (failure != null) {
                    throw failure;
                }
                return null;
            }));
        }

        private Object body() {
            if (parallel != null) {
                Map<String, Closure<?>> branches = new LinkedHashMap<>();
                for (Stage branch : parallel) {
                    branches.put(branch.name, new Body(() -> {
                        branch.run();
                        return null;
                    }));
                }
                try {
                    return steps.parallel(branches);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            if (sequential != null) {
                for (Stage stage : sequential) {
                    stage.run();
                }
                return null;
            }
            if (stepsBody == null) {
                throw new IllegalStateException("stage('" + name + "') has no steps, parallel or stages");
            }
            return configure(stepsBody, new StepsBlock());
        }
    }

    /** {@code steps { ... }}: the steps themselves resolve through the script; {@code script { }} just runs. */
    public static final class StepsBlock {
        public Object script(Closure<?> body) {
            return body.call();
        }
    }

    /** {@code post { always { } success { } unstable { } failure { } cleanup { } }}. */
    public final class Post extends Directives {
        private final Map<String, Closure<?>> conditions = new LinkedHashMap<>();

        public void always(Closure<?> body) {
            conditions.put("always", body);
        }

        public void success(Closure<?> body) {
            conditions.put("success", body);
        }

        public void unstable(Closure<?> body) {
            conditions.put("unstable", body);
        }

        public void failure(Closure<?> body) {
            conditions.put("failure", body);
        }

        public void cleanup(Closure<?> body) {
            conditions.put("cleanup", body);
        }

        void run(String result) {
            for (String condition : List.of("always", result, "cleanup")) {
                Closure<?> body = conditions.get(condition);
                if (body != null) {
                    steps.declared("post", condition);
                    configure(body, new StepsBlock());
                }
            }
        }
    }
}
