package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.Spaces;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code <details><summary>Stream A: Ledger</summary>}: the HTML people use to fold a workstream's details away. */
final class DetailsBlocks {
    private static final Pattern SUMMARY = Pattern.compile("(?is)<details\\b[^>]*>.*?<summary\\b[^>]*>(.*?)</summary\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CLOSE = Pattern.compile("(?i)</details\\s*>");

    private DetailsBlocks() {}

    /** The plain text of the summary of a {@code <details>} block that opens in this HTML, if any. */
    static Optional<String> summary(String html) {
        Matcher m = SUMMARY.matcher(html);
        if (!m.find()) {
            return Optional.empty();
        }
        String text = TAG.matcher(m.group(1)).replaceAll("")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&")
                .transform(Spaces::collapse).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** True when the HTML closes a {@code <details>} block (after the summary it opens, if any). */
    static boolean closes(String html) {
        Matcher summary = SUMMARY.matcher(html);
        int from = summary.find() ? summary.end() : 0;
        return CLOSE.matcher(html).find(from);
    }
}
