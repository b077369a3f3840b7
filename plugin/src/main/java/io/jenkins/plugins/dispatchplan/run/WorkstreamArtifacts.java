package io.jenkins.plugins.dispatchplan.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which of a build's archived files belong to which workstream: everything {@code collectWorkstream} put under
 * {@code workstreams/<id>/} (RESULTS.md, TASKS.md, the worker's logs and event files, worker-result.json, and
 * whatever a later version adds there), in the order people look for them. Built once per page from the build's
 * artifact list, so a page with many workstreams reads the list once.
 */
final class WorkstreamArtifacts {
    static final String ROOT = "workstreams/";

    private final Map<String, TreeSet<String>> byWorkstream = new HashMap<>();

    /** A path that needs no encoding in a URL: slugs and ordinary file names. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/-]*");

    /** The first files of a workstream's list, in this order; the rest follow by name. */
    private static final List<String> FIRST = List.of("RESULTS.md", "TASKS.md");
    private static final String LAST = "worker-result.json";

    WorkstreamArtifacts(Collection<String> archivedPaths) {
        for (String path : archivedPaths) {
            if (path.startsWith(ROOT)) {
                int slash = path.indexOf('/', ROOT.length());
                if (slash > ROOT.length() && path.indexOf('/', slash + 1) < 0) {
                    byWorkstream.computeIfAbsent(path.substring(ROOT.length(), slash), k -> new TreeSet<>())
                            .add(path.substring(slash + 1));
                }
            }
        }
    }

    /**
     * The links of workstream {@code id}, relative to the build's URL ({@code artifact/workstreams/<id>/RESULTS.md});
     * {@code recordedResults} (the RESULTS.md its row names) is linked even when the list does not have it, as when
     * the artifact manager could not be listed.
     */
    List<RunPageView.Link> links(String id, String recordedResults) {
        TreeSet<String> files = new TreeSet<>(byWorkstream.getOrDefault(id, new TreeSet<>()));
        if (recordedResults != null && recordedResults.equals(ROOT + id + "/RESULTS.md")) {
            files.add("RESULTS.md");
        }
        List<String> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparingInt(WorkstreamArtifacts::rank).thenComparing(Comparator.naturalOrder()));
        List<RunPageView.Link> links = new ArrayList<>();
        for (String file : ordered) {
            links.add(new RunPageView.Link(file, "artifact/" + encode(ROOT + id + "/" + file)));
        }
        return links;
    }

    private static int rank(String file) {
        int first = FIRST.indexOf(file);
        return first >= 0 ? first : file.equals(LAST) ? FIRST.size() + 2 : FIRST.size() + 1;
    }

    /** Each path segment URL-encoded (ids are slugs, but file names a later version archives might not be). */
    static String encode(String path) {
        if (SAFE.matcher(path).matches()) {
            return path;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
