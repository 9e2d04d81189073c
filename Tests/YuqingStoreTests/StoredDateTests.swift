import Foundation
import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// Dates bound through `StoredDate` must be stored exactly as GRDB stores them, or item times,
/// fetch times and digest periods would compare wrongly in SQL.
@Suite struct StoredDateTests {
    @Test func theTextIsGRDBsForRandomDatesBeforeAndAfter1970() {
        var generator = SplitMix64(seed: 7)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: 951_782_400),
                     Date(timeIntervalSince1970: 1_793_000_000.9996), Date(timeIntervalSinceReferenceDate: 0)]
        for _ in 0 ..< 20_000 {
            // From year ~1000 (the Julian years fall back) to ~9000, with sub-millisecond fractions.
            let seconds = Double(Int64(generator.next() % 250_000_000_000)) - 30_000_000_000 + Double(generator.next() % 1_000_000) / 1e6
            dates.append(Date(timeIntervalSince1970: seconds))
        }
        for date in dates {
            #expect(StoredDate(date).databaseValue == date.databaseValue, "\(date.timeIntervalSince1970)")
        }
    }

    @Test func julianAndFiveDigitYearsFallBackToGRDB() {
        for seconds in [-70_000_000_000.0, -12_300_000_000, 260_000_000_000, .infinity] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredDate(date).databaseValue == date.databaseValue)
        }
    }
}
