package io.eso4j.mapping.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Loads {@link TemplateFunctionProvider}s and adapts their functions to the engine's values. */
final class Providers {

    private Providers() {}

    static void load() {
        ServiceLoader<TemplateFunctionProvider> loader =
                ServiceLoader.load(TemplateFunctionProvider.class, Providers.class.getClassLoader());
        for (TemplateFunctionProvider provider : loader) {
            provider.register(Providers::add);
        }
    }

    private static Functions.Param param(TemplateFunctionProvider.Type type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case STRING -> Functions.Param.STRING;
            case INT -> Functions.Param.INT;
            case ANY -> Functions.Param.ANY;
        };
    }

    static void add(
            String name,
            List<TemplateFunctionProvider.Type> params,
            TemplateFunctionProvider.Type variadic,
            TemplateFunctionProvider.Body body) {
        if (!Functions.isEsoName(name) || Functions.isRegistered(name)) {
            return;
        }
        List<Functions.Param> mapped = new ArrayList<>();
        params.forEach(p -> mapped.add(param(p)));
        Functions.add(name, List.copyOf(mapped), param(variadic), args -> {
            List<Object> plain = new ArrayList<>(args.size());
            args.forEach(a -> plain.add(toPlain(a, 0)));
            try {
                return fromPlain(body.apply(plain), 0);
            } catch (TemplateFunctionException e) {
                throw new TemplateExecException(e.getMessage());
            }
        });
    }

    private static Object toPlain(Object v, int depth) {
        if (depth > 100) {
            throw new TemplateExecException("argument nested deeper than 100 levels");
        }
        if (v instanceof GoMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, x) -> out.put(k, toPlain(x, depth + 1)));
            return out;
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(toPlain(x, depth + 1)));
            return out;
        }
        return v;
    }

    private static Object fromPlain(Object v, int depth) {
        if (depth > 100) {
            throw new TemplateExecException("result nested deeper than 100 levels");
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), fromPlain(x, depth + 1)));
            return GoMap.of(out, false);
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(fromPlain(x, depth + 1)));
            return out;
        } else if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }
}
