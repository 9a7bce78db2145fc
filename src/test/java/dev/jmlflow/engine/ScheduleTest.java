package dev.jmlflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Every dated step reads its days in the one company time zone, {@code jmlflow.time-zone}. */
class ScheduleTest {

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void withoutConfigurationTheCompanyTimeZoneIsUtc() {
        assertThat(zone(Map.of()).timeZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void todayIsTheDateInTheCompanyTimeZone() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-01T23:30:00Z")));

        assertThat(berlin().today()).isEqualTo(LocalDate.parse("2026-03-02"));
    }

    @Test
    void aDayStartsAtMidnightInTheCompanyTimeZone() {
        assertThat(berlin().startOf(LocalDate.parse("2026-07-01"))).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
    }

    @Test
    void aJoinerIsProvisionedTheLeadTimeBeforeMidnightOfTheStartDateInTheCompanyTimeZone() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(berlin().joinerProvisioningAt("2026-07-01")).isEqualTo(Date.from(Instant.parse("2026-06-29T22:00:00Z")));
    }

    private static Schedule berlin() {
        return new Schedule(zone(Map.of("jmlflow.time-zone", "Europe/Berlin")), () -> Duration.ofDays(1));
    }

    private static CompanyTimeZone zone(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("jmlflow", CompanyTimeZone.class);
    }
}
