import Foundation
import FuzzSupport
import YuqingConfig
import YuqingCore

// Whatever a user types into a rule file or `rules test`: an error, never a crash.
runFuzzer { data in
    let text = String(decoding: data, as: UTF8.self)
    _ = try? RuleExpressionParser.parse(text)
    _ = try? RuleLoader.load(text: text, fileName: "fuzz.yml")
    _ = try? RuleLoader.load(text: text, fileName: "fuzz.txt")
}
