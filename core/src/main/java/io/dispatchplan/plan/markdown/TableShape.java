package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import io.dispatchplan.plan.DraftWorkstream.DependencyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Node;

/**
 * Workstreams as table rows, found by a dependency column: {@code | Workstream | Depends on | ... |}
 * ("Depends on", "Dependencies", "Blocked by", "Can start after"). Other columns are read by their header:
 * title/description, branch, files, estimate, label, phase.
 */
final class TableShape implements PlanShape {
    private static final Pattern DEPENDENCY_HEADER = Pattern.compile(
            "(?i).*(depend|blocked\\s+by|blocker|can\\s+start\\s+after|starts?\\s+after|requires|prerequisite|precondition"
                    + "|wait|needs).*|(?i)after");
    /** A column of numbers the plan refers to rows by: {@code #}, {@code No.}, {@code Number}. */
    private static final Pattern CODE_HEADER = Pattern.compile("(?i)^(#|no\\.?|nr\\.?|num(ber)?|№|n°)$");
    /** {@code A — Timeout and retry}, {@code B: Circuit breaker}, {@code 3. Reports}: a code, then the name. */
    private static final Pattern CODE_AND_NAME = Pattern.compile(
            "^#?([A-Z][0-9]*|[0-9]+)\\s*(?:[:.)]|\\s[-–—]|[–—])\\s*(\\S.*)$");
    private static final Pattern KEYWORD_HEADER = Pattern.compile("(?i)^(" + Keywords.WORDS + ")s?$");
    private static final Pattern NAME_HEADER = Pattern.compile(
            "(?i)^(work\\s*stream|stream|track|spec|id|name|task|item|component|lane|team|developer|agent|feature|epic)s?$");
    private static final Pattern TITLE_HEADER = Pattern.compile("(?i)^(title|description|focus|summary|scope|goal|what|mission)$");
    private static final Pattern BRANCH_HEADER = Pattern.compile("(?i)^(git\\s+)?branch$");
    private static final Pattern FILES_HEADER = Pattern.compile("(?i)^(key\\s+)?(files?|paths?)$");
    private static final Pattern ESTIMATE_HEADER = Pattern.compile("(?i)^(estimate|effort|size|duration|days|hours|points)$");
    private static final Pattern LABEL_HEADER = Pattern.compile("(?i)^(label|agent\\s+label|node|runs\\s+on)$");
    private static final Pattern PHASE_HEADER = Pattern.compile("(?i)^(phase|wave)$");

    @Override
    public String looksLike() {
        return "a table with a dependency column ('| Workstream | Depends on |', 'Blocked by', 'Can start after'),"
                + " rows named 'api' or 'A — Timeout and retry', and a '#' column if rows are referred to by number";
    }

    @Override
    public String writtenAs() {
        return "rows of a table with a dependency column";
    }

    @Override
    public List<DraftWorkstream> find(MarkdownDocument document) {
        for (Section section : document.root.flatten()) {
            for (Node node : section.body) {
                if (node instanceof TableBlock table) {
                    List<DraftWorkstream> rows = fromTable(table);
                    if (rows.size() >= 2) {
                        return rows;
                    }
                }
            }
        }
        return List.of();
    }

    private static List<DraftWorkstream> fromTable(TableBlock table) {
        List<String> header = new ArrayList<>();
        List<TableRow> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                if (part instanceof TableHead && row instanceof TableRow headRow) {
                    header = cells(headRow);
                } else if (part instanceof TableBody && row instanceof TableRow bodyRow) {
                    rows.add(bodyRow);
                }
            }
        }
        int dependencyColumn = column(header, DEPENDENCY_HEADER);
        if (dependencyColumn < 0) {
            return List.of();
        }
        int codeColumn = column(header, CODE_HEADER);
        int nameColumn = column(header, NAME_HEADER);
        if (nameColumn < 0) {
            nameColumn = dependencyColumn == 0 ? 1 : 0;
            if (nameColumn == codeColumn) {
                nameColumn = nameColumn + 1 == dependencyColumn ? nameColumn + 2 : nameColumn + 1;
            }
        }
        Matcher headerKeyword = KEYWORD_HEADER.matcher(cell(header, nameColumn).replace("*", "").strip());
        String columnKeyword = headerKeyword.matches() ? Keywords.normalize(headerKeyword.group(1)) : null;
        int titleColumn = column(header, TITLE_HEADER);
        int branchColumn = column(header, BRANCH_HEADER);
        int filesColumn = column(header, FILES_HEADER);
        int estimateColumn = column(header, ESTIMATE_HEADER);
        int labelColumn = column(header, LABEL_HEADER);
        int phaseColumn = column(header, PHASE_HEADER);

        List<DraftWorkstream> found = new ArrayList<>();
        for (TableRow row : rows) {
            List<String> cells = cells(row);
            String name = cell(cells, nameColumn);
            if (name.isBlank()) {
                continue;
            }
            name = Keywords.withoutMarker(name);
            DraftWorkstream draft = new DraftWorkstream(name, MarkdownDocument.lineOf(row) > 0
                    ? MarkdownDocument.lineOf(row) : MarkdownDocument.lineOf(table));
            Matcher keyword = Keywords.KEYWORD_CODE_TITLE.matcher(name);
            Matcher coded = CODE_AND_NAME.matcher(name);
            if (keyword.matches()) {
                draft.keyword = Keywords.normalize(keyword.group(1));
                draft.code = keyword.group(2).toUpperCase(Locale.ROOT);
                draft.name = Keywords.capitalized(draft.keyword) + " " + draft.code;
                draft.title = keyword.group(3);
            } else if (coded.matches()) {
                // "A — Timeout and retry" under a "Workstream" column is Workstream A; under "Name" it is its name
                draft.code = coded.group(1);
                draft.title = coded.group(2).strip();
                draft.keyword = columnKeyword;
                draft.name = columnKeyword != null ? Keywords.capitalized(columnKeyword) + " " + draft.code : draft.title;
            }
            String code = cell(cells, codeColumn).replaceFirst("^#\\s*", "").strip();
            if (draft.code == null && code.matches("[A-Za-z]?[0-9]+|[A-Z]")) {
                draft.code = code;
            }
            String title = cell(cells, titleColumn);
            if (!title.isBlank()) {
                draft.title = draft.title == null || draft.title.isBlank() ? title : draft.title;
                draft.focus = title;
            } else if (draft.title == null) {
                draft.title = draft.name; // "Parse CSV files", not its id
            }
            String dependencies = cell(cells, dependencyColumn);
            if (!dependencies.isBlank()) {
                draft.dependencies.add(new DependencyRef(dependencies, draft.line));
            }
            String branch = cell(cells, branchColumn).replace("`", "").strip();
            draft.branch = branch.isBlank() ? null : branch;
            for (String file : Field.COMMA.split(cell(cells, filesColumn))) {
                if (!file.isBlank()) {
                    draft.files.add(file.replace("`", "").strip());
                }
            }
            Estimates.parse(cell(cells, estimateColumn)).ifPresent(e -> draft.estimate = e);
            String label = cell(cells, labelColumn).replace("`", "").strip();
            draft.label = label.isBlank() ? null : label;
            Matcher phase = Pattern.compile("(\\d+)").matcher(cell(cells, phaseColumn));
            if (phase.find()) {
                draft.notePhase(Integer.parseInt(phase.group(1)));
            }
            found.add(draft);
        }
        return found;
    }

    private static List<String> cells(TableRow row) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            cells.add(MarkdownText.plain(cell).strip());
        }
        return cells;
    }

    private static int column(List<String> header, Pattern pattern) {
        for (int i = 0; i < header.size(); i++) {
            if (pattern.matcher(header.get(i).replace("*", "").strip()).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> cells, int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : "";
    }
}
