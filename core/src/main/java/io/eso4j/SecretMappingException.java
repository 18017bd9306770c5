package io.eso4j;

/**
 * Fetched data could not be turned into the target Secret by ESO's rules: a missing property, a payload that is
 * not the JSON the spec needs, a failed decoding, a key collision, an invalid key, a template error. The message
 * follows ESO's wording (so users can search it) and names the ExternalSecret and field path, never a value.
 */
public class SecretMappingException extends SecretsException {

    private static final long serialVersionUID = 1L;

    public SecretMappingException(String message) {
        super(message);
    }

    public SecretMappingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public SecretMappingException withContext(String context) {
        return new SecretMappingException(context + getMessage(), this);
    }
}
