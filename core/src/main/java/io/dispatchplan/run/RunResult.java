package io.dispatchplan.run;

import io.dispatchplan.report.RunReport;
import java.nio.file.Path;

/** A finished run: its report and where its files are. */
public record RunResult(RunReport report, RunLayout layout) {

    /** True when every workstream succeeded, every branch merged and verification (if any) passed. */
    public boolean clean() {
        return report.clean();
    }

    public Path reportFile() {
        return layout.reportJson();
    }
}
