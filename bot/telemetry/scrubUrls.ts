// What Application Insights may learn of a request is its method, path, status and timing. Query
// strings can carry secrets (a Direct Line token in a stream URL, an agent's sign-in code), so
// every span's URL attributes lose them as the span starts, before any exporter sees it. Bodies,
// and with them message text, are never recorded by the HTTP instrumentation.
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type StartedSpan = Parameters<SpanProcessor['onStart']>[0];

// The old and the stable HTTP semantic conventions, both emitted by instrumentation-http.
const urlAttributes = ['http.url', 'http.target', 'url.full', 'url.original'];
const queryAttributes = ['url.query'];

export function withoutQuery(value: string): string {
    const cut = value.search(/[?#]/);
    return cut === -1 ? value : value.slice(0, cut);
}

export const scrubUrls: SpanProcessor = {
    onStart(span: StartedSpan) {
        const attributes = (span as unknown as { attributes?: Record<string, unknown> }).attributes ?? {};
        for (const key of urlAttributes) {
            const value = attributes[key];
            if (typeof value === 'string') span.setAttribute(key, withoutQuery(value));
        }
        for (const key of queryAttributes) if (key in attributes) span.setAttribute(key, '');
    },
    onEnd() {},
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve()
};
