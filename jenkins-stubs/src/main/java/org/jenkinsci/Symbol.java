package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

/**
 * Compile-only stand-in for {@code org.jenkinsci.Symbol} from symbol-annotation 1.25 (bundled in Jenkins core 2.528.3); never packaged.
 * Meta-annotated with annotation-indexer's {@code @Indexed} like the real one, so compiling writes
 * {@code META-INF/annotations/org.jenkinsci.Symbol}, which structs' {@code SymbolLookup} reads.
 */
@Indexed
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
