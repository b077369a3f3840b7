package io.dispatchplan.git;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.JavaProcess;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCacheTest {

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();

    private TempRepo remote() {
        TempRepo remote = TempRepo.initWithFiles(tmp.resolve("remote"), files("README.md", "hello\n"));
        remote.branch("dev").tag("v1");
        return remote;
    }

    @Test
    void createsOneBareCachePerRemoteWithItsBranchesAndTags() {
        TempRepo remote = remote();
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));

        CachedRepository repo = cache.update(remote.dir().toString());

        assertThat(repo.gitDir().getParent()).isEqualTo(tmp.resolve("cache"));
        assertThat(repo.gitDir().getFileName().toString()).matches("remote-[0-9a-f]{16}\\.git");
        assertThat(git.output(repo.gitDir(), "rev-parse", "--is-bare-repository")).isEqualTo("true");
        assertThat(git.output(repo.gitDir(), "for-each-ref", "--format=%(refname)").split("\n"))
                .containsExactlyInAnyOrder("refs/remotes/origin/HEAD", "refs/remotes/origin/main",
                        "refs/remotes/origin/dev", "refs/tags/v1");
        assertThat(cache.update(remote.dir().toString())).isEqualTo(repo);
        assertThat(cache.directoryFor(remote.fileUrl())).isNotEqualTo(repo.gitDir());
    }

    @Test
    void aUrlThatLooksLikeAnOptionIsNeverPassedToGitAsOne() {
        Path marker = tmp.resolve("pwned");
        String hostile = "--upload-pack=touch " + marker + ":x";

        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));
        assertThatThrownBy(() -> cache.update(hostile)).isInstanceOf(GitException.class)
                .hasMessageContaining("starts with '-'");
        Path bare = tmp.resolve("bare.git");
        git.init(bare, true, null);
        assertThatThrownBy(() -> new CliFetcher(git).fetch(bare, hostile)).isInstanceOf(GitException.class);
        assertThat(marker).doesNotExist();
    }

    @Test
    void eachJobHasItsOwnRefsOverTheSharedObjects() throws Exception {
        TempRepo remote = remote();
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));
        CachedRepository shared = cache.update(remote.dir().toString());
        CachedRepository a = cache.forJob(shared, "team/app");
        CachedRepository b = cache.forJob(shared, "team/app/PR-7");

        git.createBranch(a.gitDir(), "shop/api", remote.head(), false);

        assertThat(a.gitDir()).isNotEqualTo(b.gitDir()).startsWith(cache.root().resolve("jobs"));
        assertThat(git.hasCommit(b.gitDir(), remote.head())).as("objects come from the shared cache").isTrue();
        assertThat(git.branchExists(b.gitDir(), "shop/api")).as("refs do not").isFalse();
        assertThat(git.branchExists(shared.gitDir(), "shop/api")).isFalse();
        try (var packs = Files.list(a.gitDir().resolve("objects/pack"))) {
            assertThat(packs.toList()).as("nothing copied").isEmpty();
        }
        assertThat(cache.forJob(shared, "team/app")).isEqualTo(a);
        assertThat(git.configGet(shared.gitDir(), "gc.pruneExpire")).contains("never");
    }

    @Test
    void worksWithFileUrls() {
        TempRepo remote = remote();
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));

        BaseCommit base = cache.updateAndResolve(remote.fileUrl(), "main");

        assertThat(base.sha()).isEqualTo(remote.head());
    }

    @Test
    void resolvesTheDefaultBranchABranchATagAndAShaOnce() {
        TempRepo remote = remote();
        String v1 = remote.head();
        remote.checkout("dev");
        String dev = remote.commitFile("dev.txt", "d", "dev work");
        remote.checkout("main");
        String main = remote.commitFile("main.txt", "m", "main work");
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));
        CachedRepository repo = cache.update(remote.dir().toString());

        assertThat(cache.resolve(repo, null)).isEqualTo(new BaseCommit("HEAD", main));
        assertThat(cache.resolve(repo, "HEAD").sha()).isEqualTo(main);
        assertThat(cache.resolve(repo, "dev").sha()).isEqualTo(dev);
        assertThat(cache.resolve(repo, "v1").sha()).isEqualTo(v1);
        assertThat(cache.resolve(repo, v1).sha()).isEqualTo(v1);
        assertThat(cache.resolve(repo, dev.substring(0, 12)).sha()).isEqualTo(dev);
        assertThatThrownBy(() -> cache.resolve(repo, "nope")).isInstanceOf(GitException.class)
                .hasMessageContaining("no branch, tag or commit named 'nope'")
                .hasMessageContaining("dev").hasMessageContaining("main");
    }

    @Test
    void theDefaultBranchFollowsTheRemotesHead() {
        TempRepo remote = remote();
        remote.checkout("dev");
        String dev = remote.commitFile("dev.txt", "d", "dev work");
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));

        assertThat(cache.updateAndResolve(remote.dir().toString(), null).sha()).isEqualTo(dev);
    }

    @Test
    void fetchPrunesDeletedRemoteBranchesButNeverTouchesWorkstreamBranches() {
        TempRepo remote = remote();
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));
        CachedRepository repo = cache.update(remote.dir().toString());
        git.createBranch(repo.gitDir(), "feat/a", "refs/remotes/origin/main", false);
        String work = remote.commitFile("x.txt", "x", "upstream moves on");
        remote.git("branch", "-D", "dev");

        cache.update(remote.dir().toString());

        assertThat(git.refExists(repo.gitDir(), "refs/remotes/origin/dev")).isFalse();
        assertThat(git.revParse(repo.gitDir(), "refs/remotes/origin/main")).isEqualTo(work);
        assertThat(git.branchExists(repo.gitDir(), "feat/a")).isTrue();
    }

    @Test
    void ensureCommitFetchesOnlyWhenTheCommitIsMissing() {
        TempRepo remote = remote();
        AtomicInteger fetches = new AtomicInteger();
        CliFetcher cli = new CliFetcher(git);
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"), (dir, url) -> {
            fetches.incrementAndGet();
            cli.fetch(dir, url);
        }, Duration.ofMinutes(1));
        String url = remote.dir().toString();
        String first = remote.head();

        cache.ensureCommit(url, first);
        cache.ensureCommit(url, first);
        assertThat(fetches).hasValue(1);

        String second = remote.commitFile("b.txt", "b", "second");
        CachedRepository repo = cache.ensureCommit(url, second);
        assertThat(fetches).hasValue(2);
        assertThat(git.hasCommit(repo.gitDir(), second)).isTrue();

        assertThatThrownBy(() -> cache.ensureCommit(url, "0123456789012345678901234567890123456789"))
                .isInstanceOf(GitException.class).hasMessageContaining("after fetching all branches and tags");
    }

    @Test
    void keepsCredentialsOutOfTheCacheNameAndConfig() {
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));

        Path withToken = cache.directoryFor("https://user:t0ken@example.com/org/My%20Repo.git");
        Path without = cache.directoryFor("https://example.com/org/My%20Repo.git/");

        assertThat(withToken).isEqualTo(without);
        assertThat(withToken.getFileName().toString()).startsWith("my-20repo-").doesNotContain("t0ken");
        assertThat(RepositoryCache.withoutCredentials("https://user:t0ken@example.com/r.git"))
                .isEqualTo("https://example.com/r.git");
    }

    @Test
    void storesTheRemoteUrlAsGiven() {
        TempRepo remote = remote();
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));

        CachedRepository repo = cache.update(remote.fileUrl());

        assertThat(git.configGet(repo.gitDir(), "remote.origin.url")).contains(remote.fileUrl().replaceAll("/$", ""));
    }

    @Test
    void twoProcessesAndAThreadFillingOneCacheAtOnceAllSucceed() {
        TempRepo remote = remote();
        for (int i = 0; i < 30; i++) {
            remote.commitFile("f" + i + ".txt", "content " + i, "commit " + i);
        }
        String url = remote.dir().toString();
        Path cacheRoot = tmp.resolve("cache");
        ProcessRunner runner = new ProcessRunner();
        List<CompletableFuture<ProcessResult>> processes = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> runner.run(ProcessSpec.of(
                        JavaProcess.command(CacheUserMain.class, cacheRoot.toString(), url, "main")))))
                .toList();
        BaseCommit inThisJvm = new RepositoryCache(git, cacheRoot).updateAndResolve(url, "main");

        for (CompletableFuture<ProcessResult> process : processes) {
            ProcessResult result = process.join();
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout().strip()).isEqualTo(remote.head());
        }
        assertThat(inThisJvm.sha()).isEqualTo(remote.head());
        assertThat(git.output(cacheRoot.resolve(new RepositoryCache(git, cacheRoot).directoryFor(url)), "fsck",
                "--no-progress")).isEmpty();
        assertThat(cacheRoot.toFile().list()).hasSize(1);
    }

    @Test
    void recoversACacheLeftHalfInitialisedByADeadProcess() throws Exception {
        TempRepo remote = remote();
        RepositoryCache cache = new RepositoryCache(git, tmp.resolve("cache"));
        Path dir = cache.directoryFor(remote.dir().toString());
        Files.createDirectories(dir);
        git.init(dir, true, null);

        assertThat(cache.updateAndResolve(remote.dir().toString(), "main").sha()).isEqualTo(remote.head());
    }
}
