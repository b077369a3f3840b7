package io.dispatchplan.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of the worker's secret variables (the API key, and any the user names), so that nothing the run prints,
 * writes or commits carries them: text is masked, files are rewritten masked, and content holding one is found.
 * The values themselves are never logged or written; only the variable names are.
 */
public final class Secrets {
    /** Variables that always hold secrets when set. */
    public static final List<String> ALWAYS = List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
            "CLAUDE_CODE_OAUTH_TOKEN");
    /** Shorter values are not treated as secrets: masking "1" or "true" everywhere would garble every report. */
    static final int SHORTEST = 8;
    public static final String MASK = "****";

    public static final Secrets NONE = new Secrets(Map.of());

    /** Variable name to value. */
    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The values of {@link #ALWAYS} and {@code names}, from {@code given} (the worker's own variables) or else this
     * process's environment.
     */
    public static Secrets of(Collection<String> names, Map<String, String> given, Map<String, String> environment) {
        Map<String, String> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(ALWAYS);
        all.addAll(names);
        for (String name : all) {
            String value = given.containsKey(name) ? given.get(name) : environment.get(name);
            if (value != null && value.strip().length() >= SHORTEST) {
                found.put(name, value.strip());
            }
        }
        return new Secrets(found);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every secret value (also as JSON writes it) replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : values.values()) {
            masked = masked.replace(value, MASK);
            String escaped = jsonEscaped(value);
            if (!escaped.equals(value)) {
                masked = masked.replace(escaped, MASK);
            }
        }
        return masked;
    }

    /** The name of the first variable whose value {@code content} holds. */
    public Optional<String> foundIn(byte[] content) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (indexOf(content, e.getValue().getBytes(StandardCharsets.UTF_8)) >= 0) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The name of the first variable whose value the regular file holds; empty for links and missing files. */
    public Optional<String> foundIn(Path file) {
        if (values.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return foundIn(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Rewrites each regular file that holds a secret with the secret masked (links are left alone). */
    public void maskFiles(Path... files) {
        for (Path file : files) {
            if (file != null && foundIn(file).isPresent()) {
                try {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    Files.writeString(file, mask(text), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not mask a secret in " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet(); // names only, never values
    }
}
