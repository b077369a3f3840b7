package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.AbstractDescribableImpl} from Jenkins core 2.528.3; never packaged.
 * Deprecated since 2.505 in favour of {@code Describable}'s default method; {@code Step} still extends it.
 */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
