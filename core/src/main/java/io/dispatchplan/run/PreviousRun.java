package io.dispatchplan.run;

import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.WorkstreamState;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.WorkstreamReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier runs of the same plan into the same output directory finished, so a re-run (the nightly case, or
 * the one after a kill) does not do it again. It is read from the durable records a run leaves as it goes: its
 * base in {@code state/run.json}, and each workstream's outcome in {@code state/<id>/outcome.json}, written the
 * moment the workstream ended (a report.json from before those records is read too).
 *
 * <p>A finished workstream counts as done while its branch is still at the recorded head, or a person added
 * commits on top of it (a conflict fixed by hand): that branch is honoured and merged as it is, never overwritten
 * by running the worker again.
 */
final class PreviousRun {
    private final String baseSha;
    private final Map<String, WorkstreamReport> outcomes;

    private PreviousRun(String baseSha, Map<String, WorkstreamReport> outcomes) {
        this.baseSha = baseSha;
        this.outcomes = outcomes;
    }

    static Optional<PreviousRun> in(RunLayout layout, Collection<String> ids) throws RunException {
        if (Files.exists(layout.runFile())) {
            String base = RunRecord.readBase(layout.runFile());
            Map<String, WorkstreamReport> outcomes = new LinkedHashMap<>();
            for (String id : ids) {
                Path file = layout.outcomeFile(id);
                if (Files.exists(file)) {
                    outcomes.put(id, readOutcome(file, id));
                }
            }
            return Optional.of(new PreviousRun(base, outcomes));
        }
        Path report = layout.reportJson();
        if (!Files.exists(report)) {
            return Optional.empty();
        }
        try {
            Map<String, WorkstreamReport> outcomes = new LinkedHashMap<>();
            var earlier = ReportJson.read(read(report));
            earlier.workstreams().forEach(w -> outcomes.put(w.id(), w));
            return Optional.of(new PreviousRun(earlier.baseSha(), outcomes));
        } catch (IllegalArgumentException e) {
            throw new RunException("the earlier run's " + report + " cannot be read (" + e.getMessage() + "). Delete"
                    + " it to start afresh: the branches and their work stay, and workstreams whose branches hold"
                    + " work go on from it");
        }
    }

    String baseSha() {
        return baseSha;
    }

    /** What the earlier run recorded for {@code id}, if anything. */
    Optional<WorkstreamReport> outcome(String id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    /** Done workstreams by id, checked against the repository's branches, with the reason to show. */
    Map<String, WorkstreamReport> done(GitCli git, Path repository, Rerun rerun, String reason) {
        Map<String, WorkstreamReport> done = new LinkedHashMap<>();
        for (WorkstreamReport w : outcomes.values()) {
            boolean finished = WorkstreamState.SUCCEEDED.name().equals(w.status())
                    || WorkstreamState.UNSTABLE.name().equals(w.status()) && rerun == Rerun.UNFINISHED;
            if (rerun == Rerun.ALL || rerun == Rerun.NONE || !finished || w.headSha() == null || w.branch() == null) {
                continue;
            }
            Optional<String> tip = git.tryRevParse(repository, "refs/heads/" + w.branch());
            if (tip.isEmpty()) {
                continue;
            }
            if (tip.get().equals(w.headSha())) {
                done.put(w.id(), w.withReason(reason));
            } else if (git.isAncestor(repository, w.headSha(), tip.get())) {
                int added = git.countCommits(repository, w.headSha() + ".." + tip.get());
                done.put(w.id(), w.movedTo(tip.get(), added, reason + "; its branch has " + added + " commit(s) made"
                        + " after that run, honoured and merged as it is"));
            }
        }
        return done;
    }

    private static WorkstreamReport readOutcome(Path file, String id) throws RunException {
        try {
            WorkstreamReport outcome = ReportJson.readWorkstream(read(file));
            if (!outcome.id().equals(id)) {
                throw new IllegalArgumentException("it is the record of '" + outcome.id() + "'");
            }
            return outcome;
        } catch (IllegalArgumentException | RunException e) {
            throw new RunException("the record of workstream " + id + " from an earlier run, " + file + ", cannot be"
                    + " read (" + e.getMessage() + "). Delete it to run " + id + " again (its branch and work stay)");
        }
    }

    static String read(Path file) throws RunException {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file)) {
            throw new RunException(file + " is not a regular file; dispatch-plan reads its records only from regular"
                    + " files. Remove it to start afresh");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
