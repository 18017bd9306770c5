/**
 * ESO's template functions that need Bouncy Castle (PKCS#12, bcrypt and htpasswd, key and certificate
 * generators), contributed to core's template engine through its {@code TemplateFunctionProvider} service when
 * this artifact is on the class path. Core names this artifact in its error when a template calls one of these
 * functions without it.
 */
package io.eso4j.template.crypto;
