import Foundation

/// Translates the CSS selectors people write for list pages into XPath 1.0 for libxml2.
///
/// Supported: type and `*`, `#id`, `.class` (several), `[a]`, `[a=v]`, `[a~=v]`, `[a|=v]`,
/// `[a^=v]`, `[a$=v]`, `[a*=v]` (values quoted or bare, an `i` flag for case-insensitive
/// matching), the descendant, `>`, `+` and `~` combinators, `,` groups, `:first-child`,
/// `:last-child`, `:only-child`, `:nth-child(an+b | odd | even)`, `:nth-last-child(…)` and
/// jQuery's `:contains(text)` (handy for a 下一页 link). Anything else raises
/// `SelectorError.unsupported` with its position, rather than silently matching nothing.
///
/// Element and attribute names are lower-cased, as libxml2's HTML parser stores them.
public enum CSSTranslator {
    /// The XPath equivalent of `css`.
    ///
    /// - Parameter relative: true for a selector applied inside an already selected element
    ///   (`.//…`), false for one applied to the whole document (`//…`).
    public static func xpath(_ css: String, relative: Bool = false) throws(SelectorError) -> String {
        var parser = Parser(css)
        return try parser.selectorList(relative: relative)
    }

    /// A string as an XPath literal, using `concat()` when it holds both kinds of quote.
    static func literal(_ value: String) -> String {
        if !value.contains("'") { return "'\(value)'" }
        if !value.contains("\"") { return "\"\(value)\"" }
        let parts = value.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + parts.joined(separator: ", \"'\", ") + ")"
    }

    /// A recursive-descent reader over the selector's characters.
    private struct Parser {
        let source: String
        let chars: [Character]
        var i = 0

        init(_ source: String) {
            self.source = source
            self.chars = Array(source)
        }

        var position: Int { i + 1 }
        var current: Character? { i < chars.count ? chars[i] : nil }

        func syntax(_ problem: String, at index: Int? = nil) -> SelectorError {
            .syntax(selector: source, position: (index ?? i) + 1, problem: problem)
        }

        func unsupported(_ construct: String, at index: Int) -> SelectorError {
            .unsupported(selector: source, position: index + 1, construct: construct)
        }

        mutating func skipSpace() -> Bool {
            let start = i
            while let c = current, c.isWhitespace { i += 1 }
            return i > start
        }

        // MARK: Grammar

        mutating func selectorList(relative: Bool) throws(SelectorError) -> String {
            var alternatives: [String] = []
            _ = skipSpace()
            guard current != nil else { throw .empty(field: "CSS") }
            while true {
                alternatives.append(try complex(relative: relative))
                _ = skipSpace()
                guard let c = current else { break }
                guard c == "," else { throw syntax("unexpected '\(c)'") }
                let comma = i
                i += 1
                _ = skipSpace()
                guard current != nil else { throw syntax("a selector must follow ','", at: comma) }
            }
            return alternatives.joined(separator: " | ")
        }

        mutating func complex(relative: Bool) throws(SelectorError) -> String {
            var path = relative ? "." : ""
            var combinator: Character = " "
            while true {
                let (name, predicates) = try compound()
                let filter = predicates.map { "[\($0)]" }.joined()
                switch combinator {
                case ">": path += "/\(name)\(filter)"
                case "+": path += "/following-sibling::*[1]/self::\(name)\(filter)"
                case "~": path += "/following-sibling::\(name)\(filter)"
                default: path += "//\(name)\(filter)"
                }
                let hadSpace = skipSpace()
                guard let c = current, c != "," else { return path }
                if c == ">" || c == "+" || c == "~" {
                    combinator = c
                    let at = i
                    i += 1
                    _ = skipSpace()
                    guard current != nil, current != "," else { throw syntax("a selector must follow '\(c)'", at: at) }
                } else if hadSpace {
                    combinator = " "
                } else {
                    throw syntax("unexpected '\(c)'")
                }
            }
        }

        /// One compound selector: the element name test and its predicates.
        mutating func compound() throws(SelectorError) -> (String, [String]) {
            let start = i
            var name = "*"
            var predicates: [String] = []
            if current == "*" {
                i += 1
            } else if let c = current, isNameStart(c) {
                name = try identifier().lowercased()
            }
            while let c = current {
                switch c {
                case "#":
                    i += 1
                    let id = try identifier()
                    predicates.append("@id=\(CSSTranslator.literal(id))")
                case ".":
                    i += 1
                    let cls = try identifier()
                    predicates.append("contains(concat(' ', normalize-space(@class), ' '), \(CSSTranslator.literal(" \(cls) ")))")
                case "[":
                    predicates.append(try attribute())
                case ":":
                    predicates.append(try pseudo())
                case "|":
                    throw unsupported("a namespace prefix '|'", at: i)
                default:
                    if c.isWhitespace || c == ">" || c == "+" || c == "~" || c == "," {
                        guard i > start else { throw syntax("expected a selector") }
                        return (name, predicates)
                    }
                    if i == start { throw syntax("unexpected '\(c)'") }
                    throw syntax("unexpected '\(c)'")
                }
            }
            guard i > start else { throw syntax("expected a selector") }
            return (name, predicates)
        }

        func isNameStart(_ c: Character) -> Bool {
            c.isLetter || c == "_" || c == "-" || c == "\\" || !c.isASCII
        }

        func isNameChar(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || c == "_" || c == "-" || c == "\\" || !c.isASCII
        }

        /// A CSS identifier; `\x` escapes a character.
        mutating func identifier() throws(SelectorError) -> String {
            var name = ""
            while let c = current, isNameChar(c) {
                if c == "\\" {
                    i += 1
                    guard let escaped = current else { throw syntax("a character must follow '\\'") }
                    name.append(escaped)
                } else {
                    name.append(c)
                }
                i += 1
            }
            guard !name.isEmpty else {
                if let c = current { throw syntax("expected a name, found '\(c)'") }
                throw syntax("expected a name at the end")
            }
            return name
        }

        /// `[name]`, `[name op value]`, `[name op value i]`.
        mutating func attribute() throws(SelectorError) -> String {
            let open = i
            i += 1
            _ = skipSpace()
            guard current != nil else { throw syntax("unclosed '['", at: open) }
            let name = try identifier().lowercased()
            if current == "|" && (i + 1 >= chars.count || chars[i + 1] != "=") {
                throw unsupported("a namespace prefix '|'", at: i)
            }
            _ = skipSpace()
            guard let c = current else { throw syntax("unclosed '['", at: open) }
            if c == "]" { i += 1; return "@\(name)" }
            var op = ""
            if c == "=" {
                op = "="
                i += 1
            } else if "~|^$*".contains(c), i + 1 < chars.count, chars[i + 1] == "=" {
                op = String(c) + "="
                i += 2
            } else if c == "!", i + 1 < chars.count, chars[i + 1] == "=" {
                throw unsupported("the non-standard operator '!='", at: i)
            } else {
                throw syntax("expected ']' or an operator (=, ~=, |=, ^=, $=, *=), found '\(c)'")
            }
            _ = skipSpace()
            let value: String
            if let q = current, q == "\"" || q == "'" {
                let quoteAt = i
                i += 1
                var text = ""
                while let ch = current, ch != q {
                    if ch == "\\" { i += 1; guard let e = current else { break }; text.append(e) } else { text.append(ch) }
                    i += 1
                }
                guard current == q else { throw syntax("unclosed quote", at: quoteAt) }
                i += 1
                value = text
            } else {
                value = try identifierOrNumber()
            }
            _ = skipSpace()
            var caseInsensitive = false
            if let flag = current, flag == "i" || flag == "I" || flag == "s" || flag == "S" {
                caseInsensitive = flag == "i" || flag == "I"
                i += 1
                _ = skipSpace()
            }
            guard current == "]" else {
                if current == nil { throw syntax("unclosed '['", at: open) }
                throw syntax("expected ']', found '\(current!)'")
            }
            i += 1
            return Self.attributePredicate(name: name, op: op, value: value, caseInsensitive: caseInsensitive)
        }

        mutating func identifierOrNumber() throws(SelectorError) -> String {
            var text = ""
            while let c = current, isNameChar(c) || c == "." || c == "/" || c == ":" { text.append(c); i += 1 }
            guard !text.isEmpty else { throw syntax("expected a value") }
            return text
        }

        static func attributePredicate(name: String, op: String, value: String, caseInsensitive: Bool) -> String {
            let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            let attr = caseInsensitive ? "translate(@\(name), '\(upper)', '\(upper.lowercased())')" : "@\(name)"
            let v = CSSTranslator.literal(caseInsensitive ? value.lowercased() : value)
            // CSS: ^=, $= and *= with an empty value match nothing.
            if value.isEmpty, op == "^=" || op == "$=" || op == "*=" || op == "~=" { return "false()" }
            switch op {
            case "=": return "\(attr)=\(v)"
            case "~=": return "contains(concat(' ', normalize-space(\(attr)), ' '), \(CSSTranslator.literal(" \(caseInsensitive ? value.lowercased() : value) ")))"
            case "|=": return "(\(attr)=\(v) or starts-with(\(attr), \(CSSTranslator.literal((caseInsensitive ? value.lowercased() : value) + "-"))))"
            case "^=": return "starts-with(\(attr), \(v))"
            case "$=": return "substring(\(attr), string-length(\(attr)) - \(value.count - 1))=\(v)"
            default: return "contains(\(attr), \(v))"
            }
        }

        /// `:first-child` and friends.
        mutating func pseudo() throws(SelectorError) -> String {
            let colon = i
            i += 1
            if current == ":" { throw unsupported("the pseudo-element '::\(peekName(from: i + 1))'", at: colon) }
            guard let c = current, isNameStart(c) else { throw syntax("expected a pseudo-class name after ':'") }
            let name = try identifier().lowercased()
            switch name {
            case "first-child": return "not(preceding-sibling::*)"
            case "last-child": return "not(following-sibling::*)"
            case "only-child": return "not(preceding-sibling::*) and not(following-sibling::*)"
            case "nth-child", "nth-last-child":
                let argumentAt = i + 1
                let argument = try parenthesised(name)
                guard let (a, b) = Self.anPlusB(argument) else {
                    throw syntax("':\(name)(\(argument))' needs a number, 'odd', 'even' or 'an+b'", at: argumentAt)
                }
                let axis = name == "nth-child" ? "preceding-sibling" : "following-sibling"
                let p = "(count(\(axis)::*) + 1)"
                if a == 0 { return "\(p) = \(b)" }
                return "(\(p) - \(b)) mod \(a) = 0 and (\(p) - \(b)) div \(a) >= 0"
            case "contains":
                var argument = try parenthesised(name).trimmingCharacters(in: .whitespaces)
                if let q = argument.first, q == "\"" || q == "'", argument.count >= 2, argument.last == q {
                    argument = String(argument.dropFirst().dropLast())
                }
                return "contains(normalize-space(.), \(CSSTranslator.literal(argument)))"
            default:
                throw unsupported("the pseudo-class ':\(name)'", at: colon)
            }
        }

        func peekName(from index: Int) -> String {
            var name = ""
            var k = index
            while k < chars.count, isNameChar(chars[k]) { name.append(chars[k]); k += 1 }
            return name
        }

        /// The text between `(` and the matching `)`.
        mutating func parenthesised(_ name: String) throws(SelectorError) -> String {
            guard current == "(" else { throw syntax("':\(name)' needs an argument in parentheses") }
            let open = i
            i += 1
            var text = ""
            while let c = current, c != ")" { text.append(c); i += 1 }
            guard current == ")" else { throw syntax("unclosed '('", at: open) }
            i += 1
            return text
        }

        /// Reads `an+b`, `odd`, `even` or an integer.
        static func anPlusB(_ text: String) -> (Int, Int)? {
            let t = text.filter { !$0.isWhitespace }.lowercased()
            if t == "odd" { return (2, 1) }
            if t == "even" { return (2, 0) }
            if let n = Int(t) { return (0, n) }
            guard let nIndex = t.firstIndex(of: "n") else { return nil }
            let aText = String(t[..<nIndex])
            let bText = String(t[t.index(after: nIndex)...])
            let a: Int
            switch aText {
            case "", "+": a = 1
            case "-": a = -1
            default: guard let v = Int(aText) else { return nil }; a = v
            }
            var b = 0
            if !bText.isEmpty {
                guard bText.first == "+" || bText.first == "-", let v = Int(bText) else { return nil }
                b = v
            }
            if a == 0 { return (0, b) }
            return (a, b)
        }
    }
}
