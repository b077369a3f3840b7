package io.dispatchplan.plan;

/** Derives a feature name from a plan's file name, as the dispatch workflow does by hand. */
public final class FeatureNames {
    private FeatureNames() {}

    /**
     * {@code specs/2025_06_07_14_35_00_conversation_system.md} gives {@code conversation_system}: the
     * extension and a leading date or timestamp are dropped. Null when nothing usable is left.
     */
    public static String fromSource(String source) {
        if (source == null || source.isBlank() || source.startsWith("<")) {
            return null;
        }
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        String withoutStamp = name.replaceFirst("^\\d{4}[-_]\\d{2}[-_]\\d{2}(?:[-_T]\\d{2}[-_:]?\\d{2}(?:[-_:]?\\d{2})?)?[-_]+", "");
        String result = withoutStamp.isBlank() ? name : withoutStamp;
        return result.isBlank() ? null : result;
    }
}
