package io.dispatchplan.plan;

import io.dispatchplan.plan.markdown.MarkdownPlanReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The one entry point for reading a plan in any supported form. */
public final class PlanReader {
    private PlanReader() {}

    public static Plan read(Path file, PlanOptions options) throws IOException, PlanException {
        if (!Files.isRegularFile(file)) {
            throw new PlanException(file.toString(), "no such plan file. Check the path (it is relative to the"
                    + " current directory, or to the repository for Jenkins).");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), options);
    }

    /**
     * Reads a plan from its text.
     *
     * @param sourceName file name or description, for messages and the default feature name
     */
    public static Plan parse(String text, String sourceName, PlanOptions options) throws PlanException {
        String name = sourceName == null ? "" : sourceName.toLowerCase(Locale.ROOT);
        boolean canonical = name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")
                || (!name.endsWith(".md") && !name.endsWith(".markdown") && CanonicalPlanReader.looksCanonical(text));
        PlanDraft draft = canonical
                ? CanonicalPlanReader.read(text, sourceName)
                : MarkdownPlanReader.read(text, sourceName);
        return PlanAssembler.assemble(draft, sourceName, options);
    }
}
