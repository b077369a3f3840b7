package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/**
 * Compile-only stand-in for {@code org.jvnet.hudson.annotation_indexer.Validator} from annotation-indexer 1.18 (bundled in Jenkins core 2.528.3); never packaged.
 */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
