package io.dispatchplan.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.worktree.DeliveredDependency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {
    @TempDir
    Path dir;

    @Test
    void tasksCarryTheChecklistFilesAndWhatDependenciesDelivered() throws Exception {
        Plan plan = Plans.seed("seed-003-tracks.md", PlanOptions.defaults());
        TaskFiles files = new TaskFiles(plan, TaskTemplates.builtIn());
        Map<String, String> results = Map.of("track-a", "# Results\n\nCompose file validated; `make up` starts it all.\n");

        List<DeliveredDependency> delivered = List.of(
                new DeliveredDependency("track-a", "seed-003-tracks/track-a", "a".repeat(40), "c".repeat(40), false),
                new DeliveredDependency("track-b", "seed-003-tracks/track-b", "b".repeat(40), null, true));

        String tasks = files.tasks("track-c", id -> Optional.ofNullable(results.get(id)), "/w/COORDINATION.md", delivered);

        assertThat(tasks).startsWith("# Tasks: Service Clients")
                .contains("workstream **track-c** of the feature **seed-003-tracks**, on branch `seed-003-tracks/track-c`")
                .contains("Redis, RabbitMQ, Vault client implementations")
                .contains("- [ ] C.1 Redis client\n- [ ] C.2 RabbitMQ client")
                .contains("their code is already in your worktree")
                .contains("### `track-a`: Infrastructure & Services\n\nIts branch `seed-003-tracks/track-a` at commit `"
                        + "a".repeat(12) + "` is merged into your branch (merge commit `" + "c".repeat(12) + "`).\n\n> # Results")
                .contains("> Compose file validated; `make up` starts it all.")
                .contains("### `track-b`: Core Python Framework\n\nIts branch `seed-003-tracks/track-b` at commit `"
                        + "b".repeat(12) + "` is in your branch already.\n\n**Unstable:** it finished without a RESULTS.md")
                .contains("(It left no RESULTS.md")
                .contains("- `track-d`: Agent Framework")
                .contains("- Service client modules")
                .contains("/w/COORDINATION.md")
                .contains("Write `RESULTS.md`")
                .doesNotContain("{{");
    }

    @Test
    void aWorkstreamWithoutDependenciesCanStartRightAway() throws Exception {
        Plan plan = Plans.seed("seed-004-strategies.md", PlanOptions.defaults());
        String tasks = new TaskFiles(plan, TaskTemplates.builtIn()).tasks("developer-2", id -> Optional.empty(), "C.md", List.of());

        assertThat(tasks).contains("None: you can start right away.")
                .contains("- [ ] T007-T012 (Unit/Integration tests)")
                .contains("Nothing in this plan waits for your branch.");
    }

    @Test
    void preconditionsAreListedWithTheDependencies() throws Exception {
        Plan plan = Plans.seed("preconditions.md", PlanOptions.defaults());
        TaskFiles files = new TaskFiles(plan, TaskTemplates.builtIn());

        String ledger = files.tasks("stream-a", id -> Optional.empty(), "C.md", List.of());
        String invoices = files.tasks("stream-b", id -> Optional.empty(), "C.md", List.of());

        assertThat(ledger).contains("## Dependencies\n\nNo workstream of this plan comes before you.\n\n**Preconditions**"
                + " (the plan names them; nothing checked them, so make sure they hold before you build on them):\n\n"
                + "- RFC approved\n").doesNotContain("you can start right away");
        assertThat(invoices).contains("- design sign-off");
        assertThat(files.tasks("stream-a", id -> Optional.empty(), "C.md", List.of()))
                .doesNotContain("{{");
    }

    @Test
    void longResultsAreCutToASummary() {
        String results = "line\n".repeat(100);
        String summary = TaskFiles.summary(results);
        assertThat(summary.lines()).hasSize(TaskFiles.SUMMARY_LINES + 1);
        assertThat(summary).endsWith("> ... (60 more lines in its RESULTS.md)");
    }

    @Test
    void aRepositoryCanOverrideTheTemplates() throws Exception {
        Files.createDirectories(dir.resolve(".dispatch-plan"));
        Files.writeString(dir.resolve(".dispatch-plan/TASKS.md.template"), "Do {{title}} on {{branch}}. {{unknown}}\n");
        Plan plan = Plans.yaml("workstreams: [{id: api, title: The API}]");

        TaskFiles files = new TaskFiles(plan, TaskTemplates.from(dir));
        Path written = files.writeTasks(dir, "api", id -> Optional.empty(), dir.resolve("COORDINATION.md"), List.of());

        assertThat(Files.readString(written)).isEqualTo("Do The API on plan/api. {{unknown}}\n");
        assertThat(TaskTemplates.from(dir).coordination()).isEqualTo(TaskTemplates.builtIn().coordination());
    }

    @Test
    void coordinationIsWrittenOnceAndThenLeftToTheWorkers() throws Exception {
        Plan plan = Plans.seed("seed-004-strategies.md", PlanOptions.defaults());
        TaskFiles files = new TaskFiles(plan, TaskTemplates.builtIn());
        Path file = files.writeCoordination(dir.resolve("COORDINATION.md"));
        assertThat(Files.readString(file)).contains("| developer-1 | Handler & Backend | `feature/phase1-handlers` | - |");

        Files.writeString(file, "worker notes\n", java.nio.file.StandardOpenOption.APPEND);
        files.writeCoordination(file);
        assertThat(Files.readString(file)).endsWith("worker notes\n");
    }
}
