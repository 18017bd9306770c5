package io.eso4j.mapping;

import io.eso4j.SecretMappingException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test double for the Go template engine: replaces each {@code {{ .name }}} or {@code {{ .name | upper }}} action
 * with the (upper-cased) value; any other action fails. Enough to test where templates are applied, not how.
 */
final class FakeTemplateRenderer implements TemplateRenderer {

    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z0-9_]+)(\\s*\\|\\s*upper)?");

    @Override
    public String render(String template, Map<String, Object> data) {
        Matcher action = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (action.find()) {
            Matcher field = FIELD.matcher(action.group(1));
            if (!field.matches()) {
                throw new SecretMappingException("test double cannot render: " + action.group(1));
            }
            Object value = data.get(field.group(1));
            if (value == null) {
                throw new SecretMappingException("map has no entry for key \"" + field.group(1) + "\"");
            }
            String text = value.toString();
            action.appendReplacement(
                    out, Matcher.quoteReplacement(field.group(2) == null ? text : text.toUpperCase(Locale.ROOT)));
        }
        action.appendTail(out);
        return out.toString();
    }
}
