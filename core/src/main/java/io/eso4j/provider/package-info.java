/**
 * The provider SPI: {@link io.eso4j.provider.SecretsProvider}, what the engine asks of a secrets service. The
 * implementations live in sub-packages, one per service ({@code aws} for Secrets Manager).
 */
package io.eso4j.provider;
