package io.jenkins.plugins.dispatchplan.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.git.GitException;
import io.dispatchplan.testsupport.TempRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** readDispatchPlan given {@code repository:} instead of a checkout, against real repositories. */
class RepositoryPlanSourceTest {
    @TempDir
    Path tmp;

    @Test
    void pinsTheDefaultBranchAndReadsThePlanAsItIsThere() {
        TempRepo origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("plans/p.yaml", "workstreams: [{id: a}]\n"));

        RepositoryPlanSource.Found found = new RepositoryPlanSource(tmp.resolve("cache"), null)
                .read(origin.fileUrl(), null, "plans/p.yaml");

        assertThat(found.sha).isEqualTo(origin.head());
        assertThat(found.text).isEqualTo("workstreams: [{id: a}]");
    }

    @Test
    void aNamedBaseBranchGivesItsCommitAndItsVersionOfThePlan() {
        TempRepo origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("plan.yaml", "workstreams: [{id: a}]\n"));
        String mainHead = origin.head();
        origin.branch("develop").checkout("develop");
        String developHead = origin.commitFile("plan.yaml", "workstreams: [{id: a}, {id: b}]\n", "add b");
        origin.checkout(mainHead);

        RepositoryPlanSource source = new RepositoryPlanSource(tmp.resolve("cache"), null);
        RepositoryPlanSource.Found found = source.read(origin.fileUrl(), "develop", "./plan.yaml");

        assertThat(found.sha).isEqualTo(developHead).isNotEqualTo(mainHead);
        assertThat(found.text).contains("{id: b}");
        assertThat(source.read(origin.fileUrl(), "develop", null).text).as("commit only").isNull();
    }

    @Test
    void aMissingPlanFileSaysWhereItLooked() {
        TempRepo origin = TempRepo.initWithFiles(tmp.resolve("origin"), Map.of("README.md", "x\n"));

        assertThatThrownBy(() -> new RepositoryPlanSource(tmp.resolve("cache"), null).read(origin.fileUrl(), null, "specs/nope.md"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("no plan file specs/nope.md in ")
                .hasMessageEndingWith("; the path is relative to the repository root");
    }
}
