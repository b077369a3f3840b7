package io.dispatchplan.worker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Claude Code session ids: a name-based (version 5, SHA-1) UUID of job + feature + workstream, so the same
 * workstream of the same job gets the same id on every run and a re-run resumes its conversation.
 */
public final class SessionIds {

    /** The namespace of dispatch-plan's names (the v5 UUID of "dispatch-plan" in RFC 4122's URL namespace). */
    static final UUID NAMESPACE = UUID.fromString("ee66898e-2991-57ef-8836-28a702cfcc32");

    private SessionIds() {
    }

    /**
     * @param job the job (Jenkins full job name, or the CLI's repository path); may be empty, never null
     * @param feature the plan's feature slug
     * @param workstreamId the workstream's id
     */
    public static UUID forWorkstream(String job, String feature, String workstreamId) {
        // Length-prefixed parts: ("a:b", "c") and ("a", "b:c") must not collide.
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        for (String part : new String[] {
                Objects.requireNonNull(job, "job"),
                Objects.requireNonNull(feature, "feature"),
                Objects.requireNonNull(workstreamId, "workstreamId")}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            name.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            name.writeBytes(bytes);
        }
        return nameBased(NAMESPACE, name.toByteArray());
    }

    /** RFC 4122 version 5: SHA-1 of namespace + name, with the version and variant bits set. */
    static UUID nameBased(UUID namespace, byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
