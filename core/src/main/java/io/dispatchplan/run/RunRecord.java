package io.dispatchplan.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.Sha;
import java.nio.file.Path;

/** {@code state/run.json}: the run's base commit, recorded before any workstream starts, so a re-run resumes. */
final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRecord() {
    }

    static void write(Path outDir, Path file, String feature, String baseSha) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", 1);
        node.put("feature", feature);
        node.put("baseSha", baseSha);
        SafeFiles.writeRegularFile(outDir, file, node.toString() + "\n");
    }

    static String readBase(Path file) throws RunException {
        String text = PreviousRun.read(file);
        try {
            JsonNode node = JSON.readTree(text);
            String base = node == null ? null : node.path("baseSha").asText(null);
            if (Sha.isFull(base)) {
                return base;
            }
        } catch (JsonProcessingException e) {
            // named below
        }
        throw new RunException("the earlier run's record " + file + " cannot be read (" + (text.isBlank() ? "it is empty"
                : "it holds no base commit") + "). Delete it to start afresh: the branches and their work stay, and"
                + " the next run goes on from them");
    }
}
