/**
 * {@code spec.provider.aws.service: CertificateManager}: {@link io.eso4j.provider.aws.acm.CertificateManagerProvider}
 * reads an exportable ACM certificate ({@code GetCertificate}, {@code DescribeCertificate}, {@code ExportCertificate})
 * as ESO's {@code providers/v1/aws/certificatemanager/certificatemanager.go} does (the client comes from
 * {@link io.eso4j.provider.aws.CertificateManagerClients}). Internal: not exported.
 */
package io.eso4j.provider.aws.acm;
