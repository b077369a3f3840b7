package org.jvnet.hudson.annotation_indexer;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for {@code org.jvnet.hudson.annotation_indexer.Indexed} from annotation-indexer 1.18 (bundled in Jenkins core 2.528.3); never packaged.
 * Maven Central only has annotation-indexer 1.4, whose POM's parent is not on Central, so the
 * annotation is declared here and {@code IndexedAnnotationProcessor} writes its index.
 */
@Documented
@Retention(RUNTIME)
@Target(ANNOTATION_TYPE)
public @interface Indexed {
    Class<? extends Validator>[] validators() default {};
}
