package dev.migrate.report;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.migrate.plan.Secrets;

/**
 * {@code %msg} in the logging configuration: every log line, the tool's and its libraries' (the pool's, the
 * drivers', Groovy SQL's), with passwords and other secrets masked.
 */
public final class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.scrub(super.convert(event));
    }
}
