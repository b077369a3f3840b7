package io.dispatchplan.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the canonical plan form, YAML or JSON (JSON is YAML): {@code feature}, {@code title},
 * {@code baseBranch}, plan-level defaults ({@code label}, {@code worker}, {@code timeoutMinutes}) and
 * {@code workstreams: [{id, title, focus, tasks, files, deliverables, dependsOn, branch, label, worker,
 * timeoutMinutes, estimate, phase}]}. Unknown keys are errors, so a typo never silently drops a dependency.
 */
public final class CanonicalPlanReader {
    static final Set<String> PLAN_KEYS = Set.of("feature", "title", "baseBranch", "label", "worker",
            "timeoutMinutes", "workstreams", "warnings", "waves", "criticalPath");
    static final Set<String> WORKSTREAM_KEYS = Set.of("id", "title", "focus", "tasks", "files", "deliverables",
            "dependsOn", "branch", "label", "worker", "timeoutMinutes", "estimate", "phase", "line");
    private static final Map<String, String> ALIASES = Map.of(
            "depends_on", "dependsOn", "dependencies", "dependsOn", "depends", "dependsOn",
            "base_branch", "baseBranch", "timeout_minutes", "timeoutMinutes");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CanonicalPlanReader() {}

    public static PlanDraft read(String text, String source) throws PlanException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new PlanException(source, where == null ? 0 : where.getLineNr(),
                    "not valid YAML/JSON: " + e.getOriginalMessage() + ". Fix the syntax (indentation, quotes,"
                            + " brackets) and try again.");
        }
        if (root == null || !root.isObject()) {
            throw new PlanException(source, "a YAML/JSON plan must be a mapping with a 'workstreams' list, e.g."
                    + " workstreams: [{id: api, tasks: [...]}, {id: ui, dependsOn: [api]}].");
        }
        PlanDraft draft = new PlanDraft();
        checkKeys(root, PLAN_KEYS, "the plan", source, 0);
        draft.feature = text(root, "feature");
        draft.title = text(root, "title");
        draft.baseBranch = text(root, "baseBranch");
        String defaultLabel = text(root, "label");
        String defaultWorker = text(root, "worker");
        Integer defaultTimeout = integer(root, "timeoutMinutes", source, 0);

        JsonNode workstreams = get(root, "workstreams");
        if (workstreams == null || !workstreams.isArray() || workstreams.isEmpty()) {
            throw new PlanException(source, "the plan has no 'workstreams' list. Add one entry per workstream,"
                    + " e.g. workstreams: [{id: api, title: REST API, tasks: [...]}].");
        }
        java.util.Map<String, Integer> idLines = idLines(text);
        int index = 0;
        for (JsonNode node : workstreams) {
            index++;
            String where = "workstream #" + index;
            if (!node.isObject()) {
                throw new PlanException(source, where + " is not a mapping; write it as {id: ..., title: ...}.");
            }
            checkKeys(node, WORKSTREAM_KEYS, where, source, index);
            String id = text(node, "id");
            if (id == null || id.isBlank()) {
                throw new PlanException(source, where + " has no 'id'. Give it a short name such as 'api'.");
            }
            DraftWorkstream w = new DraftWorkstream(null, lineOf(node, id, idLines));
            w.explicitId = id;
            w.title = text(node, "title");
            w.focus = text(node, "focus");
            w.tasks.addAll(strings(node, "tasks", source, where));
            w.files.addAll(strings(node, "files", source, where));
            w.deliverables.addAll(strings(node, "deliverables", source, where));
            for (String dependency : strings(node, "dependsOn", source, where)) {
                w.dependencies.add(new DraftWorkstream.DependencyRef(dependency, w.line));
            }
            w.branch = text(node, "branch");
            w.label = orDefault(text(node, "label"), defaultLabel);
            w.worker = orDefault(text(node, "worker"), defaultWorker);
            Integer timeout = integer(node, "timeoutMinutes", source, w.line);
            w.timeoutMinutes = timeout != null ? timeout : defaultTimeout;
            JsonNode estimate = get(node, "estimate");
            if (estimate != null && !estimate.isNull()) {
                if (!estimate.isNumber() || estimate.asDouble() <= 0) {
                    throw new PlanException(source, w.line, where + ": 'estimate' must be a positive number"
                            + " (a relative size, e.g. hours), not '" + estimate.asText() + "'.");
                }
                w.estimate = estimate.asDouble();
            }
            w.phase = integer(node, "phase", source, w.line);
            draft.workstreams.add(w);
        }
        return draft;
    }

    /** True when the text looks like a canonical plan rather than Markdown. */
    public static boolean looksCanonical(String text) {
        String trimmed = text.stripLeading();
        return trimmed.startsWith("{") || trimmed.matches("(?s)^(---\\s*\\n)?(#[^\\n]*\\n|\\s*\\n)*[A-Za-z_]+\\s*:.*")
                && text.lines().anyMatch(l -> l.matches("^workstreams\\s*:.*"));
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where, String source, int line)
            throws PlanException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name) && !ALIASES.containsKey(name)) {
                List<String> sorted = new ArrayList<>(allowed);
                sorted.sort(null);
                throw new PlanException(source, line, where + " has an unknown key '" + name + "'. Allowed keys: "
                        + String.join(", ", sorted) + ".");
            }
        }
    }

    private static JsonNode get(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
                if (alias.getValue().equals(key) && node.has(alias.getKey())) {
                    return node.get(alias.getKey());
                }
            }
        }
        return value;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = get(node, key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Integer integer(JsonNode node, String key, String source, int line) throws PlanException {
        JsonNode value = get(node, key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
            throw new PlanException(source, line, "'" + key + "' must be a positive whole number, not '"
                    + value.asText() + "'.");
        }
        return value.asInt();
    }

    private static List<String> strings(JsonNode node, String key, String source, String where) throws PlanException {
        JsonNode value = get(node, key);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isTextual()) {
            out.add(value.asText());
            return out;
        }
        if (!value.isArray()) {
            throw new PlanException(source, where + ": '" + key + "' must be a list of strings.");
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                throw new PlanException(source, where + ": every entry of '" + key + "' must be a string.");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static final java.util.regex.Pattern ID_DECLARATION = java.util.regex.Pattern.compile(
            "[\"']?id[\"']?\\s*:\\s*[\"']?([^\"',}#\\s]+)");

    /** The line each id is declared on, in one pass: the tree has no locations, the text does. */
    private static java.util.Map<String, Integer> idLines(String text) {
        java.util.Map<String, Integer> lines = new java.util.HashMap<>();
        int number = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            number++;
            java.util.regex.Matcher m = ID_DECLARATION.matcher(line);
            while (m.find()) {
                lines.putIfAbsent(m.group(1), number);
            }
        }
        return lines;
    }

    private static int lineOf(JsonNode node, String id, java.util.Map<String, Integer> idLines) {
        JsonNode line = node.get("line");
        if (line != null && line.canConvertToInt() && line.asInt() > 0) {
            return line.asInt();
        }
        return idLines.getOrDefault(id, 0);
    }
}
