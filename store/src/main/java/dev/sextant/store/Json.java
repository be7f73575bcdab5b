package dev.sextant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text for the map-valued columns. Round trip keeps the canonical value types of bo-core: integers come back
 * as Long, floating-point numbers (also NaN and infinities) as Double, strings, booleans, lists and maps (key order
 * kept). Thread-safe.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    /** For study specs: integers as Integer when they fit (as written in Java or parsed from YAML), else Long. */
    private static final JsonMapper SPEC_MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private Json() {
    }

    /** null for a null map. */
    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be stored as JSON (only numbers, strings, booleans, "
                    + "lists and maps are allowed): " + e.getOriginalMessage(), e);
        }
    }

    /** Mutable insertion-ordered map (integers as Long); an empty map for null text. */
    static Map<String, Object> readMap(String json) {
        return read(MAPPER, json);
    }

    /** A StudySpecCodec map: like {@link #readMap} but integers that fit come back as Integer. */
    static Map<String, Object> readSpecMap(String json) {
        return read(SPEC_MAPPER, json);
    }

    private static Map<String, Object> read(JsonMapper mapper, String json) {
        if (json == null || json.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in the store: " + e.getOriginalMessage(), e);
        }
    }
}
