package io.eso4j.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A guard that sees every {@code http}/{@code https} connection the JVM opens through {@link URL}, which is how the
 * AWS SDK's URL-connection HTTP client (the only one eso4j uses) and the SDK's credential providers for container
 * and instance metadata connect. While {@linkplain #arm() armed}, a connection to anything but loopback is recorded
 * and refused with a {@link ConnectException} before any DNS lookup or socket; disarmed, it delegates to the JDK's
 * own handler unchanged. Installed once per JVM (a {@link URL#setURLStreamHandlerFactory} factory can be set once),
 * so later tests in the same fork are unaffected.
 *
 * <p>Deterministic by construction: it does not depend on what the machine's network or DNS would do, and the JDK
 * consults the factory for every new {@code URL} of these protocols once it is set.
 */
final class NoNetwork {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final List<String> REFUSED = new CopyOnWriteArrayList<>();
    private static volatile boolean armed;
    private static boolean installed;

    private NoNetwork() {}

    /** Installs the guard (once) and starts refusing non-loopback connections; clears the record. */
    @SuppressWarnings("deprecation") // URL(String) and URL(URL, String): URL.of(URI, handler) needs Java 20
    static synchronized void arm() throws IOException {
        if (!installed) {
            // Created before the factory, these carry the JDK's own handlers, which new URL(context, spec) inherits.
            URL http = new URL("http://127.0.0.1/");
            URL https = new URL("https://127.0.0.1/");
            URL.setURLStreamHandlerFactory(protocol -> switch (protocol) {
                case "http" -> guarded(http);
                case "https" -> guarded(https);
                default -> null;
            });
            installed = true;
        }
        REFUSED.clear();
        armed = true;
    }

    /** Stops refusing; connections go through the JDK's handler again. */
    static void disarm() {
        armed = false;
    }

    /** The URLs refused since the last {@link #arm()}. */
    static List<String> refused() {
        return List.copyOf(REFUSED);
    }

    private static URLStreamHandler guarded(URL context) {
        return new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) throws IOException {
                return open(url, null);
            }

            @Override
            protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
                return open(url, proxy);
            }

            @SuppressWarnings("deprecation")
            private URLConnection open(URL url, Proxy proxy) throws IOException {
                if (armed && !LOOPBACK.contains(url.getHost())) {
                    REFUSED.add(
                            url.getProtocol() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()));
                    throw new ConnectException(
                            "NoNetwork: non-loopback connection refused by the test: " + url.getHost());
                }
                URL real = new URL(context, url.toExternalForm());
                return proxy == null ? real.openConnection() : real.openConnection(proxy);
            }
        };
    }
}
