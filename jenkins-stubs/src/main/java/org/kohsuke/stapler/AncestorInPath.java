package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for {@code org.kohsuke.stapler.AncestorInPath} from Stapler 2030.v88a_855365981 (bundled in Jenkins core 2.528.3); never packaged.
 * The real one is also meta-annotated {@code @InjectedParameter(HandlerImpl.class)}; Stapler reads that
 * from the real class at run time, so the stub leaves it out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {
}
