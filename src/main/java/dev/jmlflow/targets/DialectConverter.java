package dev.jmlflow.targets;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds {@code dialect: coralogix} with a message listing the valid dialects when the value is unknown. */
@Component
@ConfigurationPropertiesBinding
public class DialectConverter implements Converter<String, Dialect> {

    @Override
    public Dialect convert(String source) {
        return Dialect.fromConfig(source);
    }
}
