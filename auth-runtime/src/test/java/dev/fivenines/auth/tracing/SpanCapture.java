package dev.fivenines.auth.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps the spans the runtime's OpenTelemetry SDK exports, beside its OTLP exporter (Quarkus exports to every
 * SpanExporter bean). Idle in every test that leaves the SDK off.
 */
public class SpanCapture {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
