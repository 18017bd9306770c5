package io.eso4j.bench;

import java.util.Objects;

/**
 * One line of the results table: eso4j's value next to one peer's, measured in the same run, and the ratio
 * eso4j ÷ peer. A value that could not be measured is {@code NaN} and its row says why in {@code note}. Immutable.
 *
 * @param scenario e.g. {@code "1a loading phase"}
 * @param subject what was measured, e.g. {@code "N=200, 20 ms"}
 * @param unit e.g. {@code "ms"}, {@code "calls"}, {@code "ns/op"}
 * @param eso4j eso4j's value
 * @param peer the peer's name
 * @param peerValue the peer's value
 * @param target the goal from issue 8 this row is read against, empty when none
 * @param verdict {@code "met"}, {@code "missed"}, {@code "pending"} or empty; set by the scenario, not computed
 *     from a threshold the harness could be tuned to
 * @param note how the row was obtained (measured, derived) and, for a miss, the reason
 */
record Row(
        String scenario,
        String subject,
        String unit,
        double eso4j,
        String peer,
        double peerValue,
        String target,
        String verdict,
        String note) {

    Row {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(peer, "peer");
        target = target == null ? "" : target;
        verdict = verdict == null ? "" : verdict;
        note = note == null ? "" : note;
    }

    /** eso4j ÷ peer; {@code NaN} when either is missing or the peer's value is zero. */
    double ratio() {
        if (Double.isNaN(eso4j) || Double.isNaN(peerValue) || peerValue == 0) {
            return Double.NaN;
        }
        return eso4j / peerValue;
    }

    Row withVerdict(String verdict, String note) {
        return new Row(scenario, subject, unit, eso4j, peer, peerValue, target, verdict, note);
    }
}
