package io.dispatchplan.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML (or JSON) document read into a tree the way YAML means it, with the line of every mapping and key:
 * aliases ({@code *name}) are expanded to what their anchor holds and merge keys ({@code <<: *name}) fill in
 * keys, within {@value #MAX_ALIAS_VALUES} values so a small file cannot expand into a huge one; a key given
 * twice in one mapping is an error (a YAML parser would silently keep the last one); size and nesting are
 * limited with messages that say which limit was hit.
 */
final class YamlTree {
    /** Characters a YAML/JSON plan may have (the YAML parser's own default limit). */
    static final int MAX_CHARS = 3 * 1024 * 1024;
    /** Nesting a plan may use; a plan needs four levels (plan, workstreams, workstream, list). */
    static final int MAX_DEPTH = 50;
    /** Values aliases may add in total when expanded. */
    static final int MAX_ALIAS_VALUES = 10_000;

    private static final String MERGE_KEY = "<<";
    private static final YAMLFactory FACTORY = factory();

    private final JsonNode root;
    private final Map<JsonNode, Integer> nodeLines;
    private final Map<JsonNode, Map<String, Integer>> keyLines;

    private YamlTree(JsonNode root, Map<JsonNode, Integer> nodeLines, Map<JsonNode, Map<String, Integer>> keyLines) {
        this.root = root;
        this.nodeLines = nodeLines;
        this.keyLines = keyLines;
    }

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_CHARS + 1);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 10).build())
                .build();
        return factory;
    }

    /** The document's root, null for an empty document. */
    JsonNode root() {
        return root;
    }

    /** The line a mapping or list starts on, 0 when unknown (e.g. a copy made by an alias). */
    int line(JsonNode node) {
        return nodeLines.getOrDefault(node, 0);
    }

    /** The line of {@code key} in {@code mapping}, else the mapping's own line. */
    int line(JsonNode mapping, String key) {
        Integer line = keyLines.getOrDefault(mapping, Map.of()).get(key);
        return line != null ? line : line(mapping);
    }

    static YamlTree read(String text, String source) throws PlanException {
        if (text.length() > MAX_CHARS) {
            throw new PlanException(source, text.length() + " characters, more than the " + MAX_CHARS
                    + " a YAML/JSON plan may have. Split the plan into several, or move long descriptions out of"
                    + " it (a workstream's files and tasks can point at documents in the repository).");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            Builder builder = new Builder((YAMLParser) parser, source);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlTree(null, Map.of(), Map.of());
            }
            JsonNode root = builder.value(0);
            if (parser.nextToken() != null) {
                throw new PlanException(source, lineOf(parser.currentTokenLocation()), "a second YAML document"
                        + " starts here (after a '---' line); a plan is one document and the rest would be ignored."
                        + " Remove the '---' and merge the two, or split them into two plan files.");
            }
            return new YamlTree(root, builder.nodeLines, builder.keyLines);
        } catch (StreamConstraintsException e) {
            JsonLocation where = e.getLocation();
            throw new PlanException(source, where == null ? 0 : where.getLineNr(), "a value is bigger than the YAML"
                    + " reader allows: " + e.getOriginalMessage() + ". No plan needs values this big; shorten it.");
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new PlanException(source, where == null ? 0 : where.getLineNr(),
                    "not valid YAML/JSON: " + e.getOriginalMessage() + ". Fix the syntax (indentation, quotes,"
                            + " brackets) and try again.");
        } catch (IOException e) {
            throw new PlanException(source, "cannot read the plan: " + e.getMessage());
        }
    }

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    /** Builds the tree from the parser's tokens, one value at a time. */
    private static final class Builder {
        private final YAMLParser parser;
        private final String source;
        private final Map<JsonNode, Integer> nodeLines = new IdentityHashMap<>();
        private final Map<JsonNode, Map<String, Integer>> keyLines = new IdentityHashMap<>();
        private final Map<String, Anchored> anchors = new HashMap<>();
        private int aliasValues;

        private record Anchored(JsonNode node, int size) {}

        private record Built(JsonNode node, int size) {}

        Builder(YAMLParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        /** The value at the parser's current token; leaves the parser on its last token. */
        JsonNode value(int depth) throws IOException, PlanException {
            return build(depth).node();
        }

        private Built build(int depth) throws IOException, PlanException {
            int line = lineOf(parser.currentTokenLocation());
            if (parser.isCurrentAlias()) {
                return alias(parser.getText(), line);
            }
            String anchor = parser.getObjectId();
            JsonToken token = parser.currentToken();
            if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
                throw new PlanException(source, line, "nested more than " + MAX_DEPTH + " levels deep, the most a"
                        + " plan may use (a plan needs four: plan, workstreams, workstream, list). Look for an"
                        + " unclosed '[' or '{', or indentation that runs away.");
            }
            Built built = switch (token) {
                case START_OBJECT -> mapping(depth, line);
                case START_ARRAY -> sequence(depth, line);
                default -> new Built(scalar(token), 1);
            };
            if (anchor != null) {
                anchors.put(anchor, new Anchored(built.node(), built.size()));
            }
            return built;
        }

        private Built mapping(int depth, int line) throws IOException, PlanException {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            nodeLines.put(node, line);
            Map<String, Integer> lines = new LinkedHashMap<>();
            keyLines.put(node, lines);
            List<ObjectNode> merges = new ArrayList<>();
            int size = 1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int keyLine = lineOf(parser.currentTokenLocation());
                if (parser.isCurrentAlias()) {
                    throw new PlanException(source, keyLine, "an alias ('*" + parser.getText() + "') cannot be a"
                            + " key; write the key out.");
                }
                String key = parser.currentName();
                parser.nextToken();
                Built value = build(depth + 1);
                size += value.size();
                if (MERGE_KEY.equals(key)) {
                    merges.addAll(mergeSources(value.node(), keyLine));
                    continue;
                }
                Integer first = lines.putIfAbsent(key, keyLine);
                if (first != null) {
                    throw new PlanException(source, keyLine, "duplicate key '" + key + "' (first at line " + first
                            + "). A key can appear once in a mapping; a YAML reader would silently keep only the last"
                            + " one. Remove one, or merge the two into one list.");
                }
                node.set(key, value.node());
            }
            for (ObjectNode merged : merges) {
                merged.properties().forEach(entry -> {
                    if (!node.has(entry.getKey())) {
                        node.set(entry.getKey(), entry.getValue());
                        lines.put(entry.getKey(), keyLines.getOrDefault(merged, Map.of()).getOrDefault(entry.getKey(),
                                line));
                    }
                });
            }
            return new Built(node, size);
        }

        private List<ObjectNode> mergeSources(JsonNode value, int line) throws PlanException {
            List<ObjectNode> sources = new ArrayList<>();
            if (value instanceof ObjectNode mapping) {
                sources.add(mapping);
            } else if (value instanceof ArrayNode list) {
                for (JsonNode item : list) {
                    if (!(item instanceof ObjectNode mapping)) {
                        throw new PlanException(source, line, "'<<' merges mappings; every entry of its list must"
                                + " be an alias of a mapping, e.g. <<: [*defaults, *gpu].");
                    }
                    sources.add(mapping);
                }
            } else {
                throw new PlanException(source, line, "'<<' merges a mapping, e.g. <<: *defaults with"
                        + " defaults: &defaults {label: gpu}; here it is given a " + value.getNodeType()
                                .toString().toLowerCase(java.util.Locale.ROOT) + ".");
            }
            return sources;
        }

        private Built sequence(int depth, int line) throws IOException, PlanException {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            nodeLines.put(node, line);
            int size = 1;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Built item = build(depth + 1);
                size += item.size();
                node.add(item.node());
            }
            return new Built(node, size);
        }

        private Built alias(String name, int line) throws PlanException {
            Anchored anchored = anchors.get(name);
            if (anchored == null) {
                throw new PlanException(source, line, "alias '*" + name + "' refers to no anchor. Define '&" + name
                        + "' on a value before this line (e.g. files: &" + name + " [a.py, b.py]), or write the value"
                        + " out.");
            }
            aliasValues += anchored.size();
            if (aliasValues > MAX_ALIAS_VALUES) {
                throw new PlanException(source, line, "aliases expand to more than " + MAX_ALIAS_VALUES + " values,"
                        + " the most a plan may use (the limit keeps a small file from expanding into a huge one)."
                        + " Write the repeated lists out, or use fewer aliases of big values.");
            }
            // A copy, so the line maps keep pointing at where things were written.
            return new Built(anchored.node().deepCopy(), anchored.size());
        }

        private JsonNode scalar(JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
                case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
                case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> JsonNodeFactory.instance.numberNode(parser.getIntValue());
                    case LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
                    default -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
                case VALUE_EMBEDDED_OBJECT -> JsonNodeFactory.instance.pojoNode(parser.getEmbeddedObject());
                default -> JsonNodeFactory.instance.textNode(parser.getText());
            };
        }
    }
}
