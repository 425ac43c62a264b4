// Application Insights through Microsoft's OpenTelemetry distribution, when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set: incoming requests, outgoing calls made through
// node:http (Bot Connector, Blob Storage, Cosmos DB; not global fetch) and the bot's own counters.
// It must start before restify and the Azure SDKs are loaded, so index.ts calls it before it loads
// startBot. Unset, nothing of it is loaded and nothing runs.
import type { Config } from '../config';
import { scrubUrls } from './scrubUrls';

let running: { shutdown(): Promise<void> } | undefined;

export function startTelemetry(config: Pick<Config, 'APPLICATIONINSIGHTS_CONNECTION_STRING'>): void {
    const connectionString = config.APPLICATIONINSIGHTS_CONNECTION_STRING;
    if (!connectionString || running) return;
    // Loaded here, not at the top: an unset connection string costs no module load at all.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { useAzureMonitor, shutdownAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
    useAzureMonitor({
        azureMonitorExporterOptions: { connectionString },
        spanProcessors: [scrubUrls],
        // Live Metrics would stream request documents to a second endpoint outside this list.
        enableLiveMetrics: false
    });
    running = { shutdown: shutdownAzureMonitor };
}

export const telemetryOn = (): boolean => running !== undefined;

/** Sends what is buffered; at shutdown, so the last minute of telemetry is not lost. */
export async function stopTelemetry(): Promise<void> {
    const current = running;
    running = undefined;
    await current?.shutdown();
}
