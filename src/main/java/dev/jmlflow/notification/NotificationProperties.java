package dev.jmlflow.notification;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param publicUrl the address people use to reach this app (behind a proxy, the proxy's address); links in
 *                  mails start with it. Must be an absolute http or https URL.
 */
@Validated
@ConfigurationProperties("jmlflow")
public record NotificationProperties(@NotNull @DefaultValue("http://localhost:8080") URI publicUrl) {

    public NotificationProperties {
        if (publicUrl != null && (!publicUrl.isAbsolute() || publicUrl.getHost() == null
                || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme())))) {
            throw new IllegalArgumentException("jmlflow.public-url must be an absolute http(s) URL, e.g. https://jml.example.com");
        }
    }
}
