package io.dispatchplan.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    private static final ProcessRunner RUNNER = new ProcessRunner();

    @Test
    void leavesPlainWordsBareAndQuotesTheRest() {
        assertThat(ShellQuoting.quote(List.of("git", "-C", "/tmp/x", "--model=sonnet", "a,b:c@d%e+f")))
                .isEqualTo("git -C /tmp/x --model=sonnet a,b:c@d%e+f");
        assertThat(ShellQuoting.quote(List.of("echo", "it's", "", "$HOME", "a b")))
                .isEqualTo("echo 'it'\\''s' '' '$HOME' 'a b'");
    }

    @Test
    void quotesAFirstWordTheShellWouldReadAsSyntax() {
        assertThat(ShellQuoting.quote(List.of("A=b", "A=b"))).isEqualTo("'A=b' A=b");
        assertThat(ShellQuoting.quote(List.of("if", "if"))).isEqualTo("'if' if");
    }

    @Test
    void quotesForABatchFile() {
        assertThat(ShellQuoting.quoteForCmd(List.of("git", "commit", "-m", "50% done & \"ok\"")))
                .isEqualTo("git commit -m ^\"50%% done ^& \\^\"ok\\^\"^\"");
        assertThat(ShellQuoting.quoteForCmd(List.of("C:\\dir with space\\", "")))
                .isEqualTo("^\"C:\\dir with space\\\\^\" ^\"^\"");
        assertThatThrownBy(() -> ShellQuoting.quoteForCmd(List.of("two\nlines")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    }

    /** The brief's contract: {@code sh -c 'printf "%s\0" ' + quote(args)} prints exactly the args. */
    @Property(tries = 150)
    void posixQuotingRoundTripsThroughShDashC(@ForAll("argvs") List<String> args) {
        String script = "printf '%s\\0' " + ShellQuoting.quote(args);

        assertThat(printedBy(RUNNER.run(ProcessSpec.of("sh", "-c", script).env("LC_ALL", "C")))).isEqualTo(args);
    }

    /** What a Jenkins sh step does: the quoted command, first word included, is a script file. */
    @Property(tries = 100)
    void quotedCommandRunsExactlyTheArgvFromAScriptFile(@ForAll("argvs") List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);
        Path script = Files.createTempFile("quoting", ".sh");
        try {
            Files.writeString(script, ShellQuoting.quote(argv) + "\n");

            assertThat(printedBy(RUNNER.run(ProcessSpec.of("sh", script.toString()).env("LC_ALL", "C"))))
                    .isEqualTo(args);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** cmd's batch-file phase then the C runtime's argv parser, as Windows documents them, give back the argv. */
    @Property(tries = 500)
    void cmdQuotingRoundTripsThroughTheWindowsParsingRules(@ForAll("argvs") List<String> args) {
        List<String> oneLine = args.stream().map(a -> a.replace('\n', ' ').replace('\r', ' ')).toList();

        assertThat(WindowsCommandLine.parse(ShellQuoting.quoteForCmd(oneLine))).isEqualTo(oneLine);
    }

    @Provide
    Arbitrary<List<String>> argvs() {
        Arbitrary<String> specials = Arbitraries.of("'", "\"", "\\", "$", "$(id)", "`id`", "\n", " ", "\t",
                "*", "?", "~", "#", ";", "&", "|", "!", "=", "{", "}", "%", "%PATH%", "^", "-", "if", "'\\''",
                "\\\"", "<", ">", "(", ")", "${HOME}", "\r", "$HOME", "$1", "$$", "$0", "a=b", "\\n");
        Arbitrary<String> unicode = Arbitraries.integers().between(1, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString);
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(4).filter(s -> s.indexOf('\0') < 0);
        Arbitrary<String> word = Arbitraries.oneOf(specials, unicode, ascii).list().ofMaxSize(6)
                .map(parts -> String.join("", parts));
        return word.list().ofMinSize(1).ofMaxSize(5);
    }

    private static List<String> printedBy(ProcessResult result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String out = result.stdout();
        assertThat(out).endsWith("\0");
        return List.of(out.substring(0, out.length() - 1).split("\0", -1));
    }

    /** A reference reading of a batch-file command line: cmd's %% and ^ phase, then CommandLineToArgvW. */
    static final class WindowsCommandLine {

        static List<String> parse(String line) {
            return crtArgv(cmdPhase(line));
        }

        private static String cmdPhase(String line) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '%' && i + 1 < line.length() && line.charAt(i + 1) == '%') {
                    out.append('%');
                    i++;
                } else if (c == '%') {
                    throw new UncheckedIOException(new IOException("a lone % would expand a variable: " + line));
                } else if (c == '^' && i + 1 < line.length()) {
                    out.append(line.charAt(++i));
                } else if ("()!\"<>&|".indexOf(c) >= 0) {
                    throw new AssertionError("unescaped cmd metacharacter " + c + " in " + line);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private static List<String> crtArgv(String s) {
            List<String> args = new ArrayList<>();
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++;
                }
                if (i >= n) {
                    return args;
                }
                StringBuilder cur = new StringBuilder();
                boolean inQuotes = false;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '\\') {
                        int k = 0;
                        while (i + k < n && s.charAt(i + k) == '\\') {
                            k++;
                        }
                        if (i + k < n && s.charAt(i + k) == '"') {
                            cur.append("\\".repeat(k / 2));
                            if (k % 2 == 1) {
                                cur.append('"');
                                i += k + 1;
                            } else {
                                i += k;
                            }
                        } else {
                            cur.append("\\".repeat(k));
                            i += k;
                        }
                    } else if (c == '"') {
                        if (inQuotes && i + 1 < n && s.charAt(i + 1) == '"') {
                            cur.append('"');
                            i += 2;
                        } else {
                            inQuotes = !inQuotes;
                            i++;
                        }
                    } else if ((c == ' ' || c == '\t') && !inQuotes) {
                        break;
                    } else {
                        cur.append(c);
                        i++;
                    }
                }
                args.add(cur.toString());
            }
        }
    }
}
