package io.jenkins.plugins.dispatchplan

import io.jenkins.plugins.dispatchplan.steps.SkippedStage

/**
 * What {@code dispatchPlan(...)} expands to: real {@code stage} and {@code parallel} steps, so the stage
 * views draw one column per workstream.
 *
 * <pre>
 * stage('Plan')          node: readDispatchPlan, archive plan.json and the graph
 * stage('Workstreams')   parallel(id: { stage(id) { waitForWorkstream; node(label) { unstash dependency bundles;
 *                                     prepareWorkstream; worker via sh/bat; collectWorkstream; archive and stash
 *                                     its bundle } ; reportWorkstream } })
 * stage('Integration')   node: integrateWorkstreams (always runs, with whatever succeeded), then each verify run
 *                        it asks for as sh + recordVerification, calling it again until it is done
 * </pre>
 *
 * This runs outside the sandbox, and Groovy lets a sandboxed Jenkinsfile call any method of it, private ones
 * included ({@code dispatchPlan.someHelper(...)}). So {@code call(Map)} is its only method: the helpers are
 * closures local to it, out of every script's reach, and everything it does goes through steps a Jenkinsfile could
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
        def steps = script

        def stashName = { String id -> "dispatch-plan-branch-${id}".toString() }

        // node inside stage, so a stage waiting for an executor shows as queued.
        def onNode = { String label, Closure body ->
            if (label) {
                steps.node(label) { body() }
            } else {
                steps.node { body() }
            }
        }

        // The API key is a Secret text credential: bound for the worker, masked in the log, never on disk.
        def withApiKey = { String credentialsId, String variable, Closure body ->
            if (credentialsId && variable) {
                steps.withCredentials([steps.string(credentialsId: credentialsId, variable: variable)]) { body() }
            } else {
                body()
            }
        }

        def withTimeout = { def minutes, Closure body ->
            if (minutes) {
                steps.timeout(time: minutes, unit: 'MINUTES') { body() }
            } else {
                body()
            }
        }

        // The repository the workstreams start from: an explicit repository: wins; otherwise the one the
        // Jenkinsfile came from, checked out here so the plan can be read and the base commit pinned.
        def checkoutRepository = {
            if (options.repository) {
                return [:]
            }
            def scm = null
            try {
                scm = steps.scm
            } catch (MissingPropertyException e) {
                steps.error("dispatchPlan: this job has no SCM to take the repository from; run it from a Pipeline script"
                        + " from SCM or give repository: '<git URL or path>'")
            }
            def scmVars = steps.checkout(scm)
            Map found = [repository: scmVars.GIT_URL, baseCommit: scmVars.GIT_COMMIT]
            if (!options.gitCredentialsId) {
                String credentialsId = null
                try {
                    credentialsId = scm.userRemoteConfigs[0].credentialsId
                } catch (Exception e) {
                    credentialsId = null
                }
                if (credentialsId) {
                    found.gitCredentialsId = credentialsId
                }
            }
            return found
        }

        // Pipeline: Declarative marks the stage (and its branch) skipped, so the stage views draw it so. Blue Ocean then
        // lists none of its steps ("This stage has no steps"): there the reason gets a stage of its own, named by it.
        def markSkipped = { String id, String reason ->
            String why = reason ?: 'skipped'
            String line = "${id} ${why}".toString()
            steps.echo(line)
            if (SkippedStage.mark(id, steps.getClass().getClassLoader())) {
                steps.stage(why) {
                    steps.echo(line)
                }
            } else {
                steps.echo('(Install Pipeline: Declarative to show skipped workstreams as skipped in the stage views.)')
            }
        }

        // A dependent starts from its dependencies' branches, which may have run on other agents: their stashed
        // bundles come to this node before prepareWorkstream merges them in. A dependency without commits has none.
        def unstashDependencies = { def plan, def workstream, List bundled ->
            List dependencies = workstream.dependsOn
            steps.dir(plan.artifactsDir) {
                for (int i = 0; i < dependencies.size(); i++) {
                    if (bundled.contains(dependencies[i])) {
                        steps.unstash(stashName(dependencies[i]))
                    }
                }
            }
        }

        // The worker as a durable sh/bat step (it survives a controller restart), cwd = its worktree.
        def runWorker = { def plan, def workstream, def worktree ->
            int exitStatus = -1
            steps.withEnv(worktree.environment) {
                steps.dir(worktree.path) {
                    withApiKey(plan.credentialsId, plan.apiKeyVariable) {
                        withTimeout(workstream.timeoutMinutes) {
                            Map step = [script: worktree.command, returnStatus: true, label: "worker ${workstream.id}"]
                            exitStatus = worktree.unix ? steps.sh(step) : steps.bat(step)
                        }
                    }
                }
            }
            return exitStatus
        }

        // One workstream: everything, the dependency wait included, inside its own stage.
        def runWorkstream = { def plan, String id, List bundled ->
            def workstream = plan.workstream(id)
            steps.stage(id) {
                def gate = steps.waitForWorkstream(id: id)
                if (!gate.start) {
                    markSkipped(id, gate.reason)
                    return
                }
                String status = 'FAILURE'
                String reason = null
                try {
                    steps.catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE') {
                        try {
                            onNode(workstream.label) {
                                unstashDependencies(plan, workstream, bundled)
                                def collected = null
                                // Again only when collect says so: a retryable failure, or a session flag to switch.
                                for (int attempt = 1; collected == null || collected.retryAfterSeconds != null; attempt++) {
                                    if (collected != null && collected.retryAfterSeconds > 0) {
                                        steps.sleep(time: collected.retryAfterSeconds, unit: 'SECONDS')
                                    }
                                    def worktree = steps.prepareWorkstream(id: id)
                                    // Done by an earlier build of the job: no worker; collect hands its branch on.
                                    int exitStatus = worktree.done ? 0 : runWorker(plan, workstream, worktree)
                                    collected = steps.collectWorkstream(id: id, exitStatus: exitStatus, attempt: attempt)
                                }
                                steps.dir(collected.artifactsDir) {
                                    steps.archiveArtifacts(artifacts: collected.artifacts, allowEmptyArchive: true, fingerprint: false)
                                    if (collected.bundle) {
                                        steps.stash(name: stashName(id), includes: collected.bundle)
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
                            steps.unstable(reason)
                        } else if (status != 'SUCCESS') {
                            steps.error(reason)
                        }
                    }
                } finally {
                    steps.reportWorkstream(id: id, status: status, reason: reason)
                }
            }
        }

        // The integration, and each verify run it asks for as a durable sh (a restart resumes it there): the step
        // decides what to verify next (after each merge, or searching for the merges that break verify) and keeps
        // what it found with the build; the last call returns the outcome.
        def integrate = {
            def report = steps.integrateWorkstreams()
            while (report.verifyScript) {
                int status = -1
                steps.dir(report.path) {
                    status = steps.sh(script: report.verifyScript, returnStatus: true, label: report.verifyLabel)
                }
                steps.recordVerification(status: status)
                report = steps.integrateWorkstreams()
            }
            return report
        }

        def plan = null
        steps.stage('Plan') {
            onNode(options.label) {
                Map repository = checkoutRepository()
                plan = steps.readDispatchPlan(options + repository)
                steps.dir(plan.artifactsDir) {
                    steps.archiveArtifacts(artifacts: plan.planArtifacts, fingerprint: false)
                }
            }
        }
        // Workstreams whose branch travels to the integration node (and to dependents) as a stashed bundle.
        List bundled = Collections.synchronizedList([])
        try {
            Map branches = [:]
            for (def workstream in plan.workstreams) {
                String id = workstream.id
                branches[id] = { runWorkstream(plan, id, bundled) }
            }
            steps.stage('Workstreams') {
                steps.parallel(branches)
            }
        } finally {
            steps.stage('Integration') {
                onNode(plan.integrationLabel) {
                    List stashes = new ArrayList(bundled)
                    steps.dir(plan.artifactsDir) {
                        for (int i = 0; i < stashes.size(); i++) {
                            steps.unstash(stashName(stashes[i]))
                        }
                    }
                    def report = integrate()
                    steps.dir(report.artifactsDir) {
                        steps.archiveArtifacts(artifacts: report.artifacts, allowEmptyArchive: true, fingerprint: false)
                    }
                    if (report.unstableReason) {
                        steps.unstable(report.unstableReason)
                    }
                }
            }
        }
        return plan
    }
}
