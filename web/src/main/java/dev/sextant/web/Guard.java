package dev.sextant.web;

import io.javalin.http.Context;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Request checks run before every handler: security headers; on a loopback bind, a Host header naming loopback
 * (defeats DNS rebinding); for state-changing methods, a same-origin Origin when one is sent (defeats cross-site
 * form posts) and, when required, {@code Authorization: Bearer <token>} (compared in constant time).
 */
final class Guard {
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final WebOptions options;
    private final byte[] token;
    private final boolean loopback;
    private final boolean authRequired;

    Guard(WebOptions options) {
        this.options = options;
        this.loopback = options.loopback();
        this.authRequired = options.authRequired();
        this.token = options.token() == null ? null : options.token().getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", ctx.path().startsWith("/webjars/") ? "public, max-age=86400" : "no-store");
        if (loopback) {
            String host = hostName(ctx.header("Host"));
            if (host != null && !LOOPBACK_HOSTS.contains(host)) {
                throw new ApiException(403, "this server listens on loopback only; Host " + Json.quote(host)
                        + " is refused (use http://127.0.0.1:port/ or start it with --host and a token)");
            }
        }
        String method = ctx.req().getMethod().toUpperCase(Locale.ROOT);
        if (SAFE_METHODS.contains(method)) return;
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            throw new ApiException(403, "cross-origin request refused (Origin " + Json.quote(origin) + ")");
        }
        if (authRequired) {
            String auth = ctx.header("Authorization");
            if (token == null || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    || !MessageDigest.isEqual(token, auth.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiException(401, "this request changes state and needs the header 'Authorization: Bearer <token>' "
                        + "with the token the server was started with");
            }
        }
    }

    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return null;
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) return false;
        try {
            URI u = URI.create(origin.trim());
            String authority = u.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(hostHeader.trim())
                    && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
