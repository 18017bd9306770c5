package io.eso4j.mapping.template;

/**
 * ESO's PEM helpers for {@link TemplateFunctionProvider}s: Go's PEM encoding and ESO's chain ordering
 * ({@code runtime/template/v2/pem_chain.go}), shared so that {@code eso4j-template-crypto} orders PKCS#12 chains
 * exactly as {@code filterCertChain} does. Stateless.
 */
public final class EsoCertificates {

    private EsoCertificates() {}

    /** Go's {@code pem.Encode} of one block without headers. */
    public static String pem(String type, byte[] der) {
        return Pem.encode(type, der);
    }

    /**
     * ESO's {@code pkcs12certPass} ordering: the certificates of {@code pemData} as leaf → intermediates → root when
     * one chain can be inferred from key identifiers, else {@code pemData} unchanged.
     */
    public static String orderedChainOrInput(String pemData) {
        try {
            StringBuilder out = new StringBuilder();
            for (EsoFunctions.Cert cert : EsoFunctions.chain(GoBytes.bytes(pemData))) {
                out.append(Pem.encode("CERTIFICATE", cert.der()));
            }
            return out.toString();
        } catch (TemplateExecException e) {
            return pemData;
        }
    }

    /** The DER bytes of each block of {@code pem} (Go's {@code pem.Decode} loop), or an empty list. */
    public static java.util.List<byte[]> blocks(String pem) {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        for (Pem.Block b : Pem.all(GoBytes.bytes(pem))) {
            out.add(b.bytes());
        }
        return out;
    }

    /** The first PEM block of {@code pem} as type and DER, or null (Go's {@code pem.Decode}). */
    public static Block first(String pem) {
        Pem.Decoded d = Pem.decode(GoBytes.bytes(pem));
        return d.block() == null ? null : new Block(d.block().type(), d.block().bytes(), GoBytes.string(d.rest()));
    }

    /** A decoded PEM block and the text after it. */
    public record Block(String type, byte[] der, String rest) {}
}
