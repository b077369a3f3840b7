package io.jenkins.plugins.dispatchplan.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        WorkstreamArtifacts artifacts = new WorkstreamArtifacts(archivedPaths);
        List<Row> rows = new ArrayList<>();
        List<PlanGraphSvg.Node> nodes = new ArrayList<>();
        for (WorkstreamRecord w : action.getWorkstreams()) {
            StatusLook look = StatusLook.of(w.getStatus(), buildRunning);
            rows.add(new Row(w, look, prefixed(buildUrl, artifacts.links(w.getId(), w.getResultsArtifact()))));
            nodes.add(new PlanGraphSvg.Node(w.getId(), w.getTitle(), w.getDependsOn(), look));
        }
        return new RunPageView(buildUrl, rows, PlanGraphSvg.render(action.getWaves(), nodes),
                IntegrationView.of(action.getIntegration(), buildRunning, archivedPaths, buildUrl));
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

        Row(WorkstreamRecord record, StatusLook look, List<Link> links) {
            this.record = record;
            this.look = look;
            this.links = links;
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

        /** Its archived files (RESULTS.md, TASKS.md, logs, worker-result.json) that exist. */
        public List<Link> getLinks() {
            return links;
        }
    }
}
