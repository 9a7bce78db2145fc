package dev.jmlflow.provisioning;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The mass-change guard ({@code jmlflow.mass-change-guard.*}).
 *
 * @param threshold destructive changes (deactivations, deletions, group removals) per target in {@code window}
 *                  that go through without asking; the next ones are held (default 25)
 * @param window    the sliding window they are counted in (default 1 hour)
 * @param recheck   how often a held change's job looks again whether the app owner allowed it (default 5 min)
 */
@Validated
@ConfigurationProperties("jmlflow.mass-change-guard")
public record MassChangeGuardProperties(@DefaultValue("25") @Min(1) int threshold,
                                        @DefaultValue("PT1H") @NotNull Duration window,
                                        @DefaultValue("PT5M") @NotNull Duration recheck) {
}
