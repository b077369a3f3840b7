package io.dispatchplan.git;

/**
 * The commit every workstream of a run starts from, resolved once.
 *
 * @param ref what was asked for (a branch, tag or sha; {@code HEAD} for the remote's default branch)
 * @param sha the full commit id it resolved to
 */
public record BaseCommit(String ref, String sha) {
}
