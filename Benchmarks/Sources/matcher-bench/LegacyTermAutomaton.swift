// The previous TermAutomaton (sparse edges: linear runs and hash tables, failure links followed
// at scan time), kept verbatim apart from its name so that the benchmark compares old and new
// in one run.
//
// Its design note:
//
// Every watch term of every rule goes into one Aho–Corasick automaton over normalised
// Unicode scalars; each text is scanned once and every occurrence of every term is
// reported, overlapping ones included. The representation, and why:
//
// * Alphabet compression. Chinese terms use a few thousand distinct characters out of
//   ~100,000 CJK code points. Each scalar that occurs in some pattern gets a dense class id
//   (1…n); every other scalar is class 0, which always leads back to the root, so most of a
//   text's "foreign" characters cost one table lookup and no automaton work. The scalar →
//   class map is a two-level table (page index by `scalar >> 8`, shared all-zero page), so
//   it covers all of Unicode in a few hundred KiB and costs two loads.
// * Dense root, sparse elsewhere. A full DFA needs states × classes cells: 250,000 states
//   × 8,000 classes for 100,000 terms is far too big, and even 10,000 terms would need
//   hundreds of MiB. But the root is visited constantly (every class-0 character and every
//   failure chain ends there) and has thousands of children, so it alone gets a dense row
//   indexed by class. Every other state keeps its children in one flat array of 64-bit
//   (class, target) words — no per-state allocation — in one of two shapes: up to
//   `linearLimit` children as a short run scanned linearly (the usual case: a CJK trie fans out a lot at the root
//   and hardly at all below it), more than that as a small open-addressing hash table
//   (multiplicative hash of the class, linear probing, at most half full). A binary search
//   was the first version: depth-1 states of common characters (中, 国 …) have dozens of
//   children, and its unpredictable branches showed up in profiles; hashing them, together
//   with the breadth-first numbering (see Build), cut the scan time by about a third.
//   Per state, the edge location, shape, failure link and report link sit in one 16-byte
//   record, so a step touches one cache line of state data. Failure links are followed at
//   scan time (the NFA form); their number over a whole text is bounded by its length.
// * Matches. A state's own patterns are a run in one flat array; a "dictionary suffix
//   link" points to the nearest state on the failure chain that has patterns of its own,
//   and the state record's report link tells where to start. A target whose state reports
//   something carries a flag bit, so the common no-match step costs one bit test. Pattern lengths are stored,
//   so a hit's start is its end minus the length: no per-match allocation.
// * Build. The trie is built with one hash map from (state, class) to child, then turned
//   into CSR by a counting sort; states are then renumbered breadth first, so the states
//   near the root that a scan visits all the time have adjacent records and edges; failure
//   links by breadth-first search. Everything is linear or n log n in the total pattern length: 100,000 terms build in well under 1 s.
// * Everything lives in arrays of plain integers held by a struct: immutable after
//   `init`, `Sendable`, safe to share across threads without locks.

import YuqingCore

/// Finds every occurrence of many terms in one pass over a normalised text (Aho–Corasick).
///
/// Patterns are normalised with the given `TextNormalizer`, which must be the one the texts
/// are normalised with. Empty patterns (also those that normalise to nothing) never match.
struct LegacyTermAutomaton: Sendable {
    /// Page index for the scalar → class map (`scalar >> 8`).
    private let classPages: [UInt16]
    /// 256-entry pages of class ids; page 0 is all zeros (scalars in no pattern).
    private let classEntries: [UInt32]
    /// Number of classes including class 0.
    private let classCount: Int
    /// The root's transition for each class (class 0 and absent children → root).
    private let rootRow: [UInt32]
    /// Per state: where its edges are, their shape, its failure and report links.
    private let states: [StateRecord]
    /// Edges: class in the low 32 bits (0 marks an empty slot of a hashed state), target state
    /// (with `reportFlag`) in the high 32 bits — one load per probe.
    private let edges: [UInt64]
    /// The next state with patterns of its own on the failure chain of a state, or `noState`.
    private let dictionaryLink: [UInt32]
    /// Per state: first index of its own patterns in `ownPatterns`; count + 1 entries.
    private let patternOffsets: [UInt32]
    /// Pattern indices, grouped by the state where they end.
    private let ownPatterns: [UInt32]
    /// Normalised length of each pattern.
    private let patternLengths: [UInt32]

    /// Everything the scan needs to know about one state, in one 16-byte record.
    struct StateRecord: Sendable {
        /// First slot of the state's edges in `edgeClasses` / `edgeTargets`.
        var first: UInt32
        /// The number of edges (linear run), or `hashedFlag | log2(table size)`.
        var shape: UInt32
        /// Failure link.
        var failure: UInt32
        /// The first state whose own patterns end here (the state itself, or the nearest one
        /// on its failure chain), or `noState` if nothing ends here.
        var report: UInt32
    }

    private static let noState = UInt32.max
    /// Set on a transition's target (in `edges` and `rootRow`) when something ends at that
    /// state, so the scan's common no-match step never touches the target's record.
    private static let reportFlag: UInt32 = 1 << 31
    private static let stateMask: UInt32 = ~reportFlag
    /// States with more children than this get a hash table instead of a linear run.
    private static let linearLimit = 4
    private static let hashedFlag: UInt32 = 1 << 31
    /// Fibonacci hashing multiplier.
    private static let hashMultiplier: UInt32 = 0x9E37_79B1

    /// The number of patterns given at construction, empty ones included.
    public let patternCount: Int
    /// The number of automaton states (for diagnostics and benchmarks).
    public var stateCount: Int { states.count }

    /// Builds the automaton for `patterns`, each normalised with `normalizer`.
    public init(patterns: [String], normalizer: TextNormalizer) {
        self.init(normalizedPatterns: patterns.map(normalizer.normalizeTerm))
    }

    /// Builds the automaton for patterns that are already normalised (`TextNormalizer.normalizeTerm`).
    public init(normalizedPatterns patterns: [[UInt32]]) {
        patternCount = patterns.count
        patternLengths = patterns.map { UInt32($0.count) }

        // Alphabet: a dense class id for every scalar that occurs in a pattern.
        var classOf: [UInt32: UInt32] = [:]
        var totalLength = 0
        for pattern in patterns {
            totalLength += pattern.count
            for scalar in pattern where classOf[scalar] == nil { classOf[scalar] = UInt32(classOf.count + 1) }
        }
        classCount = classOf.count + 1
        var pages = [UInt16](repeating: 0, count: 0x1100)
        var entries = [UInt32](repeating: 0, count: 256)
        for (scalar, id) in classOf {
            let page = Int(scalar >> 8)
            if pages[page] == 0 {
                pages[page] = UInt16(entries.count >> 8)
                entries.append(contentsOf: repeatElement(0, count: 256))
            }
            entries[Int(pages[page]) << 8 | Int(scalar & 0xFF)] = id
        }
        classPages = pages
        classEntries = entries

        // Trie: one hash map from (state, class) to child.
        var child: [UInt64: UInt32] = [:]
        child.reserveCapacity(totalLength)
        var edgeParent: [UInt32] = [], edgeClass: [UInt32] = [], edgeChild: [UInt32] = []
        edgeParent.reserveCapacity(totalLength)
        edgeClass.reserveCapacity(totalLength)
        edgeChild.reserveCapacity(totalLength)
        var terminal: [(state: UInt32, pattern: UInt32)] = []
        terminal.reserveCapacity(patterns.count)
        var stateTotal: UInt32 = 1
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state: UInt32 = 0
            for scalar in pattern {
                let cls = classOf[scalar]!
                let key = UInt64(state) << 32 | UInt64(cls)
                if let next = child[key] {
                    state = next
                } else {
                    let next = stateTotal
                    stateTotal += 1
                    child[key] = next
                    edgeParent.append(state)
                    edgeClass.append(cls)
                    edgeChild.append(next)
                    state = next
                }
            }
            terminal.append((state, UInt32(index)))
        }
        let stateCount = Int(stateTotal)

        // CSR edges by counting sort on the parent, then each run sorted by class.
        var offsets = [UInt32](repeating: 0, count: stateCount + 1)
        for parent in edgeParent { offsets[Int(parent) + 1] += 1 }
        for state in 0..<stateCount { offsets[state + 1] += offsets[state] }
        var classes = [UInt32](repeating: 0, count: edgeParent.count)
        var targets = [UInt32](repeating: 0, count: edgeParent.count)
        var fill = offsets
        for edge in edgeParent.indices {
            let slot = Int(fill[Int(edgeParent[edge])])
            fill[Int(edgeParent[edge])] += 1
            classes[slot] = edgeClass[edge]
            targets[slot] = edgeChild[edge]
        }
        for state in 0..<stateCount {
            let run = Int(offsets[state])..<Int(offsets[state + 1])
            if run.count < 2 { continue }
            var pairs = run.map { (classes[$0], targets[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (k, pair) in pairs.enumerated() {
                classes[run.lowerBound + k] = pair.0
                targets[run.lowerBound + k] = pair.1
            }
        }

        // Renumber breadth first: states near the root — the ones a scan visits all the
        // time — get small, adjacent numbers, so their records and edges share cache lines,
        // and every state's children get consecutive numbers.
        do {
            var order: [UInt32] = [0]
            order.reserveCapacity(stateCount)
            var head = 0
            while head < order.count {
                let state = Int(order[head])
                head += 1
                order.append(contentsOf: targets[Int(offsets[state])..<Int(offsets[state + 1])])
            }
            var newNumber = [UInt32](repeating: 0, count: stateCount)
            for (number, state) in order.enumerated() { newNumber[Int(state)] = UInt32(number) }
            var renumberedOffsets = [UInt32](repeating: 0, count: stateCount + 1)
            var renumberedClasses: [UInt32] = [], renumberedTargets: [UInt32] = []
            renumberedClasses.reserveCapacity(classes.count)
            renumberedTargets.reserveCapacity(targets.count)
            for (number, state) in order.enumerated() {
                let run = Int(offsets[Int(state)])..<Int(offsets[Int(state) + 1])
                renumberedClasses.append(contentsOf: classes[run])
                for slot in run { renumberedTargets.append(newNumber[Int(targets[slot])]) }
                renumberedOffsets[number + 1] = UInt32(renumberedClasses.count)
            }
            offsets = renumberedOffsets
            classes = renumberedClasses
            targets = renumberedTargets
            for index in terminal.indices { terminal[index].state = newNumber[Int(terminal[index].state)] }
        }

        var root = [UInt32](repeating: 0, count: classCount)
        for slot in Int(offsets[0])..<Int(offsets[1]) { root[Int(classes[slot])] = targets[slot] }

        // Own patterns per state, CSR again.
        var patternStarts = [UInt32](repeating: 0, count: stateCount + 1)
        for entry in terminal { patternStarts[Int(entry.state) + 1] += 1 }
        for state in 0..<stateCount { patternStarts[state + 1] += patternStarts[state] }
        var own = [UInt32](repeating: 0, count: terminal.count)
        var patternFill = patternStarts
        for entry in terminal {  // in pattern order, so each state's patterns stay sorted
            own[Int(patternFill[Int(entry.state)])] = entry.pattern
            patternFill[Int(entry.state)] += 1
        }

        // Failure and dictionary links, breadth first.
        var fail = [UInt32](repeating: 0, count: stateCount)
        var dictionary = [UInt32](repeating: Self.noState, count: stateCount)
        var report = [UInt32](repeating: Self.noState, count: stateCount)
        if patternStarts[1] > patternStarts[0] { report[0] = 0 }  // never: empty patterns are skipped
        var queue: [UInt32] = []
        queue.reserveCapacity(stateCount)
        for slot in Int(offsets[0])..<Int(offsets[1]) { queue.append(targets[slot]) }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            let failState = fail[Int(state)]
            let hasOwn = patternStarts[Int(state) + 1] > patternStarts[Int(state)]
            dictionary[Int(state)] = report[Int(failState)]
            report[Int(state)] = hasOwn ? state : dictionary[Int(state)]
            for slot in Int(offsets[Int(state)])..<Int(offsets[Int(state) + 1]) {
                let cls = classes[slot], next = targets[slot]
                var candidate = failState
                while true {
                    if candidate == 0 {
                        fail[Int(next)] = root[Int(cls)]
                        break
                    }
                    if let hit = Self.find(cls, Int(offsets[Int(candidate)])..<Int(offsets[Int(candidate) + 1]),
                                           classes, targets) {
                        fail[Int(next)] = hit
                        break
                    }
                    candidate = fail[Int(candidate)]
                }
                queue.append(next)
            }
        }

        // Final edge layout: short runs stay linear, wide states become hash tables.
        func flagged(_ target: UInt32) -> UInt32 { report[Int(target)] == Self.noState ? target : target | Self.reportFlag }
        func edge(_ cls: UInt32, _ target: UInt32) -> UInt64 { UInt64(flagged(target)) << 32 | UInt64(cls) }
        var records = [StateRecord](repeating: StateRecord(first: 0, shape: 0, failure: 0, report: Self.noState),
                                    count: stateCount)
        var finalEdges: [UInt64] = []
        finalEdges.reserveCapacity(classes.count * 2)
        for state in 1..<max(stateCount, 1) {
            let run = Int(offsets[state])..<Int(offsets[state + 1])
            let first = UInt32(finalEdges.count)
            let shape: UInt32
            if run.count <= Self.linearLimit {
                for slot in run { finalEdges.append(edge(classes[slot], targets[slot])) }
                shape = UInt32(run.count)
            } else {
                var bits: UInt32 = 1
                while (1 << bits) < run.count * 2 { bits += 1 }
                let size = 1 << Int(bits)
                finalEdges.append(contentsOf: repeatElement(0, count: size))
                for slot in run {
                    var index = Int((classes[slot] &* Self.hashMultiplier) >> (32 - bits))
                    while finalEdges[Int(first) + index] != 0 { index = (index + 1) & (size - 1) }
                    finalEdges[Int(first) + index] = edge(classes[slot], targets[slot])
                }
                shape = Self.hashedFlag | bits
            }
            records[state] = StateRecord(first: first, shape: shape, failure: fail[state], report: report[state])
        }
        for cls in root.indices where root[cls] != 0 { root[cls] = flagged(root[cls]) }

        rootRow = root
        states = records
        edges = finalEdges
        dictionaryLink = dictionary
        patternOffsets = patternStarts
        ownPatterns = own
    }

    /// The child of a state on `cls` within its edge run, if any.
    private static func find(_ cls: UInt32, _ run: Range<Int>, _ classes: [UInt32], _ targets: [UInt32]) -> UInt32? {
        var low = run.lowerBound, high = run.upperBound
        while low < high {
            let middle = (low + high) >> 1
            if classes[middle] < cls { low = middle + 1 } else { high = middle }
        }
        return low < run.upperBound && classes[low] == cls ? targets[low] : nil
    }

    /// Calls `body` for every occurrence of every pattern in `text`, overlapping ones included,
    /// in order of their end; occurrences ending at the same place come longest pattern first.
    public func forEachMatch(in text: NormalizedText, _ body: (TermHit) -> Void) {
        text.scalars.withUnsafeBufferPointer { scalars in
        classPages.withUnsafeBufferPointer { classPages in
        classEntries.withUnsafeBufferPointer { classEntries in
        rootRow.withUnsafeBufferPointer { rootRow in
        states.withUnsafeBufferPointer { states in
        edges.withUnsafeBufferPointer { edges in
            var state: UInt32 = 0  // with `reportFlag` when something ends here
            for position in 0..<scalars.count {
                let scalar = scalars[position]
                let page = Int(scalar &>> 8)
                let cls = page < classPages.count ? classEntries[Int(classPages[page]) &<< 8 | Int(scalar & 0xFF)] : 0
                if cls == 0 {
                    state = 0
                    continue
                }
                // Follow failure links until some state has a transition on `cls`; the root always does.
                var current = state & Self.stateMask
                transition: while current != 0 {
                    let record = states[Int(current)]
                    let first = Int(record.first)
                    if record.shape & Self.hashedFlag == 0 {
                        var slot = first
                        let end = first &+ Int(record.shape)
                        while slot < end {
                            let edge = edges[slot]
                            if UInt32(truncatingIfNeeded: edge) == cls {
                                state = UInt32(truncatingIfNeeded: edge &>> 32)
                                break transition
                            }
                            slot &+= 1
                        }
                    } else {
                        let bits = record.shape & 31
                        let mask = (1 &<< Int(bits)) &- 1
                        var index = Int((cls &* Self.hashMultiplier) &>> (32 &- bits))
                        while true {
                            let edge = edges[first &+ index]
                            let found = UInt32(truncatingIfNeeded: edge)
                            if found == cls {
                                state = UInt32(truncatingIfNeeded: edge &>> 32)
                                break transition
                            }
                            if found == 0 { break }
                            index = (index &+ 1) & mask
                        }
                    }
                    current = record.failure
                }
                if current == 0 { state = rootRow[Int(cls)] }
                if state & Self.reportFlag != 0 {
                    report(from: states[Int(state & Self.stateMask)].report, end: position &+ 1, body)
                }
            }
        }}}}}}
    }

    /// Reports the patterns of `state` and of every state down its dictionary links.
    private func report(from state: UInt32, end: Int, _ body: (TermHit) -> Void) {
        var current = state
        while current != Self.noState {
            for slot in Int(patternOffsets[Int(current)])..<Int(patternOffsets[Int(current) + 1]) {
                let pattern = Int(ownPatterns[slot])
                body(TermHit(pattern: pattern, range: (end - Int(patternLengths[pattern]))..<end))
            }
            current = dictionaryLink[Int(current)]
        }
    }

    /// Every occurrence of every pattern in `text`, in the order `forEachMatch` reports them.
    public func matches(in text: NormalizedText) -> [TermHit] {
        var hits: [TermHit] = []
        forEachMatch(in: text) { hits.append($0) }
        return hits
    }

    /// The number of occurrences of all patterns in `text` (what `matches(in:).count` would be, without the array).
    public func matchCount(in text: NormalizedText) -> Int {
        var count = 0
        forEachMatch(in: text) { _ in count += 1 }
        return count
    }
}
