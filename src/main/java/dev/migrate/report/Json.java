package dev.migrate.report;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the tool (reports, plans, reject files): dates as ISO text. Building it loads some
 * hundreds of classes, so a run starts building it on the side with {@link #prepare} instead of waiting for it
 * when the first reject or the report is written.
 */
public final class Json {

    private static final CompletableFuture<ObjectMapper> MAPPER = new CompletableFuture<>();

    private Json() {
    }

    /** Starts building the mapper on another thread, once. */
    public static void prepare() {
        if (!MAPPER.isDone()) {
            CompletableFuture.runAsync(Json::build);
        }
    }

    private static synchronized ObjectMapper build() {
        if (!MAPPER.isDone()) {
            MAPPER.complete(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        }
        return MAPPER.join();
    }

    /** One value per line (reject files). */
    public static ObjectWriter compact() {
        return build().writer();
    }

    /** Indented (reports). */
    public static ObjectWriter indented() {
        return build().writer().with(SerializationFeature.INDENT_OUTPUT);
    }
}
