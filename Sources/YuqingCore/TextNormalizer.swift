import Foundation

/// Brings text and watch terms to one canonical form so that a term matches however the
/// text spells it: full-width or half-width, upper or lower case, traditional or simplified,
/// with zero-width characters or symbols slipped between the characters.
///
/// The pipeline, applied alike to texts and terms:
/// 1. compatibility folding equivalent to NFKC (full-width ASCII, ideographic space,
///    half-width katakana, compatibility ideographs, ligatures, circled digits …), with a
///    base character and the combining marks after it composed as NFKC does;
/// 2. lower case (full Unicode lower-case mapping);
/// 3. traditional → simplified by character (OpenCC data), if enabled;
/// 4. zero-width and other default-ignorable characters removed everywhere;
/// 5. runs of whitespace, punctuation and symbols between two CJK characters removed, if
///    enabled; other whitespace runs collapsed to one space, leading and trailing ones dropped;
/// 6. runs of one repeated CJK character folded to one, if enabled.
///
/// Steps 1–4 are one table lookup per scalar (`NormalizationTable`); only a character
/// followed by combining marks goes through Foundation.
public struct TextNormalizer: Sendable {
    /// The options this normaliser applies.
    public let options: NormalizationOptions
    let table: NormalizationTable

    /// Creates a normaliser; the first one created in a process builds the shared tables (a few ms).
    public init(options: NormalizationOptions = NormalizationOptions()) {
        self.options = options
        self.table = options.traditionalToSimplified ? .simplifying : .foldingOnly
    }

    /// Normalises `text`, keeping the way back to the original for highlighting.
    public func normalize(_ text: String) -> NormalizedText {
        let done: NormalizedText?? = text.utf8.withContiguousStorageIfAvailable { normalize(text, bytes: $0) }
        if let done, let done { return done }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { normalize(text, bytes: $0) }
    }

    private func normalize(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        // Output is written straight into the result arrays. First guess: one output scalar
        // per input scalar plus some slack; an expansion that overflows it (rare: ligatures,
        // ㈱, ﷺ) makes a second pass with the proven bound of 6 scalars per UTF-8 byte
        // (U+FDFA, 3 bytes, becomes 18 scalars — the longest NFKC expansion).
        if let result = normalize(text, bytes: bytes, capacity: Self.scalarCount(bytes) + 16) { return result }
        return normalize(text, bytes: bytes, capacity: bytes.count * 6 + 16)!
    }

    /// The number of scalars in valid UTF-8: the bytes that are not continuation bytes
    /// (`10xxxxxx`), counted eight at a time.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Bit 7 of each byte: set for continuation bytes (bit 7 set, bit 6 clear).
                let continuation = word & ~(word &<< 1) & 0x8080_8080_8080_8080
                count &+= 8 &- continuation.nonzeroBitCount
                index &+= 8
            }
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { count &+= 1 }
            index &+= 1
        }
        return count
    }

    private func normalize(_ text: String, bytes: UnsafeBufferPointer<UInt8>, capacity: Int) -> NormalizedText? {
        var count = 0
        var overflowed = false
        var starts: [UInt32] = [], ends: [UInt32] = []
        let scalars = [UInt32](unsafeUninitializedCapacity: capacity) { scalarBuffer, scalarCount in
            starts = [UInt32](unsafeUninitializedCapacity: capacity) { startBuffer, startCount in
                ends = [UInt32](unsafeUninitializedCapacity: capacity) { endBuffer, endCount in
                    var builder = Builder(
                        options: options, scalars: scalarBuffer.baseAddress!, starts: startBuffer.baseAddress!,
                        ends: endBuffer.baseAddress!, capacity: capacity
                    )
                    table.pageIndex.withUnsafeBufferPointer { pages in
                        table.entries.withUnsafeBufferPointer { entries in
                            run(bytes, Lookup(pages: pages, entries: entries), into: &builder)
                        }
                    }
                    builder.finish()
                    count = builder.count
                    overflowed = builder.overflowed
                    endCount = count
                }
                startCount = count
            }
            scalarCount = count
        }
        guard !overflowed else { return nil }
        return NormalizedText(original: text, scalars: scalars, sourceStarts: starts, sourceEnds: ends)
    }

    /// Normalises a watch term with exactly the pipeline texts go through.
    public func normalizeTerm(_ term: String) -> [UInt32] {
        normalize(term).scalars
    }

    // MARK: - The scan

    /// Decodes the scalar at `index` of valid UTF-8 (Swift strings always are).
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[index + 1]) & 0x3F, 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6 | UInt32(bytes[index + 2]) & 0x3F, 3)
        }
        return ((b0 & 0x07) << 18 | (UInt32(bytes[index + 1]) & 0x3F) << 12
                    | (UInt32(bytes[index + 2]) & 0x3F) << 6 | UInt32(bytes[index + 3]) & 0x3F, 4)
    }

    /// The table's two levels as raw pointers, fetched once per text rather than per scalar.
    private struct Lookup {
        let pages: UnsafeBufferPointer<UInt16>
        let entries: UnsafeBufferPointer<UInt32>

        @inline(__always)
        func entry(_ scalar: UInt32) -> UInt32 {
            entries[Int(pages[Int(scalar &>> 8)]) &<< 8 | Int(scalar & 0xFF)]
        }
    }

    private func run(_ bytes: UnsafeBufferPointer<UInt8>, _ table: Lookup, into builder: inout Builder) {
        let count = bytes.count
        guard count > 0 else { return }
        let markKind = NormalizationTable.Kind.mark.rawValue
        var position = 0
        var (scalar, length) = Self.decode(bytes, at: 0)
        var entry = table.entry(scalar)
        while true {
            let nextPosition = position + length
            if nextPosition >= count {
                emit(scalar, entry: entry, start: position, end: nextPosition, into: &builder)
                return
            }
            // One scalar of look-ahead: a combining mark next means a cluster to compose.
            let (next, nextLength) = Self.decode(bytes, at: nextPosition)
            let nextEntry = table.entry(next)
            if NormalizationTable.kind(of: nextEntry) == markKind {
                var end = nextPosition + nextLength
                while end < count {
                    let (mark, markLength) = Self.decode(bytes, at: end)
                    if NormalizationTable.kind(of: table.entry(mark)) != markKind { break }
                    end += markLength
                }
                emitCluster(UnsafeBufferPointer(rebasing: bytes[position..<end]), start: position, into: &builder)
                if end >= count { return }
                position = end
                (scalar, length) = Self.decode(bytes, at: end)
                entry = table.entry(scalar)
                continue
            }
            emit(scalar, entry: entry, start: position, end: nextPosition, into: &builder)
            position = nextPosition
            scalar = next
            length = nextLength
            entry = nextEntry
        }
    }

    /// Emits what one source scalar becomes.
    @inline(__always)
    private func emit(_ scalar: UInt32, entry: UInt32, start: Int, end: Int, into builder: inout Builder) {
        let start = UInt32(truncatingIfNeeded: start), end = UInt32(truncatingIfNeeded: end)
        if entry & NormalizationTable.expansionFlag == 0 {
            let mapped = entry & NormalizationTable.valueMask
            builder.append(mapped == 0 ? scalar : mapped, kind: NormalizationTable.kind(of: entry), start: start, end: end)
        } else {
            emitExpansion(entry: entry, start: start, end: end, into: &builder)
        }
    }

    private func emitExpansion(entry: UInt32, start: UInt32, end: UInt32, into builder: inout Builder) {
        if NormalizationTable.kind(of: entry) == NormalizationTable.Kind.ignorable.rawValue { return }
        let offset = Int(entry & NormalizationTable.valueMask)
        let expansions = table.expansions
        for index in offset + 1 ... offset + Int(expansions[offset]) {
            let output = expansions[index]
            builder.append(output, kind: NormalizationTable.kind(of: table.entry(output)), start: start, end: end)
        }
    }

    /// A base character with combining marks: compose as NFKC does (e + ◌́ → é), then map
    /// each resulting scalar through the table. Every output points at the whole cluster.
    private func emitCluster(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, into builder: inout Builder) {
        let composed = String(decoding: bytes, as: UTF8.self).precomposedStringWithCompatibilityMapping
        let end = start + bytes.count
        for scalar in composed.unicodeScalars {
            for output in table.mapping(of: scalar.value) {
                var kind = NormalizationTable.kind(of: table.entry(output))
                if NormalizationTable.kind(of: table.entry(scalar.value)) == NormalizationTable.Kind.ignorable.rawValue {
                    kind = NormalizationTable.Kind.ignorable.rawValue
                }
                builder.append(output, kind: kind, start: UInt32(start), end: UInt32(end))
            }
        }
    }
}

extension TextNormalizer {
    /// Collects the output and applies the context-dependent steps (separator skipping,
    /// whitespace collapsing, repeated-character folding), which need to see neighbours.
    struct Builder {
        let scalars: UnsafeMutablePointer<UInt32>
        let starts: UnsafeMutablePointer<UInt32>
        let ends: UnsafeMutablePointer<UInt32>
        let capacity: Int
        private(set) var count = 0
        /// Set when the output did not fit; the caller retries with a larger capacity.
        private(set) var overflowed = false
        /// Class of the last scalar written: `.cjk`, `.separator`, `.whitespace`, `.other`, or `none`.
        private var lastKind: UInt32 = Builder.none
        /// Where a separator run that directly follows a CJK character began (-1: none).
        private var runStart = -1
        private let skipSeparators: Bool
        private let foldRepeats: Bool
        private static let none: UInt32 = 0xFF

        init(options: NormalizationOptions, scalars: UnsafeMutablePointer<UInt32>, starts: UnsafeMutablePointer<UInt32>,
             ends: UnsafeMutablePointer<UInt32>, capacity: Int) {
            skipSeparators = options.skipSeparatorsBetweenCJK
            foldRepeats = options.foldRepeatedCharacters
            self.scalars = scalars
            self.starts = starts
            self.ends = ends
            self.capacity = capacity
        }

        @inline(__always)
        mutating func append(_ scalar: UInt32, kind: UInt32, start: UInt32, end: UInt32) {
            typealias Kind = NormalizationTable.Kind
            switch kind {
            case Kind.cjk.rawValue:
                if runStart >= 0 {
                    // Separators between two CJK characters: drop them.
                    count = runStart
                    runStart = -1
                    lastKind = kind  // the run began right after a CJK character
                }
                if foldRepeats, lastKind == Kind.cjk.rawValue, scalars[count &- 1] == scalar {
                    ends[count &- 1] = end
                    return
                }
                push(scalar, start, end)
                lastKind = kind
            case Kind.whitespace.rawValue:
                if count == 0 { return }  // leading whitespace
                if lastKind == Kind.whitespace.rawValue {
                    ends[count &- 1] = end  // collapse the run into one space
                    return
                }
                if skipSeparators, lastKind == Kind.cjk.rawValue { runStart = count }
                push(0x20, start, end)
                lastKind = kind
            case Kind.separator.rawValue:
                if skipSeparators, lastKind == Kind.cjk.rawValue { runStart = count }
                push(scalar, start, end)
                lastKind = kind
            case Kind.ignorable.rawValue:
                return
            default:  // letters, digits, marks
                runStart = -1
                push(scalar, start, end)
                lastKind = Kind.other.rawValue
            }
        }

        @inline(__always)
        private mutating func push(_ scalar: UInt32, _ start: UInt32, _ end: UInt32) {
            guard count < capacity else {
                overflowed = true
                return
            }
            scalars[count] = scalar
            starts[count] = start
            ends[count] = end
            count &+= 1
        }

        /// Drops trailing whitespace.
        mutating func finish() {
            if lastKind == NormalizationTable.Kind.whitespace.rawValue, count > 0 { count -= 1 }
        }
    }
}
