/// The per-scalar half of text normalisation, as one lookup table over all of Unicode.
///
/// Each scalar has a 32-bit entry: what it becomes (compatibility folding, lower case and,
/// in one of the two tables, traditional → simplified) and its class (CJK, separator,
/// whitespace, ignorable, combining mark, other). The table is two-level — a page index by
/// `scalar >> 8`, then 256-entry pages — and identical pages are stored once, so the whole
/// of Unicode costs about 1 MiB and a lookup is two loads. Built once per process from
/// `NormalizationTableData` (generated, see `scripts/generate-normalization-tables`).
struct NormalizationTable: Sendable {
    /// The class of a scalar, as stored in bits 24–27 of an entry.
    enum Kind: UInt32 {
        case other = 0, cjk = 1, separator = 2, whitespace = 3, ignorable = 4, mark = 5
    }

    /// The table with traditional → simplified mapping (shared, built on first use).
    static let simplifying = NormalizationTable(traditionalToSimplified: true)
    /// The table without traditional → simplified mapping (shared, built on first use).
    static let foldingOnly = NormalizationTable(traditionalToSimplified: false)

    /// Bits 0–20: the mapped scalar (0 means "itself"), or with `expansionFlag` an offset into `expansions`.
    static let valueMask: UInt32 = 0x1F_FFFF
    /// Set when the scalar becomes more than one scalar.
    static let expansionFlag: UInt32 = 1 << 21
    static let kindShift: UInt32 = 24

    /// Page number for each block of 256 scalars.
    let pageIndex: [UInt16]
    /// The distinct pages, 256 entries each.
    let entries: [UInt32]
    /// Expansions: a count followed by that many scalars.
    let expansions: [UInt32]

    /// The entry for `scalar` (any value up to 0x10FFFF).
    @inline(__always)
    func entry(_ scalar: UInt32) -> UInt32 {
        pageIndex.withUnsafeBufferPointer { pages in
            entries.withUnsafeBufferPointer { entries in
                entries[Int(pages[Int(scalar &>> 8)]) &<< 8 | Int(scalar & 0xFF)]
            }
        }
    }

    /// The class stored in an entry.
    @inline(__always)
    static func kind(of entry: UInt32) -> UInt32 { (entry &>> kindShift) & 0xF }

    /// The scalars `scalar` becomes (for tests and the slow paths; the normaliser reads entries directly).
    func mapping(of scalar: UInt32) -> [UInt32] {
        let entry = entry(scalar)
        if entry & Self.expansionFlag != 0 {
            let offset = Int(entry & Self.valueMask)
            return Array(expansions[offset + 1 ... offset + Int(expansions[offset])])
        }
        let mapped = entry & Self.valueMask
        return [mapped == 0 ? scalar : mapped]
    }

    init(traditionalToSimplified: Bool) {
        let scalarCount = 0x11_0000
        var kinds = [UInt8](repeating: 0, count: scalarCount)
        var previous: (start: Int, kind: UInt8)?
        for line in Self.lines(NormalizationTableData.classes) {
            let start = Int(line[0]), kind = UInt8(line[1])
            if let previous { for s in previous.start..<start { kinds[s] = previous.kind } }
            previous = (start, kind)
        }
        if let previous { for s in previous.start..<scalarCount { kinds[s] = previous.kind } }

        var t2s: [UInt32: UInt32] = [:]
        if traditionalToSimplified {
            for line in Self.lines(NormalizationTableData.traditionalToSimplified) { t2s[line[0]] = line[1] }
        }
        var flat = [UInt32](repeating: 0, count: scalarCount)
        for s in 0..<scalarCount { flat[s] = UInt32(kinds[s]) << Self.kindShift }

        var expansions: [UInt32] = [0]  // offset 0 is never used, so 0 can mean "none"
        func store(_ scalar: UInt32, _ mapped: [UInt32]) {
            let inputKind = UInt32(kinds[Int(scalar)])
            // Marks and ignorables keep their own class: the normaliser needs to know that the
            // *input* is a combining mark (to compose clusters) or is to be dropped.
            let keepInputKind = inputKind == Kind.mark.rawValue || inputKind == Kind.ignorable.rawValue
            if mapped.count == 1 {
                let kind = keepInputKind ? inputKind : UInt32(kinds[Int(mapped[0])])
                flat[Int(scalar)] = kind << Self.kindShift | mapped[0]
            } else {
                flat[Int(scalar)] = inputKind << Self.kindShift | Self.expansionFlag | UInt32(expansions.count)
                expansions.append(UInt32(mapped.count))
                expansions.append(contentsOf: mapped)
            }
        }
        var folded = Set<UInt32>()
        for line in Self.lines(NormalizationTableData.folding) {
            let mapped = line.dropFirst().map { t2s[$0] ?? $0 }
            folded.insert(line[0])
            store(line[0], Array(mapped))
        }
        for (traditional, simplified) in t2s where !folded.contains(traditional) {
            store(traditional, [simplified])
        }

        // Deduplicate pages.
        var pageNumbers: [ArraySlice<UInt32>: UInt16] = [:]
        var pageIndex = [UInt16](repeating: 0, count: scalarCount >> 8)
        var entries: [UInt32] = []
        for page in 0..<(scalarCount >> 8) {
            let slice = flat[page << 8 ..< (page + 1) << 8]
            if let number = pageNumbers[slice] {
                pageIndex[page] = number
            } else {
                let number = UInt16(entries.count >> 8)
                pageNumbers[slice] = number
                pageIndex[page] = number
                entries.append(contentsOf: slice)
            }
        }
        self.pageIndex = pageIndex
        self.entries = entries
        self.expansions = expansions
    }

    /// Parses lines of hexadecimal numbers separated by `:` and spaces.
    private static func lines(_ text: String) -> [[UInt32]] {
        var result: [[UInt32]] = []
        var line: [UInt32] = []
        var number: UInt32 = 0
        var inNumber = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number = number << 4 | UInt32(byte - UInt8(ascii: "0")); inNumber = true
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                number = number << 4 | UInt32(byte - UInt8(ascii: "A") + 10); inNumber = true
            default:
                if inNumber { line.append(number); number = 0; inNumber = false }
                if byte == UInt8(ascii: "\n"), !line.isEmpty { result.append(line); line = [] }
            }
        }
        if inNumber { line.append(number) }
        if !line.isEmpty { result.append(line) }
        return result
    }
}
