package io.dispatchplan.plan;

import java.util.Objects;

/**
 * The note on a plan a model wrote from a prose document ({@code --normalize}), so a reader of the plan knows it was
 * not written by a person and can check it against its source.
 *
 * @param note what this is and what to do with it, in words
 * @param from the document, as a path relative to its repository (or its file name outside one)
 * @param commit the commit the document was read at; null when it had changes not committed, or no repository
 * @param sourceSha256 the SHA-256 of the document's text (UTF-8), hex: the cache key, with the schema version
 * @param schemaVersion the {@link PlanSchema#version()} the model answered to
 * @param model the model asked for ({@code --model}); null for Claude Code's default
 */
public record Normalization(String note, String from, String commit, String sourceSha256, int schemaVersion,
        String model) {

    public Normalization {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
    }

    /** Whether this plan was written from exactly {@code sha256} under today's schema, so asking again is not needed. */
    public boolean answers(String sha256) {
        return sourceSha256.equals(sha256) && schemaVersion == PlanSchema.version();
    }
}
