package io.eso4j.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eso4j.SecretMappingException;
import org.junit.jupiter.api.Test;

/** {@code find.name.regexp}: ESO's {@code runtime/find/find.go} (unanchored {@code MatchString}, its error prefix). */
class FindMatcherTest {

    @Test
    void reportsGosCompileErrorAfterEsosPrefix() {
        assertThatThrownBy(() -> FindMatcher.compile("(?=db)"))
                .isInstanceOf(SecretMappingException.class)
                .hasMessage("could not compile find.name.regexp [(?=db)]: error parsing regexp: invalid or unsupported"
                        + " Perl syntax: `(?=`");
    }

    @Test
    void matchesUnanchored() {
        assertThat(FindMatcher.compile("db/").matches("prod/db/password")).isTrue();
        assertThat(FindMatcher.compile("^db/").matches("prod/db/password")).isFalse();
    }

    @Test
    void hostileNamesFromAwsCompleteWithTheRightAnswer() {
        // issue 20: these hung or overflowed the stack on java.util.regex
        assertThat(FindMatcher.compile("(.*a){10}b").matches("a".repeat(60))).isFalse();
        assertThat(FindMatcher.compile("^((a|b|(c|d|(e|f)))+/)+(x|y)+$").matches("abcdef/".repeat(73) + "x"))
                .isTrue();
        assertThat(FindMatcher.compile("(a|b)+$").matches("ab".repeat(256))).isTrue();
    }
}
