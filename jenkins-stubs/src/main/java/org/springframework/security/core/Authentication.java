package org.springframework.security.core;

/**
 * Compile-only stand-in for Spring Security's {@code Authentication} (as Jenkins core 2.528.3 carries it); never
 * packaged. Only the type: the plugin passes one on and calls nothing on it.
 */
public interface Authentication {
}
