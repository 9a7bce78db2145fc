package dev.jmlflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TasklistLinksTest {

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080, /camunda, http://localhost:8080/camunda/app/tasklist/default/#/?task=t-1",
        "https://jml.example.com/, /camunda/, https://jml.example.com/camunda/app/tasklist/default/#/?task=t-1",
        "https://example.com/jml, /bpm, https://example.com/jml/bpm/app/tasklist/default/#/?task=t-1"
    })
    void taskLinkJoinsPublicUrlWebappPathAndTaskId(String publicUrl, String webappPath, String expected) {
        var links = new TasklistLinks(new NotificationProperties(URI.create(publicUrl)), webappPath);

        assertThat(links.task("t-1")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080, http://localhost:8080/requests",
        "https://example.com/jml/, https://example.com/jml/requests"
    })
    void theRequestViewIsAtThePublicUrlsRequestsPath(String publicUrl, String expected) {
        assertThat(new TasklistLinks(new NotificationProperties(URI.create(publicUrl)), "/camunda").requests())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "ftp://example.com", "mailto:ops@example.com", "localhost:8080"})
    void publicUrlMustBeAnAbsoluteHttpUrl(String publicUrl) {
        assertThatThrownBy(() -> new NotificationProperties(URI.create(publicUrl)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jmlflow.public-url");
    }
}
