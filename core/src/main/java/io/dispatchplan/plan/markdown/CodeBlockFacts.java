package io.dispatchplan.plan.markdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dispatchplan.plan.DraftWorkstream;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts plans put in code blocks: YAML assignments ({@code developer_1: {tasks, files, wait_for}}) and
 * shell comments ({@code # Branch: feature/x}, {@code # Tasks: T001-T006}). Anything else in a code
 * block is example code and is ignored.
 */
final class CodeBlockFacts {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern COMMENT_FIELD = Pattern.compile(
            "^\\s*(?:#|//)\\s*(branch|tasks?|depends\\s+on|dependencies|blocked\\s+by|files)\\s*:\\s*(.+?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHECKOUT_BRANCH = Pattern.compile(
            "^\\s*git\\s+(?:checkout\\s+-[bB]|switch\\s+-[cC])\\s+([^\\s;&|]+)");

    private CodeBlockFacts() {}

    static void apply(DraftWorkstream target, String info, String literal, int line) {
        String language = info == null ? "" : info.strip().toLowerCase(java.util.Locale.ROOT);
        if (language.startsWith("yaml") || language.startsWith("yml")) {
            applyYaml(target, literal, line);
        } else {
            applyComments(target, literal, line);
        }
    }

    private static void applyYaml(DraftWorkstream target, String literal, int line) {
        JsonNode root;
        try {
            root = YAML.readTree(literal);
        } catch (Exception notYaml) {
            return; // a broken example block in prose is not the plan's business
        }
        if (root != null) {
            applyAssignment(target, root, line);
        }
    }

    /** Reads tasks/files/wait_for from a mapping, or from each mapping inside it (one per developer). */
    private static void applyAssignment(DraftWorkstream target, JsonNode node, int line) {
        if (!node.isObject()) {
            return;
        }
        boolean direct = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            FieldKind kind = FieldKind.of(entry.getKey().replace('_', ' '));
            switch (kind) {
                case TASKS -> {
                    direct = true;
                    forEachText(entry.getValue(), target.tasks::add);
                }
                case FILES -> {
                    direct = true;
                    forEachText(entry.getValue(), f -> target.files.add(stripNote(f)));
                }
                case DEPENDENCIES -> {
                    direct = true;
                    forEachText(entry.getValue(), d -> target.dependencies.add(new DraftWorkstream.DependencyRef(d, line)));
                }
                case BRANCH -> {
                    direct = true;
                    if (target.branch == null && entry.getValue().isTextual()) {
                        target.branch = entry.getValue().asText();
                    }
                }
                default -> { }
            }
        }
        if (!direct) {
            for (JsonNode child : node) {
                if (child.isObject()) {
                    applyAssignment(target, child, line);
                }
            }
        }
    }

    private static void forEachText(JsonNode value, java.util.function.Consumer<String> sink) {
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isValueNode()) {
                    sink.accept(item.asText().strip());
                }
            }
        } else if (value.isValueNode() && !value.asText().isBlank()) {
            sink.accept(value.asText().strip());
        }
    }

    /** {@code lib/x.py (new)} is the file {@code lib/x.py}. */
    private static String stripNote(String file) {
        return file.replaceAll("\\s*\\([^)]*\\)\\s*$", "").strip();
    }

    private static void applyComments(DraftWorkstream target, String literal, int line) {
        for (String text : literal.split("\\R")) {
            Matcher field = COMMENT_FIELD.matcher(text);
            if (field.matches()) {
                String value = field.group(2);
                switch (FieldKind.of(field.group(1))) {
                    case BRANCH -> target.branch = target.branch == null ? value : target.branch;
                    case TASKS -> target.tasks.add(value);
                    case FILES -> target.files.add(value);
                    case DEPENDENCIES -> target.dependencies.add(new DraftWorkstream.DependencyRef(value, line));
                    default -> { }
                }
                continue;
            }
            Matcher checkout = CHECKOUT_BRANCH.matcher(text);
            if (checkout.find() && target.branch == null) {
                target.branch = checkout.group(1);
            }
        }
    }
}
