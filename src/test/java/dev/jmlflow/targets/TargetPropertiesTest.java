package dev.jmlflow.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Start-up validation: every mistake is named with the key (or environment variable) that fixes it. */
class TargetPropertiesTest {

    private static final String SECRET = "tok-" + java.util.UUID.randomUUID();

    @Test
    void bindsACompleteTargetWithDefaults() {
        TargetProperties props = bind(Map.of(
                "jmlflow.targets.cortex.dialect", "cortex",
                "jmlflow.targets.cortex.base-url", "https://api.getcortexapp.com/scim/v2",
                "jmlflow.targets.cortex.token", SECRET));

        TargetSettings cortex = props.targets().get("cortex");
        assertThat(cortex.dialect()).isEqualTo(Dialect.CORTEX);
        assertThat(cortex.requestsPerSecond()).isEqualTo(10.0);
        assertThat(cortex.assign()).isEqualTo(Assign.ALL);
        assertThat(cortex.readTimeout()).hasSeconds(30);
        assertThat(cortex.ownerGroup()).isEqualTo("app-owners");
    }

    @Test
    void aTargetNamesTheGroupOfItsAppOwners() {
        TargetProperties props = bind(Map.of(
                "jmlflow.targets.cortex.dialect", "cortex",
                "jmlflow.targets.cortex.base-url", "https://api.getcortexapp.com/scim/v2",
                "jmlflow.targets.cortex.token", SECRET,
                "jmlflow.targets.cortex.owner-group", "cortex-owners"));

        assertThat(props.targets().get("cortex").ownerGroup()).isEqualTo("cortex-owners");
    }

    @Test
    void anOwnerGroupThatIsNoGroupIdNamesItsKey() {
        assertProblem(Map.of("jmlflow.targets.my-app.dialect", "generic", "jmlflow.targets.my-app.base-url",
                        "https://x.example.com/scim", "jmlflow.targets.my-app.token", SECRET,
                        "jmlflow.targets.my-app.owner-group", "app owners; drop"),
                "jmlflow.targets.my-app.owner-group 'app owners; drop' is not a group id");
    }

    @Test
    void bindsTheTokenFromTheEnvironmentVariableName() {
        TargetProperties props = bind(Map.of(
                "JMLFLOW_TARGETS_CORTEX_DIALECT", "cortex",
                "JMLFLOW_TARGETS_CORTEX_BASEURL", "https://api.getcortexapp.com/scim/v2",
                "JMLFLOW_TARGETS_CORTEX_TOKEN", SECRET,
                "JMLFLOW_TARGETS_CORTEX_ASSIGN", "by-rule"), true);

        assertThat(props.targets().get("cortex").token()).isEqualTo(SECRET);
        assertThat(props.targets().get("cortex").assign()).isEqualTo(Assign.BY_RULE);
    }

    @Test
    void resolvesACoralogixRegionToItsDocumentedUrl() {
        TargetProperties props = bind(Map.of(
                "jmlflow.targets.coralogix.dialect", "coralogix",
                "jmlflow.targets.coralogix.region", "eu2",
                "jmlflow.targets.coralogix.token", SECRET));

        assertThat(props.targets().get("coralogix").resolvedBaseUrl()).isEqualTo(URI.create("https://ng-api-http.eu2.coralogix.com/scim"));
    }

    @Test
    void anUnknownDialectListsTheValidOnes() {
        assertThatThrownBy(() -> bind(Map.of(
                "jmlflow.targets.x.dialect", "okta",
                "jmlflow.targets.x.base-url", "https://x.example.com/scim",
                "jmlflow.targets.x.token", SECRET)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("unknown dialect 'okta'; use one of coralogix, cortex, coginiti, generic");
    }

    @Test
    void aMissingTokenNamesTheEnvironmentVariable() {
        assertProblem(Map.of("jmlflow.targets.my-app.dialect", "generic", "jmlflow.targets.my-app.base-url", "https://x.example.com/scim"),
                "jmlflow.targets.my-app.token is missing; set it, e.g. through the environment variable JMLFLOW_TARGETS_MY_APP_TOKEN");
    }

    @Test
    void regionAndBaseUrlTogetherAreRefused() {
        assertProblem(Map.of("jmlflow.targets.cx.dialect", "coralogix", "jmlflow.targets.cx.region", "EU1",
                        "jmlflow.targets.cx.base-url", "https://ng-api-http.coralogix.com/scim", "jmlflow.targets.cx.token", SECRET),
                "jmlflow.targets.cx.base-url and jmlflow.targets.cx.region are both set; set only one");
    }

    @Test
    void neitherRegionNorBaseUrlIsRefused() {
        assertProblem(Map.of("jmlflow.targets.cx.dialect", "coralogix", "jmlflow.targets.cx.token", SECRET),
                "jmlflow.targets.cx.base-url is missing; set it or jmlflow.targets.cx.region (one of US1, EU1, EU2, AP1, AP2)");
    }

    @Test
    void anUnknownCoralogixRegionListsTheValidOnes() {
        assertProblem(Map.of("jmlflow.targets.cx.dialect", "coralogix", "jmlflow.targets.cx.region", "EU3", "jmlflow.targets.cx.token", SECRET),
                "jmlflow.targets.cx.region 'EU3' is not a Coralogix region; use one of US1, EU1, EU2, AP1, AP2");
    }

    @Test
    void aRegionOnANonCoralogixTargetIsRefused() {
        assertProblem(Map.of("jmlflow.targets.c.dialect", "cortex", "jmlflow.targets.c.region", "EU1", "jmlflow.targets.c.token", SECRET),
                "jmlflow.targets.c.region is only understood by the coralogix dialect");
    }

    @Test
    void plainHttpOutsideLoopbackIsRefused() {
        assertProblem(Map.of("jmlflow.targets.g.dialect", "generic", "jmlflow.targets.g.base-url", "http://scim.example.com/v2",
                        "jmlflow.targets.g.token", SECRET),
                "jmlflow.targets.g.base-url 'http://scim.example.com/v2' uses http; only https is allowed outside 127.0.0.1/localhost");
    }

    @Test
    void plainHttpOnLoopbackIsAllowed() {
        TargetProperties props = bind(Map.of("jmlflow.targets.g.dialect", "generic", "jmlflow.targets.g.base-url", "http://127.0.0.1:8081/scim",
                "jmlflow.targets.g.token", SECRET));

        assertThat(props.targets()).containsKey("g");
    }

    @Test
    void aReadTimeoutAboveSixtySecondsIsRefused() {
        assertProblem(Map.of("jmlflow.targets.g.dialect", "generic", "jmlflow.targets.g.base-url", "https://x.example.com",
                        "jmlflow.targets.g.token", SECRET, "jmlflow.targets.g.read-timeout", "90s"),
                "jmlflow.targets.g.read-timeout must be between 1ms and 60s");
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheTokenNever() {
        Map<String, String> config = new HashMap<>(Map.of(
                "jmlflow.targets.a.dialect", "generic", "jmlflow.targets.a.base-url", "http://a.example.com", "jmlflow.targets.a.token", SECRET,
                "jmlflow.targets.b.dialect", "cortex", "jmlflow.targets.b.base-url", "https://b.example.com"));

        assertThatThrownBy(() -> bind(config)).rootCause().isInstanceOfSatisfying(InvalidTargetConfigurationException.class, e -> {
            assertThat(e.problems()).hasSize(2);
            assertThat(e.getMessage()).doesNotContain(SECRET);
        });
    }

    @Test
    void settingsNeverShowTheirToken() {
        TargetSettings settings = new TargetSettings(Dialect.CORTEX, URI.create("https://x.example.com"), null, SECRET, null, null, null, null, null);

        assertThat(settings.toString()).doesNotContain(SECRET).contains("<redacted>");
    }

    private static void assertProblem(Map<String, String> config, String expected) {
        assertThatThrownBy(() -> bind(config)).isInstanceOf(BindException.class).rootCause()
                .isInstanceOf(InvalidTargetConfigurationException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    private static TargetProperties bind(Map<String, String> config) {
        return bind(config, false);
    }

    private static TargetProperties bind(Map<String, String> config, boolean environment) {
        Iterable<ConfigurationPropertySource> sources = environment
                ? ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(config)))
                : List.of(new MapConfigurationPropertySource(config));
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new DialectConverter());
        return new Binder(sources, null, conversion).bindOrCreate("jmlflow", TargetProperties.class);
    }
}
