package io.dispatchplan.bench;

import io.dispatchplan.git.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** A generated repository for the git benchmarks: many small text files and a history that rewrites them. */
final class SyntheticRepository {
    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation "
            + "ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit "
            + "esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui "
            + "officia deserunt mollit anim id est laborum").split(" ");

    private final GitCli git;
    private final Random random;

    SyntheticRepository(GitCli git, Random random) {
        this.git = git;
        this.random = random;
    }

    /** The path of file {@code i}: a thousand files a module, a hundred a package. */
    static String path(int i) {
        return String.format("module%02d/pkg%02d/File%05d.txt", i / 1000, (i / 100) % 10, i);
    }

    /** {@code files} files on branch main, then {@code commits - 1} commits that each rewrite 60% of them. */
    void generate(Path remote, int files, int commits) throws IOException {
        git.init(remote, false, "main");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            paths.add(path(i));
        }
        for (String path : paths) {
            write(remote.resolve(path));
        }
        commitAll(remote, "initial");
        for (int c = 1; c < commits; c++) {
            // Each later commit rewrites 60% of the files, so history outweighs the tree.
            for (String path : paths) {
                if (random.nextDouble() < 0.6) {
                    write(remote.resolve(path));
                }
            }
            commitAll(remote, "rewrite " + c);
        }
        git.run(remote, "repack", "-a", "-d", "-q");
        git.run(remote, "prune");
    }

    /** Fills {@code file} with a few hundred random words. */
    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        int words = 60 + random.nextInt(240);
        for (int w = 0; w < words; w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            text.append(random.nextInt(10) == 0 ? Integer.toString(random.nextInt(100000)) : "");
            text.append(w % 12 == 11 ? '\n' : ' ');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    void commitAll(Path repo, String message) {
        git.run(repo, "add", "--all");
        git.run(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", message);
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
