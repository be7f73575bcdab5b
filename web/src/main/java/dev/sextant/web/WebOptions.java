package dev.sextant.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * How the web server listens and guards itself.
 *
 * @param host         interface to bind; {@code 127.0.0.1} by default. Anything that is not loopback exposes the
 *                     server, which then requires a {@code token}.
 * @param port         TCP port; 0 picks a free one (see {@link WebServer#port()}).
 * @param token        bearer token required on every state-changing request ({@code POST}); null or blank = none
 *                     (allowed only on loopback).
 * @param maxBodyBytes largest accepted request body; larger ones get 413.
 */
public record WebOptions(String host, int port, String token, long maxBodyBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    public WebOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host is blank; use 127.0.0.1 for local use");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is below 1024");
        if (token != null && token.isBlank()) token = null;
    }

    /** 127.0.0.1:7070, no token, 1 MiB bodies. */
    public static WebOptions defaults() {
        return new WebOptions(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES);
    }

    public WebOptions withHost(String newHost) { return new WebOptions(newHost, port, token, maxBodyBytes); }
    public WebOptions withPort(int newPort) { return new WebOptions(host, newPort, token, maxBodyBytes); }
    public WebOptions withToken(String newToken) { return new WebOptions(host, port, newToken, maxBodyBytes); }
    public WebOptions withMaxBodyBytes(long bytes) { return new WebOptions(host, port, token, bytes); }

    /** True when {@link #host()} resolves to a loopback address only. */
    public boolean loopback() {
        if (host.equalsIgnoreCase("localhost")) return true;
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True when POST requests must carry {@code Authorization: Bearer <token>}. */
    public boolean authRequired() {
        return token != null || !loopback();
    }
}
