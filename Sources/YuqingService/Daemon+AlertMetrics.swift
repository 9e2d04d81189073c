import YuqingStore

extension Daemon {
    /// `yuqing_outbox_depth` (deliveries waiting to be sent) and `yuqing_alert_deliveries{state}`
    /// (pending, sent, failed), read from the store at scrape time so they survive restarts.
    static func outboxGauges(store: Store) -> DaemonMetrics.GaugeProvider {
        {
            // A store that cannot be read reports no outbox series rather than false zeros.
            guard let counts = try? store.alertDeliveryCounts() else { return [] }
            let states: [AlertRecord.DeliveryState] = [.pending, .sent, .failed]
            return [GaugeSample(name: "yuqing_outbox_depth", help: "Alert deliveries waiting to be sent (first attempt or retry).",
                                labels: [], value: Double(counts[.pending] ?? 0))]
                + states.map { state in
                    GaugeSample(name: "yuqing_alert_deliveries", help: "Alert deliveries, by state (failed ones were given up).",
                                labels: [("state", state.rawValue)], value: Double(counts[state] ?? 0))
                }
        }
    }
}
