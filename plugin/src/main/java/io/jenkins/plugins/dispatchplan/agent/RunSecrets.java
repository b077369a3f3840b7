package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.RunSettings;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import io.dispatchplan.secrets.Secrets;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The run's API key, looked up on the controller, so that what comes back from an agent (a worker's failure reason, its
 * RESULTS.md) is masked before the plugin prints it to the build log or keeps it on the run page: those are outside
 * {@code withCredentials}, where Jenkins masks nothing.
 */
public final class RunSecrets {
    /** The variable name the value is known by when the worker names none; only names are ever shown. */
    static final String UNNAMED = "credentialsId";

    private RunSecrets() {
    }

    /** The Secret text credential {@code credentialsId} names, or none when it names none or another kind. */
    public static Secrets of(Run<?, ?> run, RunSettings settings) {
        Bound bound = bound(run, settings);
        return bound == null ? Secrets.NONE : of(bound.variable(), bound.value());
    }

    /** The API key and the variable the worker gets it in (null: it names none), for masking on the agent too. */
    public record Bound(String variable, String value) implements java.io.Serializable {
        @Override
        public String toString() {
            return "Bound[" + variable + "=****]";
        }
    }

    /** The run's API key, or null when {@code credentialsId} names none or not a Secret text credential. */
    public static Bound bound(Run<?, ?> run, RunSettings settings) {
        String id = settings.getCredentialsId();
        if (id == null) {
            return null;
        }
        // The worker binds it with string(credentialsId:), which takes Secret text only; anything else fails there.
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        if (credentials == null || credentials.getSecret() == null) {
            return null;
        }
        String variable = settings.getWorker() == null ? null : settings.getWorker().getApiKeyVariable();
        return new Bound(variable, credentials.getSecret().getPlainText());
    }

    /** The value known by {@code variable} (or {@link #UNNAMED}), as {@link Secrets} masks it. */
    public static Secrets of(String variable, String value) {
        String name = variable == null ? UNNAMED : variable;
        return value == null ? Secrets.NONE : Secrets.of(List.of(name), Map.of(name, value), Map.of());
    }
}
