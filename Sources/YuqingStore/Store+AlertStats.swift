import GRDB

extension Store {
    /// How many alert deliveries are in each state (`pending`, `sent`, `failed`); states with
    /// none are absent. For `/metrics` and `yuqing status`.
    public func alertDeliveryCounts() throws(StoreError) -> [AlertRecord.DeliveryState: Int] {
        try read("count alert deliveries by state") { db in
            var counts: [AlertRecord.DeliveryState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM alert_delivery GROUP BY state") {
                if let state = AlertRecord.DeliveryState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}
