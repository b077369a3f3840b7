package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workstreams as headings: {@code ### Stream A: Title}, {@code ### Track B: ...}, {@code ### Workstream 3:
 * ...} (named by a keyword and a code), and numbered or plain headings whose own body states dependencies
 * ({@code ### 1. **database-schema-completion**} with {@code - **Dependencies**: None}). A heading naming
 * the same keyword and code again (a later "Detailed assignments" part) adds to the first.
 */
final class HeadingShape implements PlanShape {
    static final Pattern NUMBERED = Pattern.compile("^(\\d+)[.)]\\s+(.+)$");

    @Override
    public String looksLike() {
        return "headings naming a workstream ('### Stream A: Title', '### Track B: Title', '### Workstream 3: Title'),"
                + " or numbered headings with a dependencies line ('### 1. api' followed by '- **Dependencies**: None')";
    }

    @Override
    public String writtenAs() {
        return "headings ('### Stream A: Title', '### 1. name')";
    }

    @Override
    public List<DraftWorkstream> find(MarkdownDocument document) {
        Map<String, DraftWorkstream> byKey = new LinkedHashMap<>();
        List<DraftWorkstream> found = new ArrayList<>();
        int strong = 0;
        for (Section section : document.root.children) {
            strong += visit(section, byKey, found);
        }
        return strong > 0 || found.size() >= 2 ? found : List.of();
    }

    /** Returns how many keyword-named workstreams were found at or below the section. */
    private int visit(Section section, Map<String, DraftWorkstream> byKey, List<DraftWorkstream> found) {
        // "Phase 2: Core" groups workstreams in time; it is never one itself.
        boolean phase = Keywords.isPhase(section.title);
        String title = Keywords.withoutMarker(section.title);
        Matcher keyword = Keywords.KEYWORD_CODE_TITLE.matcher(title);
        if (keyword.matches()) {
            String kind = Keywords.normalize(keyword.group(1));
            String code = keyword.group(2).toUpperCase(java.util.Locale.ROOT);
            String key = kind + " " + code;
            DraftWorkstream existing = byKey.get(key);
            if (existing != null) {
                WorkstreamBody.fill(existing, section);
                return 0;
            }
            DraftWorkstream draft = new DraftWorkstream(Keywords.capitalized(kind) + " " + code, section.line);
            draft.keyword = kind;
            draft.code = code;
            String given = keyword.group(3);
            draft.title = given == null || given.isBlank() ? draft.name : given.strip();
            WorkstreamBody.fill(draft, section);
            byKey.put(key, draft);
            found.add(draft);
            return 1;
        }
        if (!phase && WorkstreamBody.declaresDependencies(section)) {
            Matcher numbered = NUMBERED.matcher(title);
            String name = numbered.matches() ? numbered.group(2).strip() : title;
            DraftWorkstream draft = new DraftWorkstream(name, section.line);
            draft.title = name;
            draft.code = numbered.matches() ? numbered.group(1) : null;
            WorkstreamBody.fill(draft, section);
            found.add(draft);
            return 0;
        }
        int strong = 0;
        for (Section child : section.children) {
            strong += visit(child, byKey, found);
        }
        return strong;
    }
}
