package dev.jmlflow.leaver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jmlflow.engine.CompanyTimeZone;
import dev.jmlflow.engine.Schedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code jmlflow.leaver.*} and {@code jmlflow.time-zone}: defaults, binding from configuration, and the cut-off they produce. */
class LeaverPropertiesTest {

    @Test
    void withoutConfigurationAccessEndsAtMidnightUtcAndAccountsAreKeptThirtyDays() {
        LeaverProperties properties = bind(Map.of());

        assertThat(zone(Map.of()).timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(schedule(Map.of()).retention()).isEqualTo("PT720H");
    }

    @Test
    void theTimeZoneAndRetentionComeFromConfiguration() {
        Map<String, String> configuration = Map.of("jmlflow.time-zone", "America/New_York",
                "jmlflow.leaver.retention", "P90D");
        LeaverProperties properties = bind(configuration);

        assertThat(zone(configuration).timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void theLastDayEndsAtMidnightInTheCompanyTimeZoneAcrossADaylightSavingChange() {
        LeaverSchedule schedule = schedule(Map.of("jmlflow.time-zone", "Europe/Berlin"));

        // 2026-10-25 is the day Berlin leaves summer time: midnight after it is 23:00 UTC
        assertThat(schedule.endOfLastDay("2026-10-25")).isEqualTo(Date.from(java.time.Instant.parse("2026-10-25T23:00:00Z")));
        assertThat(schedule.endOfLastDay("2026-07-01")).isEqualTo(Date.from(java.time.Instant.parse("2026-07-01T22:00:00Z")));
    }

    @Test
    void aLastDayThatIsNotADateIsRefusedWithTheExpectedFormat() {
        LeaverSchedule schedule = schedule(Map.of());

        assertThatThrownBy(() -> schedule.endOfLastDay("01/07/2026")).hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void aRetentionOfZeroIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("jmlflow.leaver.retention", "P0D")))
                .hasRootCauseMessage("jmlflow.leaver.retention must be positive, e.g. P30D");
    }

    private static LeaverSchedule schedule(Map<String, String> values) {
        return new LeaverSchedule(new Schedule(zone(values), () -> Duration.ofDays(1)), bind(values));
    }

    private static CompanyTimeZone zone(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("jmlflow", CompanyTimeZone.class);
    }

    private static LeaverProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("jmlflow.leaver", LeaverProperties.class);
    }
}
