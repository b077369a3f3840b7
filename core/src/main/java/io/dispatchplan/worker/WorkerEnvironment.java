package io.dispatchplan.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/** The variables every worker sees, whatever program it runs. */
public final class WorkerEnvironment {

    public static final String WORKSTREAM_ID = "WORKSTREAM_ID";
    public static final String WORKSTREAM_TITLE = "WORKSTREAM_TITLE";
    public static final String FEATURE = "FEATURE";
    public static final String TASKS_FILE = "TASKS_FILE";
    public static final String COORDINATION_FILE = "COORDINATION_FILE";
    public static final String RESULTS_FILE = "RESULTS_FILE";
    public static final String PORT = "PORT";

    private WorkerEnvironment() {
    }

    /**
     * The request's own variables (identity, API key), then the standard ones, which win: a worker must be able
     * to trust {@code RESULTS_FILE} and friends.
     */
    public static Map<String, String> of(WorkerRequest request) {
        Map<String, String> env = new LinkedHashMap<>(request.environment());
        env.put(WORKSTREAM_ID, request.workstreamId());
        env.put(WORKSTREAM_TITLE, request.workstreamTitle());
        env.put(FEATURE, request.feature());
        env.put(TASKS_FILE, request.tasksFile().toString());
        env.put(COORDINATION_FILE, request.coordinationFile().toString());
        env.put(RESULTS_FILE, request.resultsFile().toString());
        if (request.port() != null) {
            env.put(PORT, request.port().toString());
        }
        return env;
    }
}
