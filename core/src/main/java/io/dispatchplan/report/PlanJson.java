package io.dispatchplan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.graph.DependencyGraph;
import io.dispatchplan.plan.Normalization;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.Workstream;
import java.util.List;

/**
 * The normalized plan as JSON ({@code plan.json}): the canonical schema, so the file reads back as the
 * same plan, plus the derived {@code waves} and {@code criticalPath}.
 */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {}

    public static String write(Plan plan) {
        DependencyGraph graph = DependencyGraph.of(plan);
        ObjectNode root = JSON.createObjectNode();
        if (plan.normalized() != null) {
            root.set("normalized", normalized(plan.normalized()));
        }
        root.put("feature", plan.feature());
        root.put("title", plan.title());
        if (plan.baseBranch() != null) {
            root.put("baseBranch", plan.baseBranch());
        }
        ArrayNode workstreams = root.putArray("workstreams");
        for (Workstream w : plan.workstreams()) {
            ObjectNode node = workstreams.addObject();
            node.put("id", w.id());
            node.put("title", w.title());
            node.put("focus", w.focus());
            strings(node.putArray("dependsOn"), w.dependsOn());
            if (!w.preconditions().isEmpty()) {
                strings(node.putArray("preconditions"), w.preconditions());
            }
            node.put("branch", w.branch());
            strings(node.putArray("tasks"), w.tasks());
            strings(node.putArray("files"), w.files());
            strings(node.putArray("deliverables"), w.deliverables());
            if (w.label() != null) {
                node.put("label", w.label());
            }
            if (w.worker() != null) {
                node.put("worker", w.worker());
            }
            if (w.timeoutMinutes() != null) {
                node.put("timeoutMinutes", w.timeoutMinutes());
            }
            node.put("estimate", w.estimate());
            if (w.phase() != null) {
                node.put("phase", w.phase());
            }
            if (w.line() > 0) {
                node.put("line", w.line());
            }
        }
        ArrayNode waves = root.putArray("waves");
        for (List<String> wave : graph.waves()) {
            strings(waves.addArray(), wave);
        }
        strings(root.putArray("criticalPath"), graph.criticalPath());
        strings(root.putArray("warnings"), plan.warnings());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /** The note of a plan a model wrote, first in the file so a reader sees it first. */
    public static ObjectNode normalized(Normalization note) {
        ObjectNode node = JSON.createObjectNode();
        node.put("note", note.note());
        node.put("from", note.from());
        if (note.commit() != null) {
            node.put("commit", note.commit());
        }
        node.put("sourceSha256", note.sourceSha256());
        node.put("schemaVersion", note.schemaVersion());
        if (note.model() != null) {
            node.put("model", note.model());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
