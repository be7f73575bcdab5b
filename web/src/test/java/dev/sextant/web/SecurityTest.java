package dev.sextant.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.core.study.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.sextant.web.Http.study;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens, exposure, Host/Origin checks, headers, and escaping of user text (XSS). */
class SecurityTest {
    static final String XSS = "<script>alert(1)</script>";

    @Test
    void tokenGuardsEveryStateChangingRequest() {
        try (WebServer s = Fixtures.server(new InMemoryStorage(), WebOptions.defaults().withPort(0).withToken("s3cret-token"))) {
            Http http = new Http(s.port());
            Http.Response noToken = http.post("/api/studies", Fixtures.spec("guarded"));
            assertEquals(401, noToken.status(), noToken.body());
            assertTrue(noToken.error().contains("Authorization: Bearer"));
            assertEquals("Bearer", noToken.raw().headers().firstValue("WWW-Authenticate").orElse(""));
            http.token = "wrong";
            assertEquals(401, http.post("/api/studies", Fixtures.spec("guarded")).status());
            http.token = "s3cret-token";
            assertEquals(201, http.post("/api/studies", Fixtures.spec("guarded")).status());
            Http.Response asked = http.post(study("guarded") + "/ask", "{}");
            assertEquals(200, asked.status());
            long id = asked.json().get(0).get("number").asLong();

            http.token = null;
            for (String path : List.of(study("guarded") + "/ask", study("guarded") + "/enqueue", study("guarded") + "/trials/" + id + "/tell",
                    study("guarded") + "/trials/" + id + "/fail", study("guarded") + "/trials/" + id + "/abandon", study("guarded") + "/predict")) {
                assertEquals(401, http.post(path, "{}").status(), path);
            }
            Http.Response deleteWithoutToken = http.delete(study("guarded"));
            assertEquals(401, deleteWithoutToken.status(), deleteWithoutToken.body());
            assertEquals(200, http.get(study("guarded") + "/trials/" + id).status(), "reading one trial needs no token");
            // reading needs no token (the dashboard is read-only)
            assertEquals(200, http.get("/api/studies").status());
            assertEquals(200, http.get(study("guarded") + "/trials").status());
            assertEquals(200, http.get("/").status());
            assertEquals(1, http.get(study("guarded")).json().get("counts").get("RUNNING").asInt(), "refused requests changed nothing");
            http.token = "s3cret-token";
            assertEquals(200, http.delete(study("guarded")).status(), "with the token the study can be deleted");
            assertEquals(404, http.get(study("guarded")).status());
        }
    }

    @Test
    void refusesToListenExposedWithoutAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.server(new InMemoryStorage(), WebOptions.defaults().withHost("0.0.0.0").withPort(0)));
        assertTrue(e.getMessage().contains("token"), e.getMessage());
        assertTrue(WebOptions.defaults().loopback());
        assertFalse(WebOptions.defaults().authRequired());
        assertTrue(WebOptions.defaults().withHost("0.0.0.0").authRequired());
        assertEquals("127.0.0.1", WebOptions.defaults().host());
        assertEquals(7070, WebOptions.defaults().port());
    }

    @Test
    void exposedWithATokenStartsAndDemandsIt() {
        try (WebServer s = Fixtures.server(new InMemoryStorage(), WebOptions.defaults().withHost("0.0.0.0").withPort(0).withToken("t0k"))) {
            Http http = new Http(s.port());
            assertEquals(401, http.post("/api/studies", Fixtures.spec("exposed")).status());
            http.token = "t0k";
            assertEquals(201, http.post("/api/studies", Fixtures.spec("exposed")).status());
        }
    }

    @Test
    void loopbackRefusesForeignHostAndCrossOriginPosts() throws Exception {
        try (WebServer s = Fixtures.server()) {
            String rebound = raw(s.port(), "GET /api/studies HTTP/1.1\r\nHost: attacker.example:" + s.port() + "\r\nConnection: close\r\n\r\n");
            assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
            String local = raw(s.port(), "GET /api/studies HTTP/1.1\r\nHost: localhost:" + s.port() + "\r\nConnection: close\r\n\r\n");
            assertTrue(local.startsWith("HTTP/1.1 200"), local);

            Http http = new Http(s.port());
            Http.Response cross = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + "/api/studies"))
                    .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(Fixtures.spec("csrf")))));
            assertEquals(403, cross.status(), cross.body());
            assertEquals(404, http.get(study("csrf")).status(), "the cross-origin post created nothing");
            Http.Response same = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + "/api/studies"))
                    .header("Origin", http.base).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(Fixtures.spec("same-origin")))));
            assertEquals(201, same.status(), same.body());
        }
    }

    @Test
    void securityHeadersOnPagesAndApi() {
        try (WebServer s = Fixtures.server()) {
            Http http = new Http(s.port());
            for (String path : List.of("/", "/study.html", "/api/studies", "/openapi.json")) {
                Http.Response r = http.get(path);
                assertEquals(200, r.status(), path);
                var h = r.raw().headers();
                assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""), path);
                assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(""), path);
                String csp = h.firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline' 'self'; script"), csp);
                assertFalse(csp.matches(".*script-src[^;]*unsafe-inline.*"), "inline scripts must stay forbidden: " + csp);
            }
        }
    }

    @Test
    void chartLibraryIsServedFromTheJar() {
        try (WebServer s = Fixtures.server()) {
            Http http = new Http(s.port());
            Http.Response page = http.get("/study.html");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script src=\"([^\"]+)\"").matcher(page.body());
            int scripts = 0;
            while (m.find()) {
                String src = m.group(1);
                assertTrue(src.startsWith("/"), "script from another origin: " + src);
                Http.Response js = http.get(src);
                assertEquals(200, js.status(), src);
                assertTrue(js.body().length() > 1000, src);
                scripts++;
            }
            assertEquals(3, scripts);
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), "the page references the internet");
            Http.Response gz = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + "/webjars/plotly.js-dist/3.3.1/plotly.js"))
                    .header("Accept-Encoding", "gzip").GET());
            assertEquals(200, gz.status());
            assertEquals("gzip", gz.raw().headers().firstValue("Content-Encoding").orElse("none"), "11 MB of JavaScript should be compressed");
        }
    }

    @Test
    void studyNamedLikeAScriptIsNeverInjected() throws Exception {
        try (WebServer s = Fixtures.server()) {
            Http http = new Http(s.port());
            Http.Response created = http.post("/api/studies", Fixtures.spec(XSS));
            assertEquals(201, created.status(), created.body());
            Http.Response got = http.get(study(XSS));
            assertEquals(200, got.status(), got.body());
            assertEquals(XSS, got.json().get("name").asText());
            assertTrue(got.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            // the pages are static: no server-side templating ever puts the name into HTML
            for (String page : List.of("/", "/index.html", "/study.html", "/study.html?name=" + Http.enc(XSS), "/index.js", "/study.js", "/common.js")) {
                Http.Response r = http.get(page);
                assertEquals(200, r.status(), page);
                assertFalse(r.body().contains(XSS), page + " contains the raw name");
                assertFalse(r.body().contains("alert(1)"), page);
            }
            // and the scripts never write markup built from data
            for (String js : List.of("/index.js", "/study.js", "/common.js")) {
                String body = http.get(js).body();
                assertFalse(body.contains("innerHTML") || body.contains("outerHTML") || body.contains("insertAdjacentHTML")
                        || body.contains("document.write"), js + " uses an HTML sink");
            }
            JsonNode list = http.get("/api/studies").json();
            assertEquals(XSS, list.get(0).get("name").asText());
        }
    }

    static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) sb.append(line).append('\n');
            return sb.toString();
        }
    }

}
