package io.jenkins.plugins.dispatchplan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What the integration node needs, sent from the controller in plain serializable fields. */
final class IntegrationSetup implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One branch to merge, with what its collect reported (to import its bundle). */
    static final class Branch implements Serializable {
        private static final long serialVersionUID = 1L;

        final String id;
        final String branch;
        final boolean flagged;
        final String head;
        final int commits;

        Branch(String id, String branch, boolean flagged, String head, int commits) {
            this.id = id;
            this.branch = branch;
            this.flagged = flagged;
            this.head = head;
            this.commits = commits;
        }
    }

    final String repository;
    final String feature;
    final String baseCommit;
    final ArrayList<Branch> branches;
    final boolean stopOnConflict;

    IntegrationSetup(String repository, String feature, String baseCommit, List<Branch> branches, boolean stopOnConflict) {
        this.repository = repository;
        this.feature = feature;
        this.baseCommit = baseCommit;
        this.branches = new ArrayList<>(branches);
        this.stopOnConflict = stopOnConflict;
    }
}
