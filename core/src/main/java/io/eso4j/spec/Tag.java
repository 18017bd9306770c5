package io.eso4j.spec;

/** A {@code key}/{@code value} pair, as in {@code sessionTags}. */
public record Tag(String key, String value) {

    public Tag {
        key = Specs.text(key);
        value = Specs.text(value);
    }
}
