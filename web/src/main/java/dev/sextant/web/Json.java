package dev.sextant.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading request bodies (bounded, strict JSON) and writing JSON responses. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1 << 20).build());
    }

    private Json() {}

    /** The body as an object node; empty body = empty object. 400 for malformed JSON or a non-object, 413 when too large. */
    static ObjectNode body(Context ctx, long maxBytes) {
        byte[] bytes = readBounded(ctx, maxBytes);
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) return MAPPER.createObjectNode();
        if (!node.isObject()) {
            throw ApiException.badRequest("expected a JSON object as the request body, got " + kind(node));
        }
        return (ObjectNode) node;
    }

    static byte[] readBounded(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBytes) {
                swallow(in, declared, maxBytes);
                throw tooLarge(maxBytes);
            }
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                swallow(in, Long.MAX_VALUE, maxBytes);
                throw tooLarge(maxBytes);
            }
            return data;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Reads and drops the rest of an oversized body, up to {@value #SWALLOW_FACTOR}× the limit, so a client still
     * sending it finishes and reads the 413 instead of seeing the connection reset; beyond that the connection is
     * simply closed (an abusive body is never read to its end).
     */
    private static void swallow(InputStream in, long declared, long maxBytes) throws IOException {
        if (declared > SWALLOW_FACTOR * maxBytes) {
            return;
        }
        long budget = SWALLOW_FACTOR * maxBytes;
        byte[] buffer = new byte[8192];
        for (int r; budget > 0 && (r = in.read(buffer, 0, (int) Math.min(buffer.length, budget))) >= 0; ) {
            budget -= r;
        }
    }

    private static final long SWALLOW_FACTOR = 4;

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "request body is larger than the limit of " + maxBytes + " bytes");
    }

    static void write(Context ctx, int status, Object value) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise the response", e);
        }
        ctx.status(status).contentType("application/json; charset=utf-8").result(bytes);
    }

    static void error(Context ctx, int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message == null || message.isBlank() ? "request refused" : message);
        write(ctx, status, m);
    }

    static String kind(JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isObject()) return "an object";
        if (node.isArray()) return "an array";
        if (node.isTextual()) return "the string " + quote(node.asText());
        if (node.isBoolean()) return "the boolean " + node.asBoolean();
        if (node.isNumber()) return "the number " + node.asText();
        return node.getNodeType().toString().toLowerCase();
    }

    static String quote(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "'" + t + "'";
    }

    /** Plain Java value of a node: Map, List, String, Boolean, Long/Integer/Double, or null. */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode n : node) l.add(plain(n));
            return l;
        }
        if (node.isTextual()) return node.asText();
        if (node.isBoolean()) return node.asBoolean();
        if (node.isIntegralNumber()) return node.canConvertToLong() ? (Object) node.asLong() : (Object) node.asDouble();
        if (node.isNumber()) return node.asDouble();
        return node.asText();
    }

    /** A JSON-safe copy: non-finite doubles become null, unknown objects their string form. */
    static Object safe(Object value) {
        if (value == null) return null;
        if (value instanceof Double d) return d.isNaN() || d.isInfinite() ? null : d;
        if (value instanceof Float f) return f.isNaN() || f.isInfinite() ? null : f;
        if (value instanceof Number || value instanceof String || value instanceof Boolean) return value;
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), safe(v)));
            return m;
        }
        if (value instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            for (Object o : it) l.add(safe(o));
            return l;
        }
        if (value instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (double v : a) l.add(safe(v));
            return l;
        }
        if (value instanceof Enum<?> e) return e.name();
        return value.toString();
    }
}
