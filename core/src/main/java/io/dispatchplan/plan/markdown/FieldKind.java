package io.dispatchplan.plan.markdown;

import java.util.Locale;
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

    private static final Pattern MARKUP = Pattern.compile("[*_`:]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static FieldKind of(String label) {
        String unmarked = MARKUP.matcher(label.strip()).replaceAll("");
        String normalized = SPACES.matcher(unmarked).replaceAll(" ").toLowerCase(Locale.ROOT).strip();
        for (FieldKind kind : values()) {
            if (kind != OTHER && kind.pattern.matcher(normalized).matches()) {
                return kind;
            }
        }
        return OTHER;
    }
}
