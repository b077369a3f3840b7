package io.jenkins.plugins.dispatchplan.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the run page shows, worked out from the same data as {@code .../dispatch-plan/api/json} (the action's exported
 * getters): one row per workstream with its status symbol and links, the plan graph as an SVG, and the integration
 * section. The page's Jelly only prints these, so what it says is tested here. Links are relative to the build's
 * URL; the page puts {@code rootURL} in front.
 */
public final class RunPageView {
    private final String buildUrl;
    private final List<Row> rows;
    private final String graphSvg;
    private final IntegrationView integration;

    private RunPageView(String buildUrl, List<Row> rows, String graphSvg, IntegrationView integration) {
        this.buildUrl = buildUrl;
        this.rows = rows;
        this.graphSvg = graphSvg;
        this.integration = integration;
    }

    /**
     * @param buildUrl the build's URL relative to Jenkins' root ({@code job/shop/12/})
     * @param archivedPaths the build's archived artifacts, relative paths
     * @param buildRunning whether the build is still going (a waiting workstream may yet start)
     */
    public static RunPageView of(DispatchPlanAction action, String buildUrl, Collection<String> archivedPaths, boolean buildRunning) {
        Set<String> archived = new HashSet<>(archivedPaths);
        WorkstreamArtifacts artifacts = new WorkstreamArtifacts(archived);
        List<Row> rows = new ArrayList<>();
        List<PlanGraphSvg.Node> nodes = new ArrayList<>();
        String jobUrl = jobUrl(buildUrl);
        for (WorkstreamRecord w : action.getWorkstreams()) {
            StatusLook look = StatusLook.of(w.getStatus(), buildRunning);
            boolean resultsHere = w.getResultsBuild() == null;
            List<Link> links = prefixed(buildUrl, artifacts.links(w.getId(), resultsHere ? w.getResultsArtifact() : null));
            if (!resultsHere && w.getResultsArtifact() != null) {
                // Carried over: its RESULTS.md stays where the build that did it archived it.
                links.add(0, new Link("RESULTS.md (build #" + w.getResultsBuild() + ")", jobUrl + w.getResultsBuild()
                        + "/artifact/" + WorkstreamArtifacts.encode(w.getResultsArtifact())));
            }
            rows.add(new Row(w, look, links, jobUrl));
            nodes.add(new PlanGraphSvg.Node(w.getId(), w.getTitle(), w.getDependsOn(), look));
        }
        return new RunPageView(buildUrl, rows, PlanGraphSvg.render(action.getWaves(), nodes),
                IntegrationView.of(action.getIntegration(), buildRunning, archived, buildUrl));
    }

    /** {@code job/shop/} of {@code job/shop/12/}: a build's URL is its job's and its number. */
    static String jobUrl(String buildUrl) {
        String trimmed = buildUrl.endsWith("/") ? buildUrl.substring(0, buildUrl.length() - 1) : buildUrl;
        return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
    }

    private static List<Link> prefixed(String buildUrl, List<Link> links) {
        List<Link> out = new ArrayList<>(links.size());
        for (Link l : links) {
            out.add(new Link(l.getLabel(), buildUrl + l.getHref()));
        }
        return out;
    }

    public List<Row> getRows() {
        return rows;
    }

    /** The plan graph: an {@code <svg>} element, every plan text in it escaped. */
    public String getGraphSvg() {
        return graphSvg;
    }

    public IntegrationView getIntegration() {
        return integration;
    }

    /** The build's URL relative to Jenkins' root, for links the view does not make itself ({@code plan.json}). */
    public String getBuildUrl() {
        return buildUrl;
    }

    /** A link: its text, and its address relative to Jenkins' root. */
    public static final class Link {
        private final String label;
        private final String href;

        Link(String label, String href) {
            this.label = label;
            this.href = href;
        }

        public String getLabel() {
            return label;
        }

        public String getHref() {
            return href;
        }

        @Override
        public String toString() {
            return label + " -> " + href;
        }
    }

    /** One workstream's row of the summary table. */
    public static final class Row {
        private final WorkstreamRecord record;
        private final StatusLook look;
        private final List<Link> links;
        private final String jobUrl;

        Row(WorkstreamRecord record, StatusLook look, List<Link> links, String jobUrl) {
            this.record = record;
            this.look = look;
            this.links = links;
            this.jobUrl = jobUrl;
        }

        public String getId() {
            return record.getId();
        }

        /** The row's HTML id, which the graph's boxes link to. */
        public String getAnchor() {
            return "workstream-" + record.getId();
        }

        /** Its title when it says more than the id, else null. */
        public String getTitle() {
            String title = record.getTitle();
            return title == null || title.equals(record.getId()) ? null : title;
        }

        public StatusLook getLook() {
            return look;
        }

        public String getReason() {
            return record.getReason();
        }

        /** Its dependencies as text: {@code schema, docs}; empty when it has none. */
        public String getAfter() {
            return String.join(", ", record.getDependsOn());
        }

        public String getBranch() {
            return record.getBranch();
        }

        /** {@code 3 commits} on its branch beyond the base, once collected; else empty. */
        public String getCommits() {
            if (record.getHeadSha() == null) {
                return "";
            }
            return record.getCommits() + (record.getCommits() == 1 ? " commit" : " commits");
        }

        public String getAgent() {
            return record.getAgent();
        }

        public String getDuration() {
            return record.getDurationText();
        }

        public String getActivity() {
            return record.getActivityText();
        }

        /** When the last activity was, or null when unknown. */
        public String getActivityTime() {
            String time = record.getLastActivityTime();
            return time.isEmpty() ? null : time;
        }

        public String getCost() {
            return record.getCostText();
        }

        public String getSessionId() {
            return record.getSessionId();
        }

        /** The end of a failed worker's output, the detail of its reason; else null. */
        public String getOutputTail() {
            return record.getOutputTail();
        }

        /** What its worktree started from (the commit, and what was merged in); null before it was prepared. */
        public String getStart() {
            return record.getStart();
        }

        /** The earlier build it was done in, when this build did not run it again: {@code done in build #11}. */
        public Link getCarriedFrom() {
            Integer build = record.getCarriedFromBuild();
            return build == null ? null : new Link("done in build #" + build, jobUrl + build + "/");
        }

        /** The earlier build it is run again after, with how it ended there: {@code after build #11: failed}. */
        public Link getRunAgainAfter() {
            PriorOutcome prior = record.getPrior();
            if (prior == null || record.getCarriedFromBuild() != null) {
                return null;
            }
            return new Link("after build #" + prior.getBuild() + ": " + StatusLook.of(prior.getStatus(), false)
                    .getLabel().toLowerCase(java.util.Locale.ROOT), jobUrl + prior.getBuild() + "/");
        }

        /** Its archived files (RESULTS.md, TASKS.md, logs, worker-result.json) that exist. */
        public List<Link> getLinks() {
            return links;
        }
    }
}
