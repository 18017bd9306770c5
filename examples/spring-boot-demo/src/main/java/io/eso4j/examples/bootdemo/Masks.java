package io.eso4j.examples.bootdemo;

/** How the demo shows a secret value: enough to tell two values apart, never the value. Stateless. */
final class Masks {

    private Masks() {}

    /** Stars and the length: tells a rotation apart in the demo without showing any character of the value. */
    static String mask(String value) {
        return "******** (" + value.length() + " chars)";
    }
}
