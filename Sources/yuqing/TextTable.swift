/// Lays out rows as aligned columns for a terminal, counting CJK and other wide
/// characters as two cells so Chinese text lines up.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    /// The table as lines of text.
    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { Self.displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                let cell = row[column]
                let last = column == row.count - 1
                return last ? cell : cell + String(repeating: " ", count: widths[column] - Self.displayWidth(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Terminal cells `text` occupies: two for East Asian wide and full-width characters.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100 ... 0x115F, 0x2E80 ... 0x303E, 0x3041 ... 0x33FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF,
                 0xA000 ... 0xA4CF, 0xAC00 ... 0xD7A3, 0xF900 ... 0xFAFF, 0xFE30 ... 0xFE4F, 0xFF00 ... 0xFF60,
                 0xFFE0 ... 0xFFE6, 0x20000 ... 0x3FFFD:
                width + 2
            case 0x0300 ... 0x036F, 0x200B ... 0x200F:
                width
            default:
                width + 1
            }
        }
    }
}
