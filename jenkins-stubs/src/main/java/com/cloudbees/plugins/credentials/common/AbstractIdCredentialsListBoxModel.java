package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel} from
 * credentials 1480.v2246fd131e83 (the items of a credentials picker); never packaged. Only the methods the plugin
 * chains: the empty choice, the credentials a context may use, and the current value.
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, Item context,
            Class<? extends C> type, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw new UnsupportedOperationException("stub");
    }
}
