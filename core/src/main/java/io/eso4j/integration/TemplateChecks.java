package io.eso4j.integration;

import io.eso4j.SecretMappingException;
import io.eso4j.mapping.template.GoTemplate;
import io.eso4j.spec.ExternalSecret;
import io.eso4j.spec.Rewrite;
import io.eso4j.spec.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses every template of an ExternalSecret without rendering it (issue 14 item 5), so a manifest that cannot render
 * never passes {@code validate}: syntax errors, unknown functions and functions that need an artifact not on the
 * class path, each with its field path, e.g. {@code spec.target.template.data.tls.crt: template: 1:4: function "x"
 * not defined}. Messages never contain template text beyond the failing construct. Stateless.
 */
public final class TemplateChecks {

    private TemplateChecks() {}

    /** The problems of every template in {@code externalSecret}, in manifest order; empty when all parse. */
    public static List<String> problems(ExternalSecret externalSecret) {
        List<String> problems = new ArrayList<>();
        Template template = externalSecret.target().template();
        if (template != null) {
            check(problems, "spec.target.template.metadata.labels.", template.labels());
            check(problems, "spec.target.template.metadata.annotations.", template.annotations());
            for (int i = 0; i < template.templateFrom().size(); i++) {
                check(
                        problems,
                        "spec.target.template.templateFrom[" + i + "].literal",
                        template.templateFrom().get(i).literal());
            }
            check(problems, "spec.target.template.data.", template.data());
        }
        for (int i = 0; i < externalSecret.dataFrom().size(); i++) {
            List<Rewrite> rewrites = externalSecret.dataFrom().get(i).rewrite();
            for (int j = 0; j < rewrites.size(); j++) {
                if (rewrites.get(j) instanceof Rewrite.Transform t) {
                    check(problems, "spec.dataFrom[" + i + "].rewrite[" + j + "].transform.template", t.template());
                }
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String prefix, Map<String, String> templates) {
        templates.forEach((key, text) -> check(problems, prefix + key, text));
    }

    private static void check(List<String> problems, String path, String text) {
        try {
            GoTemplate.parse(text);
        } catch (SecretMappingException e) {
            problems.add(path + ": " + e.getMessage());
        }
    }
}
