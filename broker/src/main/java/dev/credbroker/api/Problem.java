package dev.credbroker.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * An RFC 7807 problem document.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7807#section-3">RFC 7807 §3</a>
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An RFC 7807 problem document; extension members (variable, limit, setting, …) sit beside these",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @JsonAnyGetter @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:credbroker:problem:";

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
