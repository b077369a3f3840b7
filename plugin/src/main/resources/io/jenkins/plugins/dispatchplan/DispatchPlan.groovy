package io.jenkins.plugins.dispatchplan

/**
 * What {@code dispatchPlan(...)} expands to: real {@code stage} and {@code parallel} steps, so the stage
 * views draw one column per workstream.
 *
 * <pre>
 * stage('Plan')          node: readDispatchPlan, archive plan.json and the graph
 * stage('Workstreams')   parallel(id: { stage(id) { waitForWorkstream; node(label) { unstash dependency bundles;
 *                                     prepareWorkstream; worker via sh/bat; collectWorkstream; archive and stash
 *                                     its bundle } ; reportWorkstream } })
 * stage('Integration')   node: integrateWorkstreams (always runs, with whatever succeeded)
 * </pre>
 *
 * This runs outside the sandbox and every public method here is callable from a sandboxed Jenkinsfile,
 * so only {@code call(Map)} is public, and everything it does goes through steps a Jenkinsfile could
 * call itself. Decisions (plan, scheduling, commands, results) live in the Java steps; keep this thin
 * and stable: a build in flight reloads it from a newer plugin after an upgrade.
 */
class DispatchPlan implements Serializable {
    private static final long serialVersionUID = 1L

    private final def script

    DispatchPlan(def script) {
        this.script = script
    }

    def call(Map args) {
        Map options = args == null ? [:] : new LinkedHashMap(args)
        def plan = null
        script.stage('Plan') {
            onNode(options.label) {
                Map repository = checkoutRepository(options)
                plan = script.readDispatchPlan(options + repository)
                script.dir(plan.artifactsDir) {
                    script.archiveArtifacts(artifacts: plan.planArtifacts, fingerprint: false)
                }
            }
        }
        // Workstreams whose branch travels to the integration node as a stashed bundle.
        List bundled = Collections.synchronizedList([])
        try {
            Map branches = [:]
            for (def workstream in plan.workstreams) {
                String id = workstream.id
                branches[id] = { runWorkstream(plan, id, bundled) }
            }
            script.stage('Workstreams') {
                script.parallel(branches)
            }
        } finally {
            script.stage('Integration') {
                onNode(plan.integrationLabel) {
                    List stashes = new ArrayList(bundled)
                    script.dir(plan.artifactsDir) {
                        for (int i = 0; i < stashes.size(); i++) {
                            script.unstash(stashName(stashes[i]))
                        }
                    }
                    def report = script.integrateWorkstreams()
                    if (report.verifyCommand) {
                        verify(report)
                    }
                    script.dir(report.artifactsDir) {
                        script.archiveArtifacts(artifacts: report.artifacts, allowEmptyArchive: true, fingerprint: false)
                    }
                    if (report.unstableReason) {
                        script.unstable(report.unstableReason)
                    }
                }
            }
        }
        return plan
    }

    /** One workstream: everything, the dependency wait included, inside its own stage. */
    private void runWorkstream(def plan, String id, List bundled) {
        def workstream = plan.workstream(id)
        script.stage(id) {
            def gate = script.waitForWorkstream(id: id)
            if (!gate.start) {
                markSkipped(id, gate.reason)
                return
            }
            String status = 'FAILURE'
            String reason = null
            try {
                script.catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE') {
                    try {
                        onNode(workstream.label) {
                            unstashDependencies(plan, workstream, bundled)
                            def collected = null
                            // Again only when collect says so: a retryable failure, or a session flag to switch.
                            for (int attempt = 1; collected == null || collected.retryAfterSeconds != null; attempt++) {
                                if (collected != null && collected.retryAfterSeconds > 0) {
                                    script.sleep(time: collected.retryAfterSeconds, unit: 'SECONDS')
                                }
                                def worktree = script.prepareWorkstream(id: id)
                                int exitStatus = runWorker(plan, workstream, worktree)
                                collected = script.collectWorkstream(id: id, exitStatus: exitStatus, attempt: attempt)
                            }
                            script.dir(collected.artifactsDir) {
                                script.archiveArtifacts(artifacts: collected.artifacts, allowEmptyArchive: true, fingerprint: false)
                                if (collected.bundle) {
                                    script.stash(name: stashName(id), includes: collected.bundle)
                                    bundled << id
                                }
                            }
                            status = collected.status
                            reason = collected.reason
                        }
                    } catch (Exception e) {
                        reason = e.toString()
                        throw e
                    }
                    if (status == 'UNSTABLE') {
                        script.unstable(reason)
                    } else if (status != 'SUCCESS') {
                        script.error(reason)
                    }
                }
            } finally {
                script.reportWorkstream(id: id, status: status, reason: reason)
            }
        }
    }

    /**
     * A dependent starts from its dependencies' branches, which may have run on other agents: their stashed bundles
     * come to this node before prepareWorkstream merges them in. A dependency without commits has none.
     */
    private void unstashDependencies(def plan, def workstream, List bundled) {
        List dependencies = workstream.dependsOn
        script.dir(plan.artifactsDir) {
            for (int i = 0; i < dependencies.size(); i++) {
                if (bundled.contains(dependencies[i])) {
                    script.unstash(stashName(dependencies[i]))
                }
            }
        }
    }

    /** The worker as a durable sh/bat step (it survives a controller restart), cwd = its worktree. */
    private int runWorker(def plan, def workstream, def worktree) {
        int exitStatus = -1
        script.withEnv(worktree.environment) {
            script.dir(worktree.path) {
                withApiKey(plan.credentialsId, plan.apiKeyVariable) {
                    withTimeout(workstream.timeoutMinutes) {
                        Map step = [script: worktree.command, returnStatus: true, label: "worker ${workstream.id}"]
                        exitStatus = worktree.unix ? script.sh(step) : script.bat(step)
                    }
                }
            }
        }
        return exitStatus
    }

    private void verify(def report) {
        script.dir(report.path) {
            int status = script.sh(script: report.verifyCommand, returnStatus: true, label: 'verify')
            script.recordVerification(status: status)
            if (status != 0) {
                script.unstable("verify command exited with ${status} on ${report.branch}")
            }
        }
    }

    private static String stashName(String id) {
        return "dispatch-plan-branch-${id}"
    }

    /** The API key is a Secret text credential: bound for the worker, masked in the log, never on disk. */
    private void withApiKey(String credentialsId, String variable, Closure body) {
        if (credentialsId && variable) {
            script.withCredentials([script.string(credentialsId: credentialsId, variable: variable)]) {
                body()
            }
        } else {
            body()
        }
    }

    private void withTimeout(def minutes, Closure body) {
        if (minutes) {
            script.timeout(time: minutes, unit: 'MINUTES') {
                body()
            }
        } else {
            body()
        }
    }

    /** node inside stage, so a stage waiting for an executor shows as queued. */
    private void onNode(String label, Closure body) {
        if (label) {
            script.node(label) {
                body()
            }
        } else {
            script.node {
                body()
            }
        }
    }

    /**
     * The repository the workstreams start from: an explicit {@code repository:} wins; otherwise the one
     * the Jenkinsfile came from, checked out here so the plan can be read and the base commit pinned.
     */
    private Map checkoutRepository(Map options) {
        if (options.repository) {
            return [:]
        }
        def scm = null
        try {
            scm = script.scm
        } catch (MissingPropertyException e) {
            script.error("dispatchPlan: this job has no SCM to take the repository from; run it from a Pipeline script"
                    + " from SCM or give repository: '<git URL or path>'")
        }
        def scmVars = script.checkout(scm)
        Map found = [repository: scmVars.GIT_URL, baseCommit: scmVars.GIT_COMMIT]
        if (!options.gitCredentialsId) {
            String credentialsId = scmCredentialsId(scm)
            if (credentialsId) {
                found.gitCredentialsId = credentialsId
            }
        }
        return found
    }

    /** The credentials of a git checkout, so agents fetch the repository the way the checkout did. */
    private String scmCredentialsId(def scm) {
        try {
            return scm.userRemoteConfigs[0].credentialsId
        } catch (Exception e) {
            return null
        }
    }

    private void markSkipped(String id, String reason) {
        script.echo("Skipped ${id}: ${reason}")
        if (!SkippedStage.mark(id, script.getClass().getClassLoader())) {
            script.echo('(Install Pipeline: Declarative to show skipped workstreams as skipped in the stage views.)')
        }
    }
}
