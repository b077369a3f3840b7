package io.dispatchplan.plan;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.plan.markdown.MarkdownPlanReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The one entry point for reading a plan in any supported form. */
public final class PlanReader {
    private PlanReader() {}

    /** The largest plan file read; anything bigger is not a plan someone wrote. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /** Reads a plan file; one that is a symbolic link is refused, never followed. */
    public static Plan read(Path file, PlanOptions options) throws IOException, PlanException {
        return read(file.toAbsolutePath().getParent(), file, options);
    }

    /**
     * Reads a plan file below {@code root} (a checkout: repository content is untrusted), refusing a symbolic link at
     * the file or at any directory between the root and it.
     */
    public static Plan read(Path root, Path file, PlanOptions options) throws IOException, PlanException {
        return parse(text(root, file), file.toString(), options);
    }

    /** The file's text, or a {@link PlanException} that says why it is not a readable plan file. */
    public static String text(Path root, Path file) throws IOException, PlanException {
        String source = file.toString();
        SafeFiles.Kind kind;
        try {
            kind = SafeFiles.kind(root, file.toAbsolutePath());
        } catch (UnsafePathException e) {
            throw new PlanException(source, e.getMessage());
        }
        if (kind == SafeFiles.Kind.LINK) {
            throw new PlanException(source, "this is a symbolic link (to " + Files.readSymbolicLink(file) + ");"
                    + " dispatch-plan does not follow links to read a plan. Give the path of the plan file itself.");
        }
        if (Files.isDirectory(file)) {
            throw new PlanException(source, "this is a directory, not a plan file. Give the path of the plan"
                    + " itself, e.g. " + file.resolve("plan.md") + ".");
        }
        if (!Files.exists(file)) {
            throw new PlanException(source, "no such plan file. Check the path (it is relative to the"
                    + " current directory, or to the repository for Jenkins).");
        }
        if (!Files.isRegularFile(file)) {
            throw new PlanException(source, "not a regular file (a device or a pipe?). Give the path of a plan"
                    + " file.");
        }
        if (!Files.isReadable(file)) {
            throw new PlanException(source, "cannot read the plan file: permission denied. Check its permissions.");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new PlanException(source, size + " bytes, more than the " + MAX_FILE_BYTES + " a plan file may"
                    + " have. Is this the right file? Split a plan this big into several.");
        }
        try {
            return decode(SafeFiles.readBytes(root, file.toAbsolutePath()).orElseThrow(() -> new PlanException(source, "no such plan"
                    + " file (it went while being read).")), source);
        } catch (UnsafePathException e) {
            throw new PlanException(source, e.getMessage());
        }
    }

    /** Strict UTF-8: a binary or otherwise-encoded file gets a message naming it, not a decoder's exception. */
    static String decode(byte[] bytes, String source) throws PlanException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new PlanException(source, "not UTF-8 text (byte 0x" + String.format("%02x", bytes[offset] & 0xff)
                    + " at offset " + offset + "). A plan is Markdown, YAML or JSON text in UTF-8; if this is a text"
                    + " file in another encoding, save it as UTF-8.");
        }
        decoder.flush(out);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new PlanException(source, "not a text file (it contains NUL bytes, at offset " + i + ")."
                        + " A plan is Markdown, YAML or JSON text; if this is UTF-16, save it as UTF-8.");
            }
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Reads a plan from its text.
     *
     * @param sourceName file name or description, for messages and the default feature name
     */
    public static Plan parse(String text, String sourceName, PlanOptions options) throws PlanException {
        PlanDraft draft = isCanonical(text, sourceName)
                ? CanonicalPlanReader.read(text, sourceName)
                : MarkdownPlanReader.read(text, sourceName);
        return PlanAssembler.assemble(draft, sourceName, options);
    }

    /** Whether the plan is in the canonical YAML/JSON form (by its name, else by its look) rather than Markdown. */
    public static boolean isCanonical(String text, String sourceName) {
        String name = sourceName == null ? "" : sourceName.toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")
                || (!name.endsWith(".md") && !name.endsWith(".markdown") && CanonicalPlanReader.looksCanonical(text));
    }
}
