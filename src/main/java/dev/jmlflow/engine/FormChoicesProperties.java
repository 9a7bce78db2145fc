package dev.jmlflow.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The start forms' pickers ({@code jmlflow.forms.*}).
 *
 * @param choiceLimit the most options one select offers (default 2000, at most 20000). Every option travels in the
 *                    form, about 150 bytes each with its summary, and form-js searches them in the browser; beyond
 *                    the limit the people listed last by name are not offered (see README, "Names, not ids").
 */
@Validated
@ConfigurationProperties("jmlflow.forms")
public record FormChoicesProperties(@Min(1) @Max(20_000) @DefaultValue("2000") int choiceLimit) {
}
