package io.jenkins.plugins.dispatchplan;

import io.jenkins.plugins.dispatchplan.config.RunDefaults;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;
import io.jenkins.plugins.dispatchplan.steps.GateDecision;
import io.jenkins.plugins.dispatchplan.run.ScheduleState;
import io.jenkins.plugins.dispatchplan.steps.ReportWorkstreamStep;
import io.jenkins.plugins.dispatchplan.steps.PlanData;

import groovy.lang.Closure;
import io.dispatchplan.graph.Outcome;
import io.dispatchplan.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the Pipeline steps {@code DispatchPlan.groovy} calls, so its expansion can be run with
 * plain Groovy 2.4 (no Jenkins here) and checked. It records every call with the stage path it was made
 * in, runs {@code parallel} branches on real threads, and answers this plugin's own steps with the
 * plugin's real code: {@link ReadPlanStep} parses and {@link RunSettings} applies the plan, and the
 * dependency gate and outcome reports go through a real {@link ScheduleState}, so a branch really waits
 * for its dependencies. Workers are not run: {@code sh} returns the exit status the test scripts. Like the
 * real steps, {@code unstash} of a name nothing stashed fails.
 *
 * <p>Made without settings, {@code readDispatchPlan} makes the step from its arguments as Jenkins would (an unknown
 * option is an error) and checks them with the step's own code, as a Jenkinsfile under test calls it.
 */
public final class RecordingPipelineSteps {

    /** One recorded step call. */
    public record Call(int seq, List<String> stages, String step, String detail, Map<String, Object> args) {
        public String path() {
            return String.join("/", stages);
        }
    }

    /** What {@code error} throws, like the real step's AbortException. */
    public static final class PipelineError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PipelineError(String message) {
            super(message);
        }
    }

    private final Plan plan;
    private final RunSettings settings;
    private final Map<String, Integer> workerExitStatus = new ConcurrentHashMap<>();
    private final Map<String, String> failingGates = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> workerExitSequence = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final ThreadLocal<List<String>> stages = ThreadLocal.withInitial(ArrayList::new);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final Set<String> unixAgents = ConcurrentHashMap.newKeySet();
    private final Set<String> stashes = ConcurrentHashMap.newKeySet();
    private ScheduleState schedule;
    private final java.util.Deque<String> verifyRunsAsked = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile String asked;
    private volatile Integer recordedStatus;
    private RunSettings runSettings;

    /** With {@code settings} null, readDispatchPlan makes them from its arguments. */
    public RecordingPipelineSteps(Plan plan, RunSettings settings) {
        this.plan = plan;
        this.settings = settings;
        unixAgents.add("any");
    }

    /** Makes the worker of {@code id} exit with {@code status} (0 by default). */
    public RecordingPipelineSteps workerExits(String id, int status) {
        workerExitStatus.put(id, status);
        return this;
    }

    /** Makes the gate of {@code id} throw, as a step does when the build is interrupted. */
    public RecordingPipelineSteps gateFails(String id, String message) {
        failingGates.put(id, message);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The most workers that were between their gate and their report at once. */
    public int mostRunningAtOnce() {
        return mostRunning.get();
    }

    public ScheduleState schedule() {
        return schedule;
    }

    /** Records something a Jenkinsfile declares rather than runs (an option, a trigger, a job property). */
    public Call declared(String what, String detail) {
        return record(what, detail, null);
    }

    private Call record(String step, String detail, Map<String, Object> args) {
        Call call = new Call(seq.incrementAndGet(), List.copyOf(stages.get()), step, detail,
                args == null ? Map.of() : new LinkedHashMap<>(args));
        calls.add(call);
        return call;
    }

    // ---- Pipeline steps (names and shapes as the real steps take them) ----

    public Object stage(String name, Closure<?> body) {
        record("stage", name, null);
        stages.get().add(name);
        try {
            return body.call();
        } finally {
            stages.get().remove(stages.get().size() - 1);
        }
    }

    public Object parallel(Map<String, Closure<?>> branches) throws Exception {
        record("parallel", String.join(",", branches.keySet()), null);
        List<String> parent = List.copyOf(stages.get());
        Map<String, CompletableFuture<Object>> results = new LinkedHashMap<>();
        for (Map.Entry<String, Closure<?>> branch : branches.entrySet()) {
            CompletableFuture<Object> result = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                stages.get().addAll(parent);
                try {
                    result.complete(branch.getValue().call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "branch " + branch.getKey());
            t.start();
            results.put(branch.getKey(), result);
        }
        Exception first = null;
        for (CompletableFuture<Object> r : results.values()) {
            try {
                r.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return null;
    }

    public Object node(String label, Closure<?> body) {
        record("node", label, null);
        return body.call();
    }

    public Object node(Closure<?> body) {
        record("node", null, null);
        return body.call();
    }

    /** Like GitSCM as far as the expansion looks: its first remote's credentials id. */
    public static final class GitScmStandIn {
        public List<Map<String, String>> getUserRemoteConfigs() {
            return List.of(Map.of("url", "https://git.example.invalid/shop.git", "credentialsId", "git-bot"));
        }

        @Override
        public String toString() {
            return "the job's GitSCM";
        }
    }

    public Object getScm() {
        return new GitScmStandIn();
    }

    public Map<String, String> checkout(Object scm) {
        record("checkout", String.valueOf(scm), null);
        return Map.of("GIT_URL", "https://git.example.invalid/shop.git", "GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
    }

    public Object dir(String path, Closure<?> body) {
        record("dir", path, null);
        return body.call();
    }

    public void archiveArtifacts(Map<String, Object> args) {
        record("archiveArtifacts", String.valueOf(args.get("artifacts")), args);
    }

    public Object withEnv(List<String> env, Closure<?> body) {
        record("withEnv", String.join(" ", env), null);
        return body.call();
    }

    public Map<String, Object> string(Map<String, Object> args) {
        Map<String, Object> binding = new LinkedHashMap<>(args);
        binding.put("$symbol", "string");
        return binding;
    }

    public Object withCredentials(List<Map<String, Object>> bindings, Closure<?> body) {
        record("withCredentials", String.valueOf(bindings), null);
        return body.call();
    }

    public Object timeout(Map<String, Object> args, Closure<?> body) {
        record("timeout", args.get("time") + " " + args.get("unit"), args);
        return body.call();
    }

    public Object catchError(Map<String, Object> args, Closure<?> body) {
        record("catchError", args.get("buildResult") + "/" + args.get("stageResult"), args);
        try {
            return body.call();
        } catch (RuntimeException e) {
            record("caught", e.getMessage(), null);
            return null;
        }
    }

    public int sh(Map<String, Object> args) {
        Call call = record("sh", String.valueOf(args.get("script")), args);
        String id = call.stages().get(call.stages().size() - 1);
        List<Integer> sequence = workerExitSequence.get(id);
        if (sequence != null && !sequence.isEmpty()) {
            return sequence.remove(0);
        }
        return workerExitStatus.getOrDefault(id, 0);
    }

    /** Makes the worker of {@code id} exit with these statuses, one per attempt. */
    /** Workstreams prepareWorkstream finds done by an earlier build of the job (their branch at its recorded head). */
    private final java.util.Set<String> doneEarlier = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RecordingPipelineSteps doneInAnEarlierBuild(String... ids) {
        doneEarlier.addAll(List.of(ids));
        return this;
    }

    public RecordingPipelineSteps workerExitsInTurn(String id, Integer... statuses) {
        workerExitSequence.put(id, new java.util.ArrayList<>(List.of(statuses)));
        return this;
    }

    public void sleep(Map<String, Object> args) {
        record("sleep", args.get("time") + " " + args.get("unit"), args);
    }

    public int bat(Map<String, Object> args) {
        throw new AssertionError("bat on a Unix agent: " + args);
    }

    public void stash(Map<String, Object> args) {
        record("stash", args.get("name") + " " + args.get("includes"), args);
        stashes.add(String.valueOf(args.get("name")));
    }

    public void unstash(String name) {
        record("unstash", name, null);
        if (!stashes.contains(name)) {
            error("No such saved stash '" + name + "'");
        }
    }

    public void echo(String message) {
        record("echo", message, null);
    }

    public void error(String message) {
        record("error", message, null);
        throw new PipelineError(message);
    }

    public void unstable(String message) {
        record("unstable", message, null);
    }

    // ---- this plugin's steps, answered by the plugin's own code ----

    public PlanData readDispatchPlan(Map<String, Object> args) {
        record("readDispatchPlan", String.valueOf(args.get("plan")), args);
        runSettings = settings != null ? settings : settingsFrom(args);
        schedule = new ScheduleState(plan, runSettings.getMaxParallel(), runSettings.isFailFast());
        return runSettings.apply(plan, RunSettings.ARTIFACTS_DIR);
    }

    /** What the real step makes of these arguments with no global defaults set; its refusals fail like it. */
    private RunSettings settingsFrom(Map<String, Object> args) {
        ReadPlanStep step;
        try {
            step = Describables.instantiate(ReadPlanStep.class, args);
            step.checkSource();
            return step.settings(plan, new RunDefaults());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            throw e;
        }
    }

    /** The settings readDispatchPlan used, once it ran. */
    public RunSettings runSettings() {
        return runSettings;
    }

    public GateDecision waitForWorkstream(String id) throws Exception {
        return waitForWorkstream(Map.of("id", id));
    }

    public Map<String, Object> prepareWorkstream(String id) {
        return prepareWorkstream(Map.of("id", id));
    }

    public GateDecision waitForWorkstream(Map<String, Object> args) throws Exception {
        String id = (String) args.get("id");
        record("waitForWorkstream", id, args);
        if (failingGates.containsKey(id)) {
            throw new IllegalStateException(failingGates.get(id));
        }
        CompletableFuture<GateDecision> decided = new CompletableFuture<>();
        ScheduleState.Answer answer = schedule.request(id, new ScheduleState.Waiter() {
            @Override
            public void granted() {
                decided.complete(GateDecision.start());
            }

            @Override
            public void skipped(String reason) {
                decided.complete(GateDecision.skip(reason));
            }
        });
        answer.deliveries().forEach(ScheduleState.Delivery::deliver);
        GateDecision decision = answer.decision() != null ? answer.decision() : decided.get(60, TimeUnit.SECONDS);
        record("gate passed", id + " " + (decision.isStart() ? "start" : decision.getReason()), null);
        if (decision.isStart()) {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        }
        return decision;
    }

    public Map<String, Object> prepareWorkstream(Map<String, Object> args) {
        String id = (String) args.get("id");
        record("prepareWorkstream", id, args);
        Map<String, Object> worktree = new LinkedHashMap<>();
        worktree.put("path", "shop/" + id);
        worktree.put("environment", List.of("WORKSTREAM_ID=" + id, "TASKS_FILE=shop/" + id + "/TASKS.md"));
        worktree.put("command", "'claude' '-p' 'Read TASKS.md'");
        worktree.put("unix", true);
        worktree.put("done", doneEarlier.contains(id));
        return worktree;
    }

    /**
     * Like the real step: exit 75 (temporarily unavailable) is retryable, after 30 s, up to the third attempt.
     */
    public Map<String, Object> collectWorkstream(Map<String, Object> args) {
        String id = (String) args.get("id");
        int exit = (Integer) args.get("exitStatus");
        int attempt = (Integer) args.get("attempt");
        record("collectWorkstream", id + " exit " + exit, args);
        Map<String, Object> collected = new LinkedHashMap<>();
        if (exit == 75 && attempt < 3) {
            collected.put("retryAfterSeconds", 30);
            return collected;
        }
        collected.put("retryAfterSeconds", null);
        collected.put("status", exit == 0 ? "SUCCESS" : "FAILURE");
        collected.put("reason", exit == 0 ? null : "worker exited with " + exit);
        collected.put("artifactsDir", RunSettings.ARTIFACTS_DIR);
        collected.put("artifacts", "workstreams/" + id + "/*");
        collected.put("bundle", exit == 0 ? "bundles/" + id + ".bundle" : null);
        return collected;
    }

    public void reportWorkstream(Map<String, Object> args) {
        String id = (String) args.get("id");
        String status = (String) args.get("status");
        record("reportWorkstream", id + " " + status, args);
        Outcome outcome = new ReportWorkstreamStep(id, status).outcome();
        running.decrementAndGet();
        schedule.finished(id, outcome, (String) args.get("reason")).forEach(ScheduleState.Delivery::deliver);
    }

    /**
     * The verify runs integrateWorkstreams asks for, one per call, by label (as the real step returns them); after the
     * last one it returns the outcome, unstable when the last recorded status was not 0.
     */
    public RecordingPipelineSteps verifyRunsAsked(String... labels) {
        verifyRunsAsked.addAll(List.of(labels));
        return this;
    }

    /** What each verify run exits with, in turn. */
    public RecordingPipelineSteps verifyExitsInTurn(Integer... statuses) {
        return workerExitsInTurn("Integration", statuses);
    }

    public Map<String, Object> integrateWorkstreams() {
        record("integrateWorkstreams", null, null);
        if (asked != null && recordedStatus == null) {
            throw new AssertionError("integrateWorkstreams called again before the verify run it asked for was recorded");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("path", "shop/integration");
        report.put("branch", "shop/integration");
        report.put("verifyCommand", runSettings.getVerify());
        report.put("artifactsDir", RunSettings.ARTIFACTS_DIR);
        report.put("artifacts", "integration/*");
        String label = runSettings.getVerify() == null ? null : verifyRunsAsked.poll();
        asked = label;
        boolean failed = recordedStatus != null && recordedStatus != 0;
        recordedStatus = null;
        report.put("verifyScript", label == null ? null : "script of " + label);
        report.put("verifyLabel", label);
        report.put("unstableReason", label == null && failed ? "verify fails on shop/integration" : null);
        return report;
    }

    public void recordVerification(Map<String, Object> args) {
        record("recordVerification", String.valueOf(args.get("status")), args);
        recordedStatus = (Integer) args.get("status");
    }
}
