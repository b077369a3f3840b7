package jenkins;

/**
 * Compile-only stand-in for {@code jenkins.YesNoMaybe} from Jenkins core 2.528.3; never packaged.
 */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
