package dev.jmlflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class JmlflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(JmlflowApplication.class, args);
    }
}
