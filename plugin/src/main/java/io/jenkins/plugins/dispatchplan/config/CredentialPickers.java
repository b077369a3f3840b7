package io.jenkins.plugins.dispatchplan.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The items of the credentials pickers ({@code <c:select/>}), as the credentials plugin's consumer guide has them:
 * a user who may not configure the page gets only the current value, so no request lists credential names to
 * someone who could not pick one anyway.
 */
public final class CredentialPickers {
    private CredentialPickers() {
    }

    /** Secret text credentials (API keys) usable in {@code context}, a job, or the whole controller when null. */
    public static ListBoxModel secretTexts(Item context, String current) {
        return matching(context, current, StringCredentials.class);
    }

    /** Any credential git can use (user name and password or token, SSH key) in {@code context}. */
    public static ListBoxModel gitCredentials(Item context, String current) {
        return matching(context, current, StandardCredentials.class);
    }

    /**
     * Whether the current user may list credentials for a form in {@code context}: Overall/Administer on the
     * controller's own pages, and on a job's pages Job/ExtendedRead or Credentials/UseItem.
     */
    private static boolean mayPick(Item context) {
        if (context == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return context.hasPermission(Item.EXTENDED_READ) || context.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static ListBoxModel matching(Item context, String current, Class<? extends StandardCredentials> type) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (!mayPick(context)) {
            return result.includeCurrentValue(value);
        }
        // A build looks its credentials up as the job runs (its authentication); the controller's pages as SYSTEM.
        return result.includeEmptyValue()
                .includeMatchingAs(context instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        context, type, Collections.emptyList(), CredentialsMatchers.always())
                .includeCurrentValue(value);
    }
}
