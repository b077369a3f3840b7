package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.ListBlock;

/**
 * Workstreams as plain list items: a checklist or GitHub-issue task list ({@code - [ ] #12 Sync queue (depends on
 * #11)}), numbered checklist items ({@code - [ ] 2. Validate rows. Blocked by: 1}), or items led by a keyword and code
 * ({@code - Workstream 2: API (depends on Workstream 1)}). A list counts when one of its items says what it depends
 * on ("none" included), and the plan needs two or more such items in all, so a phase may hold a single one.
 */
final class ListItemShape implements PlanShape {

    @Override
    public String looksLike() {
        return "list items that say what they depend on: a task list ('- [ ] #12 Sync queue (depends on #11)',"
                + " '- [ ] 2. Validate rows. Blocked by: 1'), or '- Workstream 2: API (depends on Workstream 1)'";
    }

    @Override
    public String writtenAs() {
        return "list items ('- [ ] #12 Title (depends on #11)')";
    }

    @Override
    public List<DraftWorkstream> find(MarkdownDocument document) {
        List<DraftWorkstream> found = new ArrayList<>();
        for (ListBlock list : document.lists()) {
            read(list).forEach(item -> found.add(item.toDraft()));
        }
        return found.size() >= 2 ? found : List.of();
    }

    /** The items of the list this shape reads: all that are written like workstreams, if one says what it depends on. */
    static List<ListedItem> read(ListBlock list) {
        List<ListedItem> items = ListedItem.of(list);
        return items.stream().anyMatch(ListedItem::statesDependencies) ? items : List.of();
    }
}
