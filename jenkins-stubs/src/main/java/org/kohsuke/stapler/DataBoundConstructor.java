package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for {@code org.kohsuke.stapler.DataBoundConstructor} from Stapler 2030.v88a_855365981 (bundled in Jenkins core 2.528.3); never packaged.
 * Declared here rather than depending on stapler, whose json-lib is not on Maven Central.
 * The plugin compiles with {@code -parameters} so Stapler can read constructor parameter names.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.CONSTRUCTOR)
@Documented
public @interface DataBoundConstructor {}
