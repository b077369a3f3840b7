package io.dispatchplan.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The canonical plan schema, {@code plan.schema.json} beside this class: the one description of the plan form that
 * the YAML/JSON reader takes its keys from and that {@code --normalize} hands Claude Code as the shape of its answer.
 * Properties marked {@code readOnly} are written by dispatch-plan (the derived {@code waves}, the {@code normalized}
 * note); a model is never asked for them.
 */
public final class PlanSchema {
    public static final String RESOURCE = "plan.schema.json";
    private static final String ID_PREFIX = "urn:dispatch-plan:plan-schema:";
    private static final ObjectNode SCHEMA = load();

    private PlanSchema() {}

    /** The keys a plan may have. */
    public static Set<String> planKeys() {
        return keys(SCHEMA);
    }

    /** The keys a workstream may have. */
    public static Set<String> workstreamKeys() {
        return keys(SCHEMA.path("properties").path("workstreams").path("items"));
    }

    /** The keys of the {@code normalized} note. */
    public static Set<String> normalizedKeys() {
        return keys(SCHEMA.path("properties").path("normalized"));
    }

    /** The version in the schema's {@code $id}; a plan normalized under another version is asked for again. */
    public static int version() {
        return Integer.parseInt(SCHEMA.path("$id").asText().substring(ID_PREFIX.length()));
    }

    /** The schema as a model gets it ({@code --json-schema}): without the properties dispatch-plan writes itself. */
    public static String forModel() {
        ObjectNode copy = SCHEMA.deepCopy();
        dropReadOnly(copy);
        return copy.toString();
    }

    private static void dropReadOnly(JsonNode node) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties instanceof ObjectNode props) {
                props.properties().removeIf(p -> p.getValue().path("readOnly").asBoolean(false));
            }
            node.forEach(PlanSchema::dropReadOnly);
        }
    }

    private static Set<String> keys(JsonNode objectSchema) {
        Set<String> keys = new LinkedHashSet<>();
        objectSchema.path("properties").properties().forEach(p -> keys.add(p.getKey()));
        return Set.copyOf(keys);
    }

    /** Read with the plan reader's own YAML/JSON parser: an ObjectMapper would add its start-up to every first read. */
    private static ObjectNode load() {
        try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the dispatch-plan jar");
            }
            JsonNode schema = YamlTree.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE).root();
            if (!(schema instanceof ObjectNode object) || !schema.path("$id").asText().startsWith(ID_PREFIX)) {
                throw new IllegalStateException(RESOURCE + " has no $id of the form " + ID_PREFIX + "<version>");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the dispatch-plan jar", e);
        } catch (PlanException e) {
            throw new IllegalStateException(RESOURCE + " in the dispatch-plan jar is not JSON: " + e.getMessage(), e);
        }
    }
}
