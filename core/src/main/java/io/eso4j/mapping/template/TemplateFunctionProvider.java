package io.eso4j.mapping.template;

import java.util.List;

/**
 * Adds template functions from another artifact, found with {@link java.util.ServiceLoader} when the template engine
 * starts ({@code META-INF/services/io.eso4j.mapping.template.TemplateFunctionProvider}). eso4j's own
 * {@code eso4j-template-crypto} uses it for ESO's functions that need Bouncy Castle (PKCS#12, bcrypt, certificate
 * generation), so core stays small. Only names of ESO's function map may be added; others are ignored.
 *
 * <p>Implementations must be stateless and thread-safe, and must not put argument values into exception messages.
 */
public interface TemplateFunctionProvider {

    /** Registers this provider's functions. Called once, on the class-initialisation of the engine. */
    void register(Registry registry);

    /** Go parameter types a provided function declares; arguments are checked as Go's reflection-based call does. */
    enum Type {
        /** Go {@code string}: a {@link String}; binary data as {@link GoBytes} strings. */
        STRING,
        /** Go {@code int}: a {@link Long}. */
        INT,
        /** Go {@code interface {}}: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, null, a
         * {@code List<Object>} or a {@code Map<String, Object>} (a copy). */
        ANY
    }

    /** A function's body: arguments in declaration order, converted as {@link Type} says. */
    @FunctionalInterface
    interface Body {
        /**
         * Computes the result: a {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List} or
         * {@code Map<String, ?>} (a Go struct such as Sprig's {@code certificate} is a map of its field names).
         *
         * @throws TemplateFunctionException for an error the template reports as {@code error calling NAME: message}
         */
        Object apply(List<Object> args);
    }

    /** Where functions are added. */
    interface Registry {
        /**
         * Adds a function.
         *
         * @param name a name of ESO's function map
         * @param params its fixed parameters
         * @param variadic the type of a trailing variadic parameter, or null
         */
        void add(String name, List<Type> params, Type variadic, Body body);
    }
}
