import ArgumentParser
import Foundation
import YuqingCore

/// A command-line age such as `7d` or `12h`, meaning "that long ago until now".
struct AgeArgument: ExpressibleByArgument {
    /// The age.
    var duration: Duration

    init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        self.duration = duration
    }

    /// The instant `duration` before `now`.
    func start(before now: Date = Date()) -> Date {
        now.addingTimeInterval(-duration.seconds)
    }

    static var defaultValueDescription: String { "7d" }
}

extension Channel: ExpressibleByArgument {}
