package io.dispatchplan.plan.markdown;

import io.dispatchplan.plan.DraftWorkstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;

/**
 * Workstreams as bullets with a bold label: {@code - **Stream A** (Backend): REST API. Depends on: none}.
 * A label naming a keyword and code is enough; any other bold label counts in a list where a "Depends on:"
 * style phrase follows one of its labels, and only when the plan has two or more such bullets, so bullets
 * of prose are not mistaken for a plan. The count is over the whole plan, not per list: a phase often
 * holds a single workstream.
 */
final class BoldBulletShape implements PlanShape {

    @Override
    public String looksLike() {
        return "bullets with a bold label such as '- **Stream A** (Backend): REST API. Depends on: none'";
    }

    @Override
    public String writtenAs() {
        return "bold bullets ('- **Name**: description. Depends on: ...')";
    }

    @Override
    public List<DraftWorkstream> find(MarkdownDocument document) {
        List<DraftWorkstream> found = new ArrayList<>();
        for (ListBlock list : document.lists()) {
            found.addAll(fromList(list));
        }
        if (found.stream().filter(d -> d.keyword == null).count() < 2) {
            found.removeIf(d -> d.keyword == null);
        }
        return found;
    }

    private static List<DraftWorkstream> fromList(ListBlock list) {
        List<DraftWorkstream> named = new ArrayList<>();
        List<DraftWorkstream> plain = new ArrayList<>();
        for (BoldBullet bullet : bullets(list)) {
            if (bullet.named()) {
                named.add(bullet.toDraft());
            } else if (!bullet.colonInside()) {
                plain.add(bullet.toDraft());
            }
        }
        if (!named.isEmpty()) {
            return named;
        }
        return plain.stream().anyMatch(d -> !d.dependencies.isEmpty()) ? plain : List.of();
    }

    static List<BoldBullet> bullets(ListBlock list) {
        List<BoldBullet> bullets = new ArrayList<>();
        for (ListItem item : MarkdownText.items(list)) {
            BoldBullet.of(item).ifPresent(bullets::add);
        }
        return bullets;
    }

    /** Why a bold bullet of {@code list} is not among the workstreams this shape found, with the fix. */
    static String whyNotRead(BoldBullet bullet, ListBlock list) {
        List<BoldBullet> neighbours = bullets(list);
        Optional<BoldBullet> named = neighbours.stream().filter(BoldBullet::named).findFirst();
        if (bullet.colonInside()) {
            return "the colon is inside the bold, which is how fields are written ('**Owner:** Bob')."
                    + " Write '- **" + bullet.label.replaceAll(":$", "") + "**: ...' to read it as a workstream.";
        }
        if (named.isPresent()) {
            return "the other bullets of its list are named by a keyword and code ('" + named.get().shown() + "')."
                    + " Name it the same way, or move it to a list of its own.";
        }
        if (neighbours.stream().noneMatch(b -> !b.colonInside() && !b.toDraft().dependencies.isEmpty())) {
            return "no bullet of its list says what it depends on. Add 'Depends on: none' (or what it depends on)"
                    + " to read it as a workstream.";
        }
        return "it is the plan's only bold bullet without a keyword ('Stream A'); such bullets count from two on."
                + " Name it by a keyword and code to read it as a workstream.";
    }
}
