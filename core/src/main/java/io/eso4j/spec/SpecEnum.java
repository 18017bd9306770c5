package io.eso4j.spec;

/**
 * An enum of the spec whose constants have an ESO spelling (for example {@code Base64URL} for
 * {@link DecodingStrategy#BASE64_URL}). Lets the loader and the error messages use the manifest's own words.
 */
public interface SpecEnum {

    /** The value exactly as it is written in an ESO manifest. */
    String specName();

    /**
     * The constant whose {@link #specName()} equals {@code value}, case-sensitively like ESO's CRD enums.
     *
     * @throws IllegalArgumentException naming the accepted values when none matches
     */
    static <E extends Enum<E> & SpecEnum> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.specName().equals(value)) {
                return constant;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(constant.specName());
        }
        throw new IllegalArgumentException(
                "unsupported value " + GoDuration.quote(String.valueOf(value)) + ", expected one of: " + accepted);
    }
}
