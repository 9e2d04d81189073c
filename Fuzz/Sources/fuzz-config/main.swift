import Foundation
import FuzzSupport
import YuqingConfig
import YuqingExtract

// Whatever a user types into Sources.yml or yuqing.yml: an error with a location, never a crash.
let directory = URL(fileURLWithPath: "/nonexistent/yuqing-fuzz")
runFuzzer { data in
    let text = String(decoding: data, as: UTF8.self)
    _ = try? ConfigLoader.loadSources(text: text, selectorChecker: PageSelectorChecker())
    _ = try? ConfigLoader.loadSettings(text: text, directory: directory, environment: [:])
}
