package io.eso4j.examples.bootdemo;

/** How the demo shows a secret value: enough to tell two values apart, never the value. Stateless. */
final class Masks {

    private Masks() {}

    /** The first two characters (none for values under 8), stars for the rest, and the length. */
    static String mask(String value) {
        int shown = Math.min(2, value.length() / 4);
        return value.substring(0, shown) + "*".repeat(value.length() - shown) + " (" + value.length() + " chars)";
    }
}
