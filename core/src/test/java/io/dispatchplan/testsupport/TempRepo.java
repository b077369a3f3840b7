package io.dispatchplan.testsupport;

import io.dispatchplan.git.CommitInfo;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.process.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git repository in a temp directory for tests: write files, commit, branch, read back. Commits are
 * made as "Test Author" with fixed dates so shas are reproducible within a test.
 */
public final class TempRepo {

    public static final String AUTHOR_NAME = "Test Author";
    public static final String AUTHOR_EMAIL = "test@dispatch-plan.invalid";

    private final Path dir;
    private final GitCli git;
    private int clock;

    private TempRepo(Path dir, GitCli git) {
        this.dir = dir;
        this.git = git;
    }

    /** An empty repository on branch {@code main}. */
    public static TempRepo init(Path dir) {
        GitCli git = TestGit.cli();
        createDirectories(dir);
        git.init(dir, false, "main");
        return new TempRepo(dir, git);
    }

    /** A repository with one commit ("initial") holding {@code files} (path to content). */
    public static TempRepo initWithFiles(Path dir, Map<String, String> files) {
        TempRepo repo = init(dir);
        repo.commitFiles("initial", files);
        return repo;
    }

    /** A bare repository, e.g. to play a remote. */
    public static TempRepo initBare(Path dir) {
        GitCli git = TestGit.cli();
        createDirectories(dir);
        git.init(dir, true, "main");
        return new TempRepo(dir, git);
    }

    public Path dir() {
        return dir;
    }

    /** The repository as a {@code file://} URL. */
    public String fileUrl() {
        return dir.toUri().toString();
    }

    public GitCli gitCli() {
        return git;
    }

    /** Runs git in the repository and returns stdout without its final newline. */
    public String git(String... args) {
        return git.output(dir, args);
    }

    public TempRepo write(String path, String content) {
        Path file = dir.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TempRepo delete(String path) {
        try {
            Files.delete(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String read(String path) {
        try {
            return Files.readString(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything and commits (allowing an empty commit); returns the new sha. */
    public String commit(String message) {
        clock++;
        String date = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(clock).toString();
        List<String> args = new ArrayList<>(List.of("-c", "user.name=" + AUTHOR_NAME, "-c",
                "user.email=" + AUTHOR_EMAIL, "-c", "commit.gpgsign=false"));
        git.run(dir, "add", "--all");
        args.addAll(List.of("commit", "--quiet", "--allow-empty", "--no-verify", "-m", message,
                "--date=" + date));
        ProcessResult result = git.runner().run(git.spec(dir, args).env("GIT_COMMITTER_DATE", date));
        if (!result.succeeded()) {
            throw new IllegalStateException("test commit failed in " + dir + ": " + result.stderr());
        }
        return head();
    }

    public String commitFiles(String message, Map<String, String> files) {
        files.forEach(this::write);
        return commit(message);
    }

    public String commitFile(String path, String content, String message) {
        return commitFiles(message, Map.of(path, content));
    }

    /** Creates a branch at HEAD without switching to it. */
    public TempRepo branch(String name) {
        git("branch", name);
        return this;
    }

    public TempRepo branch(String name, String startPoint) {
        git("branch", name, startPoint);
        return this;
    }

    public TempRepo checkout(String ref) {
        git("checkout", "--quiet", ref);
        return this;
    }

    public TempRepo tag(String name) {
        git("tag", name);
        return this;
    }

    public String head() {
        return revParse("HEAD");
    }

    public String revParse(String rev) {
        return git.revParse(dir, rev);
    }

    /** The content of {@code path} at {@code ref}. */
    public String readFileAt(String ref, String path) {
        return git.run(dir, "show", ref + ":" + path).stdout();
    }

    /** Paths in the tree of {@code ref}. */
    public List<String> filesAt(String ref) {
        String out = git("ls-tree", "-r", "--name-only", ref);
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }

    /** Commit subjects in {@code range}, newest first. */
    public List<String> log(String range) {
        return git.log(dir, range, 0).stream().map(CommitInfo::subject).toList();
    }

    public List<CommitInfo> commits(String range) {
        return git.log(dir, range, 0);
    }

    /** Builds a file map inline: {@code files("a.txt", "A", "b.txt", "B")}. */
    public static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            map.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return map;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
