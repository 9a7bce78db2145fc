package dev.jmlflow.access;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access plans as JSON strings, the form in which processes keep them: a plain string variable is readable in
 * Cockpit and needs no object serialization in the engine.
 */
public final class AccessPlanJson {

    // only the record components: derived answers such as isBlocked() are recomputed, never stored
    private static final ObjectMapper MAPPER = new ObjectMapper().setVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE);

    private AccessPlanJson() {
    }

    public static String write(AccessPlan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("access plan cannot be written as JSON", e);
        }
    }

    public static AccessPlan read(String json) {
        try {
            return MAPPER.readValue(json, AccessPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an access plan: " + e.getOriginalMessage(), e);
        }
    }
}
