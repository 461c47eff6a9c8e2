package dev.migrate.report;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.migrate.plan.Secrets;

/**
 * {@code %ex} in the logging configuration: a stack trace only with {@code --debug} (the {@code dev.migrate}
 * logger at DEBUG), and with secrets masked. Without it the log line and the tool's own one-line error say
 * what happened.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        if (event.getThrowableProxy() == null || !debugging()) {
            return "";
        }
        return Secrets.scrub(super.convert(event));
    }

    private boolean debugging() {
        return getContext() instanceof LoggerContext loggers && loggers.getLogger("dev.migrate").isDebugEnabled();
    }
}
