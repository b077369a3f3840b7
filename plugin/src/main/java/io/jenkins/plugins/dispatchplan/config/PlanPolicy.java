package io.jenkins.plugins.dispatchplan.config;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan may choose, within what the Jenkinsfile allows. The plan is untrusted (in a multibranch job a pull
 * request brings its own plan under the target branch's Jenkinsfile); the Jenkinsfile is not. So the plan never picks
 * branches outside the run's feature or the allowed prefixes, agents outside the allowed labels, or longer timeouts
 * than the Jenkinsfile's.
 */
public final class PlanPolicy {
    private PlanPolicy() {
    }

    /** Every way the plan oversteps, each naming the option that would allow it; empty when it keeps within. */
    public static List<String> problems(Plan plan, RunSettings s, boolean featureFromJenkinsfile) {
        List<String> problems = new ArrayList<>();
        if (s.push && !featureFromJenkinsfile) {
            problems.add("push: true needs feature: in the Jenkinsfile: otherwise the plan's own feature name '"
                    + plan.feature() + "' would choose which branches are pushed. Add feature: '" + plan.feature()
                    + "' (or another) to dispatchPlan");
        }
        String integration = plan.feature() + "/integration";
        for (Workstream w : plan.workstreams()) {
            String branch = w.branch() != null ? w.branch() : plan.feature() + "/" + w.id();
            if (branch.equals(integration) || branch.equals(s.baseBranch) || branch.equals(plan.baseBranch())) {
                problems.add("workstream '" + w.id() + "' asks for branch '" + branch + "', which is the "
                        + (branch.equals(integration) ? "integration" : "base") + " branch: give it another branch");
            } else if (!branch.startsWith(plan.feature() + "/") && s.allowedBranchPrefixes.stream().noneMatch(branch::startsWith)) {
                problems.add("workstream '" + w.id() + "' asks for branch '" + branch + "', outside '" + plan.feature()
                        + "/'; the Jenkinsfile allows " + (s.allowedBranchPrefixes.isEmpty() ? "no other prefix"
                        : "only " + s.allowedBranchPrefixes) + ". Add its prefix to allowedBranchPrefixes (e.g."
                        + " allowedBranchPrefixes: ['" + prefixOf(branch) + "']), or remove branch: from the plan");
            }
            if (w.label() != null && !w.label().equals(s.label) && !s.allowedLabels.contains(w.label())) {
                problems.add("workstream '" + w.id() + "' asks for agent label '" + w.label() + "', which the Jenkinsfile"
                        + " does not allow (allowed: " + allowed(s) + "). Add it to allowedLabels: ['" + w.label()
                        + "'], or remove label: from the plan");
            }
            if (w.timeoutMinutes() != null && s.timeoutMinutes > 0 && w.timeoutMinutes() > s.timeoutMinutes) {
                problems.add("workstream '" + w.id() + "' asks for " + w.timeoutMinutes() + " minutes, more than the"
                        + " Jenkinsfile's timeoutMinutes: " + s.timeoutMinutes + ". Raise timeoutMinutes, or lower the"
                        + " plan's");
            }
        }
        return problems;
    }

    private static String allowed(RunSettings s) {
        List<String> labels = new ArrayList<>();
        if (s.label != null) {
            labels.add(s.label);
        }
        labels.addAll(s.allowedLabels);
        return labels.isEmpty() ? "none but the run's" : String.join(", ", labels);
    }

    private static String prefixOf(String branch) {
        int slash = branch.indexOf('/');
        return slash < 0 ? branch : branch.substring(0, slash + 1);
    }
}
