package io.dispatchplan.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the canonical plan form, YAML or JSON (JSON is YAML), whose keys {@link PlanSchema} lists: {@code feature},
 * {@code title}, {@code baseBranch}, plan-level defaults ({@code label}, {@code worker}, {@code timeoutMinutes}),
 * the {@code normalized} note of a plan a model wrote, and {@code workstreams: [{id, title, focus, tasks, files,
 * deliverables, dependsOn, preconditions, branch, label, worker, timeoutMinutes, estimate, phase}]}. Unknown keys and
 * keys given twice are errors, so a typo never silently drops a dependency; errors name the line of the key. Aliases
 * and merge keys are expanded ({@link YamlTree}).
 */
public final class CanonicalPlanReader {
    static final Set<String> PLAN_KEYS = PlanSchema.planKeys();
    static final Set<String> WORKSTREAM_KEYS = PlanSchema.workstreamKeys();
    private static final Set<String> NORMALIZED_KEYS = PlanSchema.normalizedKeys();
    private static final Map<String, String> ALIASES = Map.of(
            "depends_on", "dependsOn", "dependencies", "dependsOn", "depends", "dependsOn",
            "base_branch", "baseBranch", "timeout_minutes", "timeoutMinutes");

    private CanonicalPlanReader() {}

    public static PlanDraft read(String text, String source) throws PlanException {
        YamlTree tree = YamlTree.read(text, source);
        JsonNode root = tree.root();
        if (root == null || !root.isObject()) {
            throw new PlanException(source, "a YAML/JSON plan must be a mapping with a 'workstreams' list, e.g."
                    + " workstreams: [{id: api, tasks: [...]}, {id: ui, dependsOn: [api]}].");
        }
        Fields plan = new Fields(tree, root, source, "the plan");
        plan.checkKeys(PLAN_KEYS);
        PlanDraft draft = new PlanDraft();
        draft.feature = plan.text("feature");
        draft.title = plan.text("title");
        draft.baseBranch = plan.text("baseBranch");
        draft.normalized = normalized(tree, root, source);
        String defaultLabel = plan.text("label");
        String defaultWorker = plan.text("worker");
        Integer defaultTimeout = plan.positiveInteger("timeoutMinutes");

        JsonNode workstreams = get(root, "workstreams");
        if (workstreams == null || !workstreams.isArray() || workstreams.isEmpty()) {
            throw new PlanException(source, plan.line("workstreams"), "the plan has no 'workstreams' list. Add one"
                    + " entry per workstream, e.g. workstreams: [{id: api, title: REST API, tasks: [...]}].");
        }
        int index = 0;
        for (JsonNode node : workstreams) {
            index++;
            if (!node.isObject()) {
                throw new PlanException(source, tree.line(workstreams), "workstream #" + index + " is not a mapping;"
                        + " write it as {id: ..., title: ...}.");
            }
            JsonNode idNode = node.get("id");
            String id = idNode == null || idNode.isNull() ? null : idNode.asText();
            Fields fields = new Fields(tree, node, source,
                    "workstream #" + index + (id == null || id.isBlank() ? "" : " ('" + id + "')"));
            fields.checkKeys(WORKSTREAM_KEYS);
            if (id == null || id.isBlank()) {
                throw new PlanException(source, tree.line(node), fields.where + " has no 'id'. Give it a short name"
                        + " such as 'api'.");
            }
            DraftWorkstream w = new DraftWorkstream(null, lineOf(tree, node));
            w.explicitId = id;
            w.title = fields.text("title");
            w.focus = fields.text("focus");
            w.tasks.addAll(fields.strings("tasks"));
            w.files.addAll(fields.strings("files"));
            w.deliverables.addAll(fields.strings("deliverables"));
            int dependenciesLine = fields.line("dependsOn");
            for (String dependency : fields.strings("dependsOn")) {
                w.dependencies.add(new DraftWorkstream.DependencyRef(dependency,
                        dependenciesLine > 0 ? dependenciesLine : w.line));
            }
            int preconditionsLine = fields.line("preconditions");
            for (String precondition : fields.strings("preconditions")) {
                w.preconditions.add(new DraftWorkstream.DependencyRef(precondition,
                        preconditionsLine > 0 ? preconditionsLine : w.line));
            }
            w.branch = fields.text("branch");
            w.label = orDefault(fields.text("label"), defaultLabel);
            w.worker = orDefault(fields.text("worker"), defaultWorker);
            Integer timeout = fields.positiveInteger("timeoutMinutes");
            w.timeoutMinutes = timeout != null ? timeout : defaultTimeout;
            JsonNode estimate = get(node, "estimate");
            if (estimate != null && !estimate.isNull()) {
                if (!estimate.isNumber() || !(estimate.asDouble() > 0) || Double.isInfinite(estimate.asDouble())) {
                    throw new PlanException(source, fields.line("estimate"), fields.where + ": 'estimate' must be a"
                            + " positive number (a relative size, e.g. hours), not '" + estimate.asText() + "'.");
                }
                w.estimate = estimate.asDouble();
            }
            w.phase = fields.positiveInteger("phase");
            draft.workstreams.add(w);
        }
        return draft;
    }

    /** The {@code normalized} note, checked as strictly as the rest: it decides whether a model is asked again. */
    private static Normalization normalized(YamlTree tree, JsonNode root, String source) throws PlanException {
        JsonNode node = root.get("normalized");
        if (node == null || node.isNull()) {
            return null;
        }
        String where = "the 'normalized' note";
        if (!node.isObject()) {
            throw new PlanException(source, tree.line(root, "normalized"), where + " must be a mapping: {note, from,"
                    + " commit, sourceSha256, schemaVersion}. It is written by --normalize; remove it from a plan you"
                    + " wrote yourself.");
        }
        Fields fields = new Fields(tree, node, source, where);
        fields.checkKeys(NORMALIZED_KEYS);
        String note = fields.text("note");
        String from = fields.text("from");
        String sha256 = fields.text("sourceSha256");
        Integer version = fields.positiveInteger("schemaVersion");
        if (note == null || from == null || sha256 == null || !sha256.matches("[0-9a-f]{64}") || version == null) {
            throw new PlanException(source, tree.line(node), where + " needs 'note', 'from', 'sourceSha256' (64 hex"
                    + " digits) and 'schemaVersion'. It is written by --normalize: normalize the document again, or"
                    + " remove the note to keep this plan as your own.");
        }
        return new Normalization(note, from, fields.text("commit"), sha256, version, fields.text("model"));
    }

    /** True when the text looks like a canonical plan rather than Markdown. */
    public static boolean looksCanonical(String text) {
        String trimmed = text.stripLeading();
        return trimmed.startsWith("{") || trimmed.matches("(?s)^(---\\s*\\n)?(#[^\\n]*\\n|\\s*\\n)*[A-Za-z_]+\\s*:.*")
                && text.lines().anyMatch(l -> l.matches("^workstreams\\s*:.*"));
    }

    /** One mapping of the plan with where it is, for messages that name the key's line. */
    private static final class Fields {
        private final YamlTree tree;
        private final JsonNode node;
        private final String source;
        final String where;

        Fields(YamlTree tree, JsonNode node, String source, String where) {
            this.tree = tree;
            this.node = node;
            this.source = source;
            this.where = where;
        }

        /** The line of the key, under any of its spellings, else of the mapping. */
        int line(String key) {
            if (!node.has(key)) {
                for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
                    if (alias.getValue().equals(key) && node.has(alias.getKey())) {
                        return tree.line(node, alias.getKey());
                    }
                }
            }
            return tree.line(node, key);
        }

        void checkKeys(Set<String> allowed) throws PlanException {
            Map<String, String> spelled = new HashMap<>();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name) && !ALIASES.containsKey(name)) {
                    List<String> sorted = new ArrayList<>(allowed);
                    sorted.sort(null);
                    throw new PlanException(source, tree.line(node, name), where + " has an unknown key '" + name
                            + "'. Allowed keys: " + String.join(", ", sorted) + ".");
                }
                String other = spelled.putIfAbsent(ALIASES.getOrDefault(name, name), name);
                if (other != null) {
                    throw new PlanException(source, tree.line(node, name), "'" + name + "' and '" + other
                            + "' (line " + tree.line(node, other) + ") are the same key, so one would be ignored."
                            + " Keep one.");
                }
            }
        }

        String text(String key) {
            JsonNode value = get(node, key);
            return value == null || value.isNull() ? null : value.asText();
        }

        Integer positiveInteger(String key) throws PlanException {
            JsonNode value = get(node, key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
                throw new PlanException(source, line(key), where + ": '" + key + "' must be a positive whole"
                        + " number, not '" + value.asText() + "'.");
            }
            return value.asInt();
        }

        List<String> strings(String key) throws PlanException {
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
                throw new PlanException(source, line(key), where + ": '" + key + "' must be a list of strings.");
            }
            for (JsonNode item : value) {
                if (!item.isValueNode()) {
                    throw new PlanException(source, line(key), where + ": every entry of '" + key
                            + "' must be a string.");
                }
                out.add(item.asText());
            }
            return out;
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

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /** The line a plan.json recorded (it points into the Markdown it came from), else where the mapping starts. */
    private static int lineOf(YamlTree tree, JsonNode node) {
        JsonNode line = node.get("line");
        if (line != null && line.canConvertToInt() && line.asInt() > 0) {
            return line.asInt();
        }
        return tree.line(node);
    }
}
