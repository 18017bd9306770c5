package io.eso4j.spec;

import java.util.List;
import java.util.Objects;

/** One {@code dataFrom[].rewrite[]} operation: exactly one of regexp, transform or merge. */
public sealed interface Rewrite {

    /** Go {@code regexp.ReplaceAllString(key, target)} on every key; {@code source} is RE2 syntax. */
    record Regexp(String source, String target) implements Rewrite {
        public Regexp {
            source = Specs.text(source);
            target = Specs.text(target);
        }
    }

    /** The key becomes the rendering of {@code template} with {@code .value} bound to the old key. */
    record Transform(String template) implements Rewrite {
        public Transform {
            template = Specs.text(template);
        }
    }

    /** Merges JSON-object values into one map ({@code Extract}) or one JSON key ({@code JSON}). */
    record Merge(
            String into,
            List<String> priority,
            PriorityPolicy priorityPolicy,
            ConflictPolicy conflictPolicy,
            Strategy strategy)
            implements Rewrite {

        public Merge {
            into = Specs.text(into);
            priority = Specs.list(priority);
            priorityPolicy = Objects.requireNonNullElse(priorityPolicy, PriorityPolicy.STRICT);
            conflictPolicy = Objects.requireNonNullElse(conflictPolicy, ConflictPolicy.ERROR);
            strategy = Objects.requireNonNullElse(strategy, Strategy.EXTRACT);
        }

        /** What a priority key that is absent does. */
        public enum PriorityPolicy implements SpecEnum {
            STRICT("Strict"),
            IGNORE_NOT_FOUND("IgnoreNotFound");

            private final String specName;

            PriorityPolicy(String specName) {
                this.specName = specName;
            }

            @Override
            public String specName() {
                return specName;
            }
        }

        /** What a member seen in two values does. */
        public enum ConflictPolicy implements SpecEnum {
            ERROR("Error"),
            IGNORE("Ignore");

            private final String specName;

            ConflictPolicy(String specName) {
                this.specName = specName;
            }

            @Override
            public String specName() {
                return specName;
            }
        }

        /** Replace the map with the merged members, or add one key holding the merged JSON. */
        public enum Strategy implements SpecEnum {
            EXTRACT("Extract"),
            JSON("JSON");

            private final String specName;

            Strategy(String specName) {
                this.specName = specName;
            }

            @Override
            public String specName() {
                return specName;
            }
        }
    }
}
