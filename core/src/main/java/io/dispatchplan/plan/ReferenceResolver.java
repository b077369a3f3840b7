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
 * keyword and code, a bare code ({@code B}, {@code 3}, {@code #3}), a sub-item code ({@code B.1}, {@code A1}) which
 * means its parent when the sub-item itself is not a target, or the distinctive part of a title ({@code Alice} of
 * {@code Alice — payments backend}). Trailing prose after the reference is tolerated ({@code "C to reach 50%
 * completion"}) and kept ({@link Lookup#rest()}).
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
    /** {@code #12}, the way issues and numbered items are referred to. */
    private static final Pattern HASH_NUMBER = Pattern.compile("^#\\s?([0-9]+)(?![\\w-])");

    private final Map<String, Integer> aliases = new HashMap<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private final Map<String, Integer> parts = new HashMap<>();
    /** Every target an ambiguous alias, code or part was registered for, so a reference to it can list them. */
    private final Map<String, Set<Integer>> aliasTargets = new HashMap<>();
    private final Map<String, Set<Integer>> codeTargets = new HashMap<>();
    private final Map<String, Set<Integer>> partTargets = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<List<String>> allNames = new ArrayList<>();

    /**
     * What a piece names.
     *
     * @param index the target, or -1 when the piece names none or more than one
     * @param candidates the targets it could mean when it names more than one, else empty
     * @param rest what follows the reference in the piece ({@code to reach 50% completion}), lower case when the
     *     reference was matched by name
     */
    public record Lookup(int index, List<Integer> candidates, String rest) {
        static final Lookup NONE = new Lookup(-1, List.of(), "");

        public boolean found() {
            return index >= 0;
        }
    }

    /**
     * Registers target {@code index}.
     *
     * @param displayName how messages name it
     * @param names ids, names and titles it may be referred to by
     * @param targetCodes short codes ({@code A}, {@code 2}, {@code A1}) it may be referred to by
     */
    public void add(int index, String displayName, Collection<String> names, Collection<String> targetCodes) {
        grow(index);
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

    /**
     * Registers the distinctive parts of target {@code index}'s name or title ({@code Alice} and {@code payments
     * backend} of {@code Alice — payments backend}). They are tried after its names and codes, so a part never
     * hides another target's name.
     */
    public void addParts(int index, Collection<String> titleParts) {
        grow(index);
        for (String part : titleParts) {
            String key = normalize(part);
            if (key.length() >= 2 && !key.chars().allMatch(Character::isDigit)) {
                put(parts, partTargets, key, index);
                this.allNames.get(index).add(part);
            }
        }
    }

    private void grow(int index) {
        while (this.names.size() <= index) {
            this.names.add(null);
            this.allNames.add(new ArrayList<>());
        }
    }

    private static void put(Map<String, Integer> map, Map<String, Set<Integer>> targets, String key, int index) {
        if (key == null || key.isEmpty()) {
            return;
        }
        Integer existing = map.get(key);
        if (existing == null) {
            map.put(key, index);
        } else if (existing == AMBIGUOUS) {
            targets.get(key).add(index);
        } else if (existing != index) {
            // Most keys name one target: the set of targets is only made for the ones that name several.
            Set<Integer> several = new LinkedHashSet<>();
            several.add(existing);
            several.add(index);
            targets.put(key, several);
            map.put(key, AMBIGUOUS);
        }
    }

    /**
     * The targets a piece could mean when it names more than one (two workstreams with the same name, title or
     * code); empty when it names one or none.
     */
    public List<Integer> ambiguous(String piece) {
        return lookup(piece).candidates();
    }

    /** The index of the target the piece names, or empty if none (or more than one) matches. */
    public OptionalInt resolve(String piece) {
        Lookup lookup = lookup(piece);
        return lookup.found() ? OptionalInt.of(lookup.index()) : OptionalInt.empty();
    }

    /** What the piece names, tried in order: a name, a keyword and code, a code, a part of a title, a name it starts with. */
    public Lookup lookup(String piece) {
        String stripped = piece.strip();
        String normalized = normalize(piece);
        Integer exact = aliases.get(normalized);
        if (exact != null) {
            return found(exact, aliasTargets.get(normalized), "");
        }
        Matcher keyword = KEYWORD_PREFIX.matcher(stripped);
        if (keyword.find()) {
            String afterKeyword = stripped.substring(keyword.end());
            Matcher code = KEYWORD_CODE.matcher(afterKeyword);
            if (code.find()) {
                return byCode(code.group(1), afterKeyword.substring(code.end()));
            }
        }
        Matcher hash = HASH_NUMBER.matcher(stripped);
        if (hash.find()) {
            return byCode(hash.group(1), stripped.substring(hash.end()));
        }
        Matcher bare = BARE_CODE.matcher(stripped);
        if (bare.find()) {
            Lookup byCode = byCode(bare.group(1), stripped.substring(bare.end()));
            if (byCode.found() || !byCode.candidates().isEmpty()) {
                return byCode;
            }
        }
        Integer part = parts.get(normalized);
        if (part != null) {
            return found(part, partTargets.get(normalized), "");
        }
        String prefix = longestPrefix(normalized, aliases);
        if (prefix != null) {
            return found(aliases.get(prefix), aliasTargets.get(prefix), normalized.substring(prefix.length()).strip());
        }
        String partPrefix = longestPrefix(normalized, parts);
        if (partPrefix != null) {
            return found(parts.get(partPrefix), partTargets.get(partPrefix),
                    normalized.substring(partPrefix.length()).strip());
        }
        return Lookup.NONE;
    }

    private static Lookup found(int index, Set<Integer> targets, String rest) {
        return index == AMBIGUOUS ? new Lookup(-1, List.copyOf(targets), rest) : new Lookup(index, List.of(), rest);
    }

    private Lookup byCode(String code, String rest) {
        String lower = code.toLowerCase(Locale.ROOT);
        String key = lower;
        if (!codes.containsKey(key) && lower.contains(".")) {
            key = lower.substring(0, lower.indexOf('.'));
        }
        if (!codes.containsKey(key) && lower.matches("[a-z][0-9]+")) {
            key = lower.substring(0, 1);
        }
        Integer hit = codes.get(key);
        return hit == null ? Lookup.NONE : found(hit, codeTargets.get(key), rest.strip());
    }

    /** The longest key (of 3 or more characters) the text starts with, ending where a word ends. */
    private static String longestPrefix(String normalized, Map<String, Integer> keys) {
        for (int end = normalized.length(); end >= 3; end--) {
            if (end == normalized.length() || !isWordChar(normalized.charAt(end))) {
                String candidate = normalized.substring(0, end);
                if (keys.containsKey(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    /**
     * Up to {@code max} targets closest to the piece by any of their names (ids, names, titles), for "did you
     * mean"; never one whose display name is the piece itself, which would suggest what was written.
     */
    public List<Integer> closestTargets(String piece, int max) {
        return closestTargets(piece, max, Set.of());
    }

    /** As {@link #closestTargets(String, int)}, never suggesting the {@code excluded} targets (the one that asks). */
    public List<Integer> closestTargets(String piece, int max, Set<Integer> excluded) {
        String wanted = normalize(DependencyPhrase.core(piece));
        record Scored(int index, String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (int index = 0; index < names.size(); index++) {
            String display = names.get(index);
            if (display == null || excluded.contains(index) || normalize(display).equals(wanted)
                    || normalize(piece).equals(normalize(display))) {
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

    /**
     * True when a piece that names no target is still written like a reference, so it is a mistake rather than a
     * precondition: a single word ({@code databse-schema}), a keyword and code ({@code Stream E}), a code ({@code E},
     * {@code 7}, {@code #7}), or a near miss of a name ({@code Databse schema}).
     */
    public boolean looksLikeReference(String piece) {
        String stripped = piece.strip();
        if (stripped.isEmpty() || !Spaces.any(stripped)) {
            return true;
        }
        Matcher keyword = KEYWORD_PREFIX.matcher(stripped);
        if (keyword.find() && KEYWORD_CODE.matcher(stripped.substring(keyword.end())).find()) {
            return true;
        }
        if (HASH_NUMBER.matcher(stripped).find() || BARE_CODE.matcher(stripped).find()) {
            return true;
        }
        String wanted = normalize(stripped);
        int tolerance = Math.max(1, wanted.length() / 6);
        for (List<String> targetNames : allNames) {
            for (String name : targetNames) {
                String candidate = normalize(name);
                if (Math.abs(candidate.length() - wanted.length()) <= tolerance
                        && levenshtein(wanted, candidate) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
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

    /** Lower case, without {@code `*"“”}, white space collapsed and stripped, without trailing {@code .:;,}. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder unmarked = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c != '`' && c != '*' && c != '"' && c != '\u201C' && c != '\u201D') {
                unmarked.append(c);
            }
        }
        return Spaces.withoutTrailing(Spaces.collapse(unmarked).strip(), ".:;,");
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
