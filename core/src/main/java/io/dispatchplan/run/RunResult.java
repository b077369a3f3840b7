package io.dispatchplan.run;

import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import java.nio.file.Path;

/** A finished run: its report and where its files are. */
public record RunResult(RunReport report, RunLayout layout) {

    /** True when every workstream succeeded, every branch merged and verification (if any) passed. */
    public boolean clean() {
        for (WorkstreamReport w : report.workstreams()) {
            if (!WorkstreamState.SUCCEEDED.name().equals(w.status())) {
                return false;
            }
        }
        return report.integration() != null && report.integration().clean();
    }

    public Path reportFile() {
        return layout.reportJson();
    }
}
