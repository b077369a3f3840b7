package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.commonmark.node.Node;

/**
 * Notes the first phase a plan schedules each workstream in ("### Phase 2: Core" sections that name it,
 * or that contain its definition). Phases order the plan in time, so they decide which edge of a
 * dependency cycle goes against the plan's own intent.
 */
final class Phases {
    private Phases() {}

    static void assign(MarkdownDocument document, List<DraftWorkstream> drafts) {
        for (Section section : document.sections()) {
            Matcher phase = Keywords.PHASE.matcher(section.title);
            if (!Keywords.mayNamePhase(section.title) || !phase.find()) {
                continue;
            }
            int number = Integer.parseInt(phase.group(1));
            String text = " " + sectionText(section).toLowerCase(Locale.ROOT) + " ";
            for (DraftWorkstream draft : drafts) {
                if (draft.phase != null && draft.phase <= number) {
                    continue; // only the first phase counts: nothing to look for
                }
                boolean definedInside = draft.line >= section.line && draft.line <= section.endLine;
                if (definedInside || mentions(text, draft)) {
                    draft.notePhase(number);
                }
            }
        }
    }

    private static boolean mentions(String text, DraftWorkstream draft) {
        List<String> names = new ArrayList<>();
        if (draft.name != null && draft.name.length() >= 3 && !draft.name.equals(draft.code)) {
            names.add(draft.name);
        }
        if (draft.keyword != null && draft.code != null) {
            names.add(draft.keyword + " " + draft.code);
        }
        for (String name : names) {
            if (containsWord(text, name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} stands in the text with no letter, digit, {@code _} or {@code -} right before or after it. */
    static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int after = at + word.length();
            if ((at == 0 || !isWordOrDash(text.charAt(at - 1))) && (after == text.length() || !isWordOrDash(text.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    /** Regex {@code [\\w-]}: ASCII letters, digits, underscore, dash. */
    private static boolean isWordOrDash(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static String sectionText(Section section) {
        StringBuilder out = new StringBuilder(section.title).append('\n');
        for (Node node : section.body) {
            out.append(MarkdownText.plain(node)).append('\n');
        }
        for (Section child : section.children) {
            out.append(sectionText(child));
        }
        return out.toString();
    }
}
