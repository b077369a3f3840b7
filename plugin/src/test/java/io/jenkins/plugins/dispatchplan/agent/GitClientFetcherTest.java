package io.jenkins.plugins.dispatchplan.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.jenkinsci.plugins.gitclient.Git;
import org.jenkinsci.plugins.gitclient.verifier.HostKeyVerifierFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The git-client fetcher and pusher carry the controller's host key verification to the agent and build every client with
 * it. Runs against the recording {@link Git} stand-in: what git-client then does with the factory (and that the factory the
 * controller's strategy returns travels over a real remoting channel) only a real Jenkins shows.
 */
class GitClientFetcherTest {
    /** Stands for the verifier factory the controller's configured strategy returns. */
    static final class ConfiguredVerification extends HostKeyVerifierFactory {
        private static final long serialVersionUID = 1L;
        final String approvedHostKeys = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    }

    record Token(String getId, String getDescription) implements StandardCredentials {
    }

    @BeforeEach
    void forget() {
        Git.BUILT.clear();
    }

    @Test
    void theControllersHostKeyVerificationTravelsWithTheFetcherAndBuildsEveryClient() throws Exception {
        GitClientFetcher onController = new GitClientFetcher(null, null, new Token("git-token", ""), new ConfiguredVerification());

        GitClientFetcher onAgent = (GitClientFetcher) overTheWire(onController);
        onAgent.fetch(Path.of("/agent/cache/shop.git"), "https://git.example.com/shop.git");
        onAgent.push(Path.of("/agent/cache/shop.git"), "https://git.example.com/shop.git", "feature/api", false);

        assertThat(onAgent.hostKeyFactory()).isInstanceOf(ConfiguredVerification.class);
        assertThat(((ConfiguredVerification) onAgent.hostKeyFactory()).approvedHostKeys)
                .isEqualTo(new ConfiguredVerification().approvedHostKeys);
        assertThat(Git.BUILT).hasSize(2).allSatisfy(client -> {
            assertThat(client.hostKeyFactory).as("every client verifies host keys as the controller says")
                    .isSameAs(onAgent.hostKeyFactory());
            assertThat(client.credentials.getId()).isEqualTo("git-token");
            assertThat(client.exe).isEqualTo("git");
        });
        assertThat(Git.BUILT.get(0).calls).first().asString().startsWith("fetch https://git.example.com/shop.git");
        assertThat(Git.BUILT.get(1).calls).containsExactly("push https://git.example.com/shop.git",
                "ref refs/heads/feature/api:refs/heads/feature/api", "force false", "execute");
    }

    @Test
    void aFetcherWithoutTheControllersVerificationCannotBeMade() {
        // Without a factory git-client on the agent would fall back to no verification at all.
        assertThatThrownBy(() -> new GitClientFetcher(null, null, new Token("git-token", ""), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("host key verification");
    }

    private static Object overTheWire(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
