package dev.jmlflow.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.validation.annotation.Validated;

/**
 * In sandbox mode without {@code spring.mail.host}, the app's mail goes to the in-app {@link SandboxMailServer} and
 * shows on {@code /sandbox/mail}. This mail sender takes the place of Spring Boot's, which needs
 * {@code spring.mail.host}; outside the sandbox nothing here exists.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SandboxMailActive.class)
@EnableConfigurationProperties(SandboxMailConfiguration.SandboxMailProperties.class)
class SandboxMailConfiguration {

    @Bean(destroyMethod = "close")
    SandboxMailServer sandboxMailServer(SandboxMailProperties properties) {
        return SandboxMailServer.start(properties.mailPort());
    }

    @Bean
    JavaMailSender sandboxMailSender(SandboxMailServer server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.port());
        sender.getJavaMailProperties().put("mail.from", "jmlflow@sandbox.invalid");
        return sender;
    }

    /** {@code jmlflow.sandbox.mail-port}: the in-app SMTP server's port on 127.0.0.1; 0 (the default) takes a free one. */
    @Validated
    @ConfigurationProperties("jmlflow.sandbox")
    record SandboxMailProperties(@Min(0) @Max(65535) int mailPort) {
    }
}
