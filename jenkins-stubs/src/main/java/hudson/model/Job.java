package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Job} from Jenkins core 2.528.3; never packaged.
 * The real class extends {@code AbstractItem}, which declares {@code getFullName()}; the stub
 * exists for {@code Run}'s generic bounds, that call and {@code getBuildByNumber}.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Job() {
        throw new UnsupportedOperationException("stub");
    }

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stub");
    }

    public final String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
