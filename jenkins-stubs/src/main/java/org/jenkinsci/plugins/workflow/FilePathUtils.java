package org.jenkinsci.plugins.workflow;

import hudson.FilePath;

/**
 * Compile-only stand-in for {@code org.jenkinsci.plugins.workflow.FilePathUtils} from workflow-api 1384.vdc05a_48f535f; never packaged.
 * A workspace kept as its node's name and path, made live again only while that node is online.
 */
public class FilePathUtils {
    private FilePathUtils() {
    }

    public static String getNodeName(FilePath f) throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    public static FilePath find(String node, String path) {
        throw new UnsupportedOperationException("stub");
    }
}
