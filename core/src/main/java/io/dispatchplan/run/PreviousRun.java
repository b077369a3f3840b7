package io.dispatchplan.run;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an earlier run of the same plan into the same output directory finished, so a re-run (the nightly
 * case) skips it. A workstream counts as done when it succeeded or was unstable and its branch still points
 * at the commit the report names.
 */
record PreviousRun(RunReport report) {

    static Optional<PreviousRun> in(RunLayout layout) {
        Path file = layout.reportJson();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PreviousRun(ReportJson.read(Files.readString(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier run's " + file, e);
        }
    }

    String baseSha() {
        return report.baseSha();
    }

    /** Done workstreams by id, checked against the repository's branches. */
    Map<String, WorkstreamReport> done(GitCli git, Path repository) {
        Map<String, WorkstreamReport> done = new LinkedHashMap<>();
        for (WorkstreamReport w : report.workstreams()) {
            boolean finished = WorkstreamState.SUCCEEDED.name().equals(w.status())
                    || WorkstreamState.UNSTABLE.name().equals(w.status());
            if (finished && w.headSha() != null && w.branch() != null
                    && git.tryRevParse(repository, "refs/heads/" + w.branch()).filter(w.headSha()::equals).isPresent()) {
                done.put(w.id(), w);
            }
        }
        return done;
    }
}
