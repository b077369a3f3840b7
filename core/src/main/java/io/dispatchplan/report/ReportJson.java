package io.dispatchplan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.git.DiffStat;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.integrate.PredictedConflict;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.integrate.VerifyResult;
import io.dispatchplan.integrate.VerifyRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: a {@link RunReport} as JSON that reads back to an equal report (a resumed run starts from
 * it). Besides the report's own fields it carries derived ones for readers ({@code summary}, each workstream's
 * {@code merge}, {@code clean}, millisecond durations); reading ignores those.
 */
public final class ReportJson {

    /** Bumped when a field changes meaning; readers refuse formats newer than theirs. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportJson() {
    }

    public static String write(RunReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("feature", r.feature());
        root.put("planTitle", r.planTitle());
        root.put("baseSha", r.baseSha());
        root.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        root.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        root.put("durationMillis", r.duration() == null ? null : r.duration().toMillis());
        root.set("summary", summary(r));
        ArrayNode workstreams = root.putArray("workstreams");
        for (WorkstreamReport w : r.workstreams()) {
            ObjectNode node = workstream(w);
            r.mergeOf(w.id()).ifPresent(m -> node.set("merge", mergeSummary(m)));
            workstreams.add(node);
        }
        root.set("integration", r.integration() == null ? null : integration(r.integration()));
        root.put("integrationMessage", r.integrationMessage());
        ArrayNode predicted = root.putArray("predictedConflicts");
        for (PredictedConflict c : r.predictedConflicts()) {
            ObjectNode node = predicted.addObject();
            node.put("workstreamId", c.workstreamId());
            node.put("branch", c.branch());
            node.put("otherId", c.otherId());
            node.put("otherBranch", c.otherBranch());
            strings(node.putArray("files"), c.files());
        }
        ScheduleJson.write(root, r.schedule());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalArgumentException when the text is not a report.json this version understands
     */
    public static RunReport read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("report.json is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.hasNonNull("feature")) {
            throw new IllegalArgumentException("report.json has no 'feature': it is not a dispatch-plan run report");
        }
        int format = root.path("format").asInt(FORMAT);
        if (format > FORMAT) {
            throw new IllegalArgumentException("report.json has format " + format + ", newer than this dispatch-plan "
                    + "reads (" + FORMAT + "): upgrade dispatch-plan to read it");
        }
        List<WorkstreamReport> workstreams = new ArrayList<>();
        for (JsonNode w : root.path("workstreams")) {
            workstreams.add(readWorkstream(w));
        }
        JsonNode integration = root.get("integration");
        List<PredictedConflict> predicted = new ArrayList<>();
        for (JsonNode c : root.path("predictedConflicts")) {
            predicted.add(new PredictedConflict(c.path("workstreamId").asText(), text(c, "branch"),
                    c.path("otherId").asText(), text(c, "otherBranch"), strings(c.path("files"))));
        }
        return new RunReport(root.get("feature").asText(), text(root, "planTitle"), text(root, "baseSha"),
                instant(root, "startedAt"), instant(root, "finishedAt"), workstreams,
                integration == null || integration.isNull() ? null : readIntegration(integration),
                text(root, "integrationMessage"), predicted, ScheduleJson.read(root));
    }

    /** One workstream's outcome on its own, as a resumed run reads it back (the run's durable record). */
    public static String writeWorkstream(WorkstreamReport w) {
        ObjectNode node = workstream(w);
        node.put("format", FORMAT);
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /**
     * Reads what {@link #writeWorkstream} wrote.
     *
     * @throws IllegalArgumentException when the text is not such an outcome
     */
    public static WorkstreamReport readWorkstream(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(json.isBlank() ? "it is empty" : "it is not a JSON object");
        }
        if (node.path("format").asInt(FORMAT) > FORMAT) {
            throw new IllegalArgumentException("it has format " + node.path("format").asInt() + ", newer than this"
                    + " dispatch-plan reads (" + FORMAT + ")");
        }
        return readWorkstream(node);
    }

    // ---- writing ---------------------------------------------------------------------------------------

    private static ObjectNode summary(RunReport r) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("workstreams", r.workstreams().size());
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        r.workstreams().forEach(w -> byStatus.merge(w.status(), 1, Integer::sum));
        ObjectNode statuses = summary.putObject("byStatus");
        byStatus.forEach(statuses::put);
        IntegrationResult integration = r.integration();
        summary.put("integrated", integration != null);
        if (integration != null) {
            ObjectNode merges = summary.putObject("merges");
            for (MergeStatus status : MergeStatus.values()) {
                int count = integration.withStatus(status).size();
                if (count > 0) {
                    merges.put(status.name(), count);
                }
            }
            summary.put("clean", r.clean());
        }
        Double resolver = integration == null ? null : integration.resolverCostUsd();
        Double workers = r.workstreams().stream().anyMatch(w -> w.costUsd() != null)
                ? r.workstreams().stream().filter(w -> w.costUsd() != null).mapToDouble(WorkstreamReport::costUsd).sum()
                : null;
        summary.put("costUsd", workers == null ? resolver : resolver == null ? workers
                : Double.valueOf(workers + resolver));
        summary.put("resolverCostUsd", resolver);
        return summary;
    }

    private static ObjectNode workstream(WorkstreamReport w) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", w.id());
        node.put("title", w.title());
        node.put("status", w.status());
        node.put("reason", w.reason());
        node.put("agent", w.agent());
        node.put("durationMillis", w.durationMillis());
        node.put("branch", w.branch());
        node.put("headSha", w.headSha());
        node.put("commits", w.commits());
        node.set("diffStat", w.diffStat() == null ? null : diffStat(w.diffStat()));
        node.put("costUsd", w.costUsd());
        node.put("turns", w.turns());
        node.put("sessionId", w.sessionId());
        node.put("attempts", w.attempts());
        node.put("resultsFile", w.resultsFile());
        return node;
    }

    private static ObjectNode diffStat(DiffStat stat) {
        ObjectNode node = JSON.createObjectNode();
        node.put("filesChanged", stat.filesChanged());
        node.put("insertions", stat.insertions());
        node.put("deletions", stat.deletions());
        ArrayNode files = node.putArray("files");
        for (DiffStat.FileChange f : stat.files()) {
            ObjectNode file = files.addObject();
            file.put("path", f.path());
            file.put("insertions", f.insertions());
            file.put("deletions", f.deletions());
            file.put("binary", f.binary());
        }
        return node;
    }

    private static ObjectNode mergeSummary(MergeRecord m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", m.status().name());
        node.put("mergeCommit", m.mergeCommit());
        node.put("flagged", m.flagged());
        strings(node.putArray("conflictFiles"), m.conflictFiles());
        strings(node.putArray("conflictsWith"), m.conflictsWith());
        node.put("resolvedBy", m.resolvedBy());
        return node;
    }

    private static ObjectNode integration(IntegrationResult i) {
        ObjectNode node = JSON.createObjectNode();
        node.put("integrationBranch", i.integrationBranch());
        node.put("headSha", i.headSha());
        node.put("baseSha", i.baseSha());
        node.put("replacedHead", i.replacedHead());
        node.put("stopped", i.stopped());
        node.put("clean", i.clean());
        ArrayNode merges = node.putArray("merges");
        for (MergeRecord m : i.merges()) {
            ObjectNode merge = merges.addObject();
            merge.put("workstreamId", m.workstreamId());
            merge.put("branch", m.branch());
            merge.put("status", m.status().name());
            merge.put("mergeCommit", m.mergeCommit());
            strings(merge.putArray("conflictFiles"), m.conflictFiles());
            strings(merge.putArray("conflictsWith"), m.conflictsWith());
            merge.put("flagged", m.flagged());
            merge.put("message", m.message());
            merge.put("verifyOutput", m.verifyOutput());
            merge.put("resolvedBy", m.resolvedBy());
        }
        VerifyResult v = i.verify();
        ObjectNode verify = node.putObject("verify");
        verify.put("ran", v.ran());
        verify.put("passed", v.passed());
        verify.put("exitCode", v.exitCode());
        verify.put("timedOut", v.timedOut());
        verify.put("logFile", v.logFile() == null ? null : v.logFile().toString());
        verify.put("duration", v.duration().toString());
        verify.put("durationMillis", v.duration().toMillis());
        ArrayNode runs = node.putArray("verifyRuns");
        for (VerifyRun run : i.verifyRuns()) {
            ObjectNode n = runs.addObject();
            n.put("number", run.number());
            n.put("commit", run.commit());
            n.put("tested", run.tested());
            strings(n.putArray("merged"), run.merged());
            n.put("passed", run.passed());
            n.put("exitCode", run.exitCode());
            n.put("timedOut", run.timedOut());
            n.put("logFile", run.logFile() == null ? null : run.logFile().toString());
            n.put("duration", run.duration().toString());
            n.put("durationMillis", run.duration().toMillis());
            n.put("outputTail", run.outputTail());
        }
        node.put("verifyMessage", i.verifyMessage());
        ArrayNode resolutions = node.putArray("resolverRuns");
        for (ResolverRun run : i.resolverRuns()) {
            ObjectNode n = resolutions.addObject();
            n.put("number", run.number());
            n.put("workstreamId", run.workstreamId());
            n.put("worker", run.worker());
            strings(n.putArray("files"), run.files());
            n.put("accepted", run.accepted());
            n.put("reason", run.reason());
            n.put("mergeCommit", run.mergeCommit());
            n.put("costUsd", run.costUsd());
            n.put("sessionId", run.sessionId());
            n.put("duration", run.duration().toString());
            n.put("durationMillis", run.duration().toMillis());
            n.put("directory", run.directory() == null ? null : run.directory().toString());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    // ---- reading ---------------------------------------------------------------------------------------

    private static WorkstreamReport readWorkstream(JsonNode w) {
        if (!w.hasNonNull("id") || !w.hasNonNull("status")) {
            throw new IllegalArgumentException("a workstream lacks its 'id' or 'status': " + w);
        }
        JsonNode stat = w.get("diffStat");
        return new WorkstreamReport(w.get("id").asText(), text(w, "title"), w.get("status").asText(),
                text(w, "reason"), text(w, "agent"), w.path("durationMillis").asLong(), text(w, "branch"),
                text(w, "headSha"), w.path("commits").asInt(), stat == null || stat.isNull() ? null : readDiffStat(stat),
                w.hasNonNull("costUsd") ? w.get("costUsd").asDouble() : null,
                w.hasNonNull("turns") ? w.get("turns").asInt() : null, text(w, "sessionId"),
                w.path("attempts").asInt(), text(w, "resultsFile"));
    }

    private static DiffStat readDiffStat(JsonNode stat) {
        List<DiffStat.FileChange> files = new ArrayList<>();
        for (JsonNode f : stat.path("files")) {
            files.add(new DiffStat.FileChange(f.path("path").asText(), f.path("insertions").asInt(),
                    f.path("deletions").asInt(), f.path("binary").asBoolean()));
        }
        return new DiffStat(files);
    }

    private static IntegrationResult readIntegration(JsonNode i) {
        List<MergeRecord> merges = new ArrayList<>();
        for (JsonNode m : i.path("merges")) {
            MergeStatus status;
            try {
                status = MergeStatus.valueOf(m.path("status").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("report.json has an unknown merge status '"
                        + m.path("status").asText() + "' for workstream " + m.path("workstreamId").asText(), e);
            }
            merges.add(new MergeRecord(m.path("workstreamId").asText(), text(m, "branch"), status,
                    text(m, "mergeCommit"), strings(m.path("conflictFiles")), m.path("flagged").asBoolean(),
                    text(m, "message"), strings(m.path("conflictsWith")), text(m, "verifyOutput"),
                    text(m, "resolvedBy")));
        }
        JsonNode v = i.path("verify");
        VerifyResult verify = new VerifyResult(v.path("ran").asBoolean(), v.path("passed").asBoolean(),
                v.path("exitCode").asInt(-1), v.path("timedOut").asBoolean(), path(v, "logFile"), duration(v));
        List<VerifyRun> runs = new ArrayList<>();
        for (JsonNode run : i.path("verifyRuns")) {
            runs.add(new VerifyRun(run.path("number").asInt(), run.path("commit").asText(), text(run, "tested"),
                    strings(run.path("merged")), run.path("passed").asBoolean(), run.path("exitCode").asInt(-1),
                    run.path("timedOut").asBoolean(), duration(run), path(run, "logFile"), text(run, "outputTail")));
        }
        List<ResolverRun> resolutions = new ArrayList<>();
        for (JsonNode run : i.path("resolverRuns")) {
            resolutions.add(new ResolverRun(run.path("number").asInt(), run.path("workstreamId").asText(),
                    text(run, "worker"), strings(run.path("files")), run.path("accepted").asBoolean(),
                    text(run, "reason"), text(run, "mergeCommit"),
                    run.hasNonNull("costUsd") ? run.get("costUsd").asDouble() : null, text(run, "sessionId"),
                    duration(run), path(run, "directory")));
        }
        return new IntegrationResult(text(i, "integrationBranch"), text(i, "headSha"), merges, verify,
                i.path("stopped").asBoolean(), text(i, "baseSha"), text(i, "replacedHead"), runs,
                text(i, "verifyMessage"), resolutions);
    }

    private static Path path(JsonNode node, String field) {
        return node.hasNonNull(field) ? Path.of(node.get(field).asText()) : null;
    }

    private static Duration duration(JsonNode node) {
        return node.hasNonNull("duration") ? Duration.parse(node.get("duration").asText())
                : Duration.ofMillis(node.path("durationMillis").asLong());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("report.json has a bad time in '" + field + "': " + value, e);
        }
    }
}
