package io.dispatchplan.plan.markdown;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and timeouts as people write them: {@code 3 days}, {@code 4h}, {@code 90 min}, {@code 2}. */
final class Estimates {
    private static final Pattern AMOUNT = Pattern.compile(
            "(?i)^\\s*~?\\s*(\\d+(?:\\.\\d+)?)\\s*(h|hrs?|hours?|d|days?|w|wks?|weeks?|m|mins?|minutes?|pts?|points?)?\\b.*");

    private Estimates() {}

    /** A relative size in hours (days of 8 hours, weeks of 40); a bare number is taken as is. */
    static Optional<Double> parse(String text) {
        Matcher m = AMOUNT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        if (amount <= 0) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        double hours = switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
            case 'd' -> amount * 8;
            case 'w' -> amount * 40;
            case 'm' -> amount / 60;
            default -> amount;
        };
        return Optional.of(hours);
    }

    /** Whole minutes: {@code 90}, {@code 90 min}, {@code 2h}. */
    static Optional<Integer> minutes(String text) {
        Matcher m = AMOUNT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "m" : m.group(2).toLowerCase(Locale.ROOT);
        double minutes = switch (unit.charAt(0)) {
            case 'h' -> amount * 60;
            case 'd' -> amount * 24 * 60;
            default -> amount;
        };
        return minutes >= 1 ? Optional.of((int) Math.round(minutes)) : Optional.empty();
    }
}
