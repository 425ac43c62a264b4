// The bot's Prometheus counters (bot/metrics/) as OpenTelemetry metrics, so Application Insights
// shows them as custom metrics beside /metrics: read from the same registry at each export, so
// the two never disagree. Histograms go as their _sum and _count (Application Insights has no
// Prometheus buckets). Node's process metrics stay out: the distribution sends its own.
import { metrics, type Observable } from '@opentelemetry/api';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { telemetryOn } from './startTelemetry';

export function exportBotMetrics(registry: Registry): void {
    if (!telemetryOn()) return;
    const meter = metrics.getMeter('support-bot');
    const instruments = new Map<string, Observable>();
    for (const metric of registry.getMetricsAsArray()) {
        const { name, help } = metric as unknown as { name: string; help: string };
        if (!name.startsWith('bot_')) continue;
        if (metric instanceof Counter) instruments.set(name, meter.createObservableCounter(name, { description: help }));
        else if (metric instanceof Gauge) instruments.set(name, meter.createObservableGauge(name, { description: help }));
        else if (metric instanceof Histogram) {
            instruments.set(`${name}_sum`, meter.createObservableCounter(`${name}_sum`, { description: `${help} (sum)` }));
            instruments.set(`${name}_count`, meter.createObservableCounter(`${name}_count`, { description: `${help} (count)` }));
        }
    }
    meter.addBatchObservableCallback(async (result) => {
        for (const metric of await registry.getMetricsAsJSON()) {
            for (const value of metric.values) {
                const instrument = instruments.get((value as { metricName?: string }).metricName ?? metric.name);
                if (instrument) result.observe(instrument, value.value, value.labels);
            }
        }
    }, [...instruments.values()]);
}
