package io.dispatchplan.tasks;

import io.dispatchplan.files.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates for TASKS.md and COORDINATION.md: the built-in ones, or a repository's own in
 * {@code .dispatch-plan/TASKS.md.template} and {@code .dispatch-plan/COORDINATION.md.template}.
 * Placeholders are {@code {{name}}}; an unknown one is left as written.
 */
public record TaskTemplates(String tasks, String coordination) {
    public static final String OVERRIDE_DIR = ".dispatch-plan";
    public static final String TASKS_TEMPLATE = "TASKS.md.template";
    public static final String COORDINATION_TEMPLATE = "COORDINATION.md.template";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    public static TaskTemplates builtIn() {
        return new TaskTemplates(resource(TASKS_TEMPLATE), resource(COORDINATION_TEMPLATE));
    }

    /**
     * The repository's templates where it has them (in its checked-out tree), else the built-in ones. A template, or
     * {@code .dispatch-plan}, that is a symbolic link is an {@link io.dispatchplan.files.UnsafePathException}.
     */
    public static TaskTemplates from(Path checkout) {
        TaskTemplates builtIn = builtIn();
        return new TaskTemplates(
                read(checkout, Path.of(OVERRIDE_DIR, TASKS_TEMPLATE), builtIn.tasks()),
                read(checkout, Path.of(OVERRIDE_DIR, COORDINATION_TEMPLATE), builtIn.coordination()));
    }

    /** Fills {@code {{name}}} placeholders; values are inserted as they are (plain Markdown text for a worker). */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(Path checkout, Path template, String fallback) {
        return SafeFiles.readRegularFile(checkout, template).orElse(fallback);
    }

    private static String resource(String name) {
        try (InputStream in = TaskTemplates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in template " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
