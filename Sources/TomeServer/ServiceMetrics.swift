import CoreMetrics
import Foundation
import Prometheus
import TomeResolver

/// The service's metrics, in a registry of its own (no global bootstrap, so
/// a host application keeps its metrics system): requests by route and
/// status, a resolve latency histogram, answers by method and refusals by
/// ``RefusalCode``. ``exposition()`` is what `GET /metrics` serves.
public final class ServiceMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["tome_resolve_request_duration_seconds"] = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        self.factory = factory
    }

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        Counter(label: "tome_http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory)
            .increment()
        if route == "resolve" || route == "resolve_batch" || route == "match_hashes" {
            Timer(label: "tome_resolve_request_duration_seconds", dimensions: [("route", route)], factory: factory)
                .recordNanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + Int64(duration.components.attoseconds / 1_000_000_000))
        }
    }

    func recordResolution(_ r: Resolution) {
        if r.bookID != nil {
            Counter(label: "tome_resolve_answers_total", dimensions: [("method", r.method.rawValue)], factory: factory).increment()
        } else {
            // The refusal code: a bounded label set (RefusalCode's cases).
            Counter(label: "tome_resolve_refusals_total", dimensions: [("refusal", r.refusal?.rawValue ?? "none")], factory: factory)
                .increment()
        }
    }

    /// A batch chunk resolved, or skipped because its client had gone
    /// (`tome_batch_chunks_total{outcome="resolved"|"skipped"}`).
    func recordBatchChunk(skipped: Bool) {
        Counter(label: "tome_batch_chunks_total", dimensions: [("outcome", skipped ? "skipped" : "resolved")], factory: factory)
            .increment()
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String { registry.emitToString() }
}
