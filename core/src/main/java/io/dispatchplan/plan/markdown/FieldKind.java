package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.Spaces;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** What a labelled line ({@code **Dependencies**: ...}) or a sub-heading ({@code #### Tasks}) carries. */
enum FieldKind {
    DEPENDENCIES("dependenc(y|ies)|depends?\\s+on|dependent\\s+on|blocked\\s+by|blockers|requires|needs"
            + "|prerequisites?|preconditions?|can\\s+start\\s+after|starts?\\s+after|waits?\\s*for|after"),
    FILES("(key\\s+)?files?|paths?|key\\s+files?\\s+to\\s+(create|modify)"),
    FOCUS("focus|mission|your\\s+mission|goal|objective|description|summary|scope|purpose"),
    TASKS("tasks?|checklist|implementation\\s+checklist|to\\s*do|todo|work\\s+items|steps"),
    DELIVERABLES("deliverables?|outputs?|success\\s+criteria|definition\\s+of\\s+done"),
    BRANCH("branch|git\\s+branch"),
    ESTIMATE("estimate|effort|duration|size|time\\s+estimate"),
    LABEL("label|agent\\s+label|node\\s+label|runs\\s+on"),
    TIMEOUT("timeout|timeout\\s+minutes"),
    OTHER("");

    private final Pattern pattern;

    FieldKind(String regex) {
        this.pattern = Pattern.compile("(?i)^(" + regex + ")$");
    }

    /** Labels already classified: a plan repeats the same few ("Depends on", "Tasks") for every workstream. */
    private static final Map<String, FieldKind> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 1024;

    static FieldKind of(String label) {
        FieldKind known = KNOWN.get(label);
        if (known == null) {
            known = classify(label);
            if (KNOWN.size() < MAX_KNOWN) {
                KNOWN.put(label, known);
            }
        }
        return known;
    }

    private static FieldKind classify(String label) {
        StringBuilder unmarked = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c != '*' && c != '_' && c != '`' && c != ':') {
                unmarked.append(c);
            }
        }
        String normalized = Spaces.collapse(unmarked).toLowerCase(Locale.ROOT).strip();
        for (FieldKind kind : values()) {
            if (kind != OTHER && kind.pattern.matcher(normalized).matches()) {
                return kind;
            }
        }
        return OTHER;
    }
}
