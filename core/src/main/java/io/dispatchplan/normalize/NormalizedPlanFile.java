package io.dispatchplan.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.plan.CanonicalPlanReader;
import io.dispatchplan.plan.Normalization;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanAssembler;
import io.dispatchplan.plan.PlanDraft;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.report.PlanJson;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The plan a model wrote from a document, kept beside it as {@code <name>.plan.json} ({@code checkout.md} gives
 * {@code checkout.plan.json}): a file to review and commit, and the cache that spares asking again while the
 * document's text and the schema version are the same.
 */
final class NormalizedPlanFile {
    static final String SUFFIX = ".plan.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NormalizedPlanFile() {}

    static Path beside(Path document) {
        String name = document.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return document.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SUFFIX);
    }

    /**
     * The plan in {@code file} when it was written from exactly this text ({@code sha256}) under today's schema;
     * empty when the model must be asked: there is no file, or it is from an earlier text or schema version. A file
     * there that --normalize did not write from this document is never replaced: that is an error.
     */
    static Optional<Plan> cached(Path root, Path file, Path document, String sha256, PlanOptions options)
            throws PlanException {
        String source = file.toString();
        Optional<String> text;
        try {
            text = SafeFiles.readRegularFile(root, file.toAbsolutePath());
        } catch (UnsafePathException e) {
            throw new PlanException(source, e.getMessage());
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        PlanDraft draft;
        try {
            draft = CanonicalPlanReader.read(text.get(), source);
        } catch (PlanException e) {
            throw notOurs(file, document, "it is not a plan this reads (" + e.problem() + ")");
        }
        Normalization note = draft.normalized;
        if (note == null) {
            throw notOurs(file, document, "it has no 'normalized' note, so a person wrote it");
        }
        String documentName = document.getFileName().toString();
        if (!Path.of(note.from()).getFileName().toString().equals(documentName)) {
            throw notOurs(file, document, "it was normalized from " + note.from());
        }
        if (!note.answers(sha256)) {
            return Optional.empty();
        }
        return Optional.of(PlanAssembler.assemble(draft, source, options));
    }

    private static PlanException notOurs(Path file, Path document, String why) {
        return new PlanException(file.toString(), "--normalize would write the plan of " + document.getFileName()
                + " here, but this file is not one it wrote from that document: " + why + ". It is left as it is."
                + " Run it as a plan of its own, or move it away and normalize again.");
    }

    /**
     * The file's text: the note first, then the plan as the model gave it, with the feature named (the model's,
     * else {@code defaultFeature}) so the file reads back with the same branches when run on its own. A note of the
     * model's own (the schema it was given has none) never replaces this one.
     */
    static String content(Normalization note, ObjectNode answer, String defaultFeature) {
        ObjectNode plan = answer.deepCopy();
        plan.remove("normalized");
        ObjectNode out = JSON.createObjectNode();
        out.set("normalized", PlanJson.normalized(note));
        if (!plan.hasNonNull("feature") && defaultFeature != null) {
            out.put("feature", defaultFeature);
        }
        out.setAll(plan);
        try {
            return JSON.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
