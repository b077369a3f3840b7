package io.dispatchplan.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which workstream a piece of a dependency phrase names: by id, name, title, "Stream A" style
 * keyword and code, a bare code ({@code B}, {@code 3}), or a sub-item code ({@code B.1}, {@code A1}) which
 * means its parent when the sub-item itself is not a target. Trailing prose after the reference is
 * tolerated ({@code "C to reach 50% completion"}).
 */
public final class ReferenceResolver {
    private static final int AMBIGUOUS = -1;
    private static final Pattern KEYWORD_PREFIX = Pattern.compile(
            "(?i)^(?:work\\s*streams?|streams?|tracks?|lanes?|specs?|specifications?|teams?|squads?"
                    + "|developers?|devs?|agents?|workers?|epics?)\\s+");
    /** A code as written without a keyword: an upper-case letter (so prose words are not codes) or digits. */
    private static final Pattern BARE_CODE = Pattern.compile("^([A-Z][0-9]*(?:\\.[0-9]+)*|[0-9]+(?:\\.[0-9]+)*)(?![\\w-])");
    /** After a keyword, any case is a code: "stream a". */
    private static final Pattern KEYWORD_CODE = Pattern.compile("^([A-Za-z][0-9]*(?:\\.[0-9]+)*|[0-9]+(?:\\.[0-9]+)*)(?![\\w-])");

    private final Map<String, Integer> aliases = new HashMap<>();
    private final Map<String, Integer> codes = new HashMap<>();
    /** Every target an alias or code was registered for, so an ambiguous reference can list them. */
    private final Map<String, Set<Integer>> aliasTargets = new HashMap<>();
    private final Map<String, Set<Integer>> codeTargets = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<List<String>> allNames = new ArrayList<>();

    /**
     * Registers target {@code index}.
     *
     * @param displayName how messages name it
     * @param names ids, names and titles it may be referred to by
     * @param targetCodes short codes ({@code A}, {@code 2}, {@code A1}) it may be referred to by
     */
    public void add(int index, String displayName, Collection<String> names, Collection<String> targetCodes) {
        while (this.names.size() <= index) {
            this.names.add(null);
            this.allNames.add(new ArrayList<>());
        }
        this.names.set(index, displayName);
        this.allNames.get(index).add(displayName);
        for (String name : names) {
            put(aliases, aliasTargets, normalize(name), index);
            this.allNames.get(index).add(name);
        }
        for (String code : targetCodes) {
            put(codes, codeTargets, code.toLowerCase(Locale.ROOT), index);
        }
    }

    private static void put(Map<String, Integer> map, Map<String, Set<Integer>> targets, String key, int index) {
        if (key == null || key.isEmpty()) {
            return;
        }
        Integer existing = map.get(key);
        map.put(key, existing == null || existing == index ? index : AMBIGUOUS);
        targets.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(index);
    }

    /**
     * The targets a piece could mean when it names more than one (two workstreams with the same name, title or
     * code); empty when it names one or none.
     */
    public List<Integer> ambiguous(String piece) {
        String normalized = normalize(piece);
        if (aliases.get(normalized) != null) {
            return aliases.get(normalized) == AMBIGUOUS ? List.copyOf(aliasTargets.get(normalized)) : List.of();
        }
        Matcher keyword = KEYWORD_PREFIX.matcher(piece.strip());
        Matcher code = keyword.find() ? KEYWORD_CODE.matcher(piece.strip().substring(keyword.end()))
                : BARE_CODE.matcher(piece.strip());
        if (code.find()) {
            String lower = code.group(1).toLowerCase(Locale.ROOT);
            if (codes.get(lower) != null) {
                return codes.get(lower) == AMBIGUOUS ? List.copyOf(codeTargets.get(lower)) : List.of();
            }
        }
        String prefix = longestAliasPrefixKey(normalized);
        return prefix != null && aliases.get(prefix) == AMBIGUOUS ? List.copyOf(aliasTargets.get(prefix)) : List.of();
    }

    /** The index of the target the piece names, or empty if none (or more than one) matches. */
    public OptionalInt resolve(String piece) {
        String normalized = normalize(piece);
        Integer exact = aliases.get(normalized);
        if (exact != null) {
            return known(exact);
        }
        Matcher keyword = KEYWORD_PREFIX.matcher(piece.strip());
        if (keyword.find()) {
            Matcher code = KEYWORD_CODE.matcher(piece.strip().substring(keyword.end()));
            if (code.find()) {
                return resolveCode(code.group(1));
            }
        }
        Matcher bare = BARE_CODE.matcher(piece.strip());
        if (bare.find()) {
            OptionalInt byCode = resolveCode(bare.group(1));
            if (byCode.isPresent()) {
                return byCode;
            }
        }
        return longestAliasPrefix(normalized);
    }

    private OptionalInt resolveCode(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        Integer hit = codes.get(lower);
        if (hit == null && lower.contains(".")) {
            hit = codes.get(lower.substring(0, lower.indexOf('.')));
        }
        if (hit == null && lower.matches("[a-z][0-9]+")) {
            hit = codes.get(lower.substring(0, 1));
        }
        return hit == null ? OptionalInt.empty() : known(hit);
    }

    private OptionalInt longestAliasPrefix(String normalized) {
        String best = longestAliasPrefixKey(normalized);
        return best == null ? OptionalInt.empty() : known(aliases.get(best));
    }

    private String longestAliasPrefixKey(String normalized) {
        String best = null;
        for (String alias : aliases.keySet()) {
            if (alias.length() >= 3 && normalized.startsWith(alias)
                    && (normalized.length() == alias.length() || !isWordChar(normalized.charAt(alias.length())))
                    && (best == null || alias.length() > best.length())) {
                best = alias;
            }
        }
        return best;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    private static OptionalInt known(int index) {
        return index == AMBIGUOUS ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /**
     * Up to {@code max} targets closest to the piece by any of their names (ids, names, titles), for "did you
     * mean"; never one whose display name is the piece itself, which would suggest what was written.
     */
    public List<Integer> closestTargets(String piece, int max) {
        String wanted = normalize(DependencyPhrase.core(piece));
        record Scored(int index, String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (int index = 0; index < names.size(); index++) {
            String display = names.get(index);
            if (display == null || normalize(display).equals(wanted) || normalize(piece).equals(normalize(display))) {
                continue;
            }
            int best = Integer.MAX_VALUE;
            for (String name : allNames.get(index)) {
                String candidate = normalize(name);
                if (candidate.isEmpty() || wanted.isEmpty()) {
                    continue;
                }
                int distance = candidate.contains(wanted) || wanted.contains(candidate)
                        ? Math.abs(candidate.length() - wanted.length()) / 4
                        : levenshtein(wanted, candidate);
                if (distance <= Math.max(3, Math.max(wanted.length(), candidate.length()) / 2)) {
                    best = Math.min(best, distance);
                }
            }
            if (best != Integer.MAX_VALUE) {
                scored.add(new Scored(index, display, best));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        List<Integer> out = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>();
        for (Scored s : scored) {
            if (out.size() < max && shown.add(s.name())) {
                out.add(s.index());
            }
        }
        return out;
    }

    /** Up to {@code max} display names closest to the piece, for "did you mean". */
    public List<String> closest(String piece, int max) {
        return closestTargets(piece, max).stream().map(names::get).toList();
    }

    /** How messages name target {@code index}. */
    public String displayName(int index) {
        return names.get(index);
    }

    public Set<String> displayNames() {
        return new LinkedHashSet<>(names);
    }

    private static final Pattern MARKUP = Pattern.compile("[`*\"“”]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.:;,]+$");

    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String lower = MARKUP.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        return TRAILING_PUNCTUATION.matcher(SPACES.matcher(lower).replaceAll(" ").strip()).replaceAll("");
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
