// Design note — the multi-pattern matcher
//
// Every watch term of every rule goes into one Aho–Corasick automaton over normalised
// Unicode scalars; each text is scanned once and every occurrence of every term is
// reported, overlapping ones included. The representation, and why:
//
// * Alphabet compression. Chinese terms use a few thousand distinct characters out of
//   ~100,000 CJK code points. Each scalar that occurs in some pattern gets a dense class id
//   (1…n, the most frequent in the patterns first); every other scalar is class 0, which
//   always leads back to the root, so most of a text's "foreign" characters cost one table
//   lookup and no automaton work. The scalar → class map is a two-level table (page index by
//   `scalar >> 8`, shared all-zero page), so it covers all of Unicode in a few hundred KiB.
// * A double array (`DoubleArrayLayout`). A full DFA needs states × classes cells: 21,000
//   states × 3,500 classes for 10,000 terms is hundreds of MiB, far outside any cache. Instead
//   each state gets a base, and its child on class c sits in cell `base + c`, whose `check`
//   names the owner: a transition is one load and one compare, with no search and no
//   data-dependent loop. The bases are chosen so that the cells of different states
//   interleave; the array ends up 1.5–1.8× the number of states. The root's row is dense (cells
//   0..<classCount, absent children lead to the root), so the failure chain always ends there.
//   The first version kept sparse edge runs (linear ≤ 4 children, hash tables above) behind a
//   state record: three dependent loads and an unpredictable probe loop per character. At
//   10,000 terms this layout runs a fifth fewer instructions and a sixth fewer L1 misses per
//   character (cachegrind), and scanned 1.4–3.2× faster in same-run comparisons on a loaded
//   machine; at 100,000 terms no wall-clock gain showed yet (BENCHMARKS.md, "Matcher").
// * A cell carries what the scan needs about its target: its base, its failure link's base,
//   and where its matches start; a flag bit on the target marks states where something ends,
//   so the common no-match step costs one bit test. The failure link of the current state
//   thus comes with the cell that led to it, and `failureOfBase` is read only from the second
//   failure in a row on. Failure links are followed at scan time (the NFA form); their number
//   over a whole text is bounded by its length.
// * Matches. A state's own patterns are a run in one flat array; a "dictionary suffix
//   link" points to the nearest state on the failure chain that has patterns of its own.
//   Pattern lengths are stored, so a hit's start is its end minus the length: no per-match
//   allocation.
// * Build. The trie is built with one hash map from (state, class) to child, then turned
//   into CSR by a counting sort; states are then renumbered breadth first; failure links by
//   breadth-first search; then the double-array placement. Everything is linear or n log n in
//   the total pattern length, apart from the placement's first-fit search, which is capped per
//   state: 100,000 terms build in well under 1 s.
// * Everything lives in arrays of plain integers held by a struct: immutable after
//   `init`, `Sendable`, safe to share across threads without locks.

/// Finds every occurrence of many terms in one pass over a normalised text (Aho–Corasick).
///
/// Patterns are normalised with the given `TextNormalizer`, which must be the one the texts
/// are normalised with. Empty patterns (also those that normalise to nothing) never match.
public struct TermAutomaton: Sendable {
    /// Page index for the scalar → class map (`scalar >> 8`).
    private let classPages: [UInt16]
    /// 256-entry pages of class ids; page 0 is all zeros (scalars in no pattern).
    private let classEntries: [UInt32]
    /// Number of classes including class 0.
    private let classCount: Int
    /// The double array: the cell at `base(state) + class` belongs to the state's child on that
    /// class, if the state has one (its `check` is then the state's base); cells 0..<classCount
    /// are the root's total row (absent children lead back to the root).
    private let cells: [Cell]
    /// Per base: the base of the state's failure link (followed only from the second failure on;
    /// the first comes with the cell that led to the state).
    private let failureOfBase: [UInt32]
    /// The number of states.
    private let stateTotalCount: Int
    /// The next state with patterns of its own on the failure chain of a state, or `noState`.
    private let dictionaryLink: [UInt32]
    /// Per state: first index of its own patterns in `ownPatterns`; count + 1 entries.
    private let patternOffsets: [UInt32]
    /// Pattern indices, grouped by the state where they end.
    private let ownPatterns: [UInt32]
    /// Normalised length of each pattern.
    private let patternLengths: [UInt32]

    /// One transition, with what the scan needs to know about its target, in 16 bytes: one load.
    struct Cell: Sendable {
        /// The base of the state the transition leaves; `emptyCheck` for a cell no state owns.
        var check: UInt32
        /// The target's base, with `reportFlag` when something ends at the target.
        var target: UInt32
        /// The base of the target's failure link.
        var failure: UInt32
        /// The first state (by state number) whose own patterns end at the target — the target
        /// itself or one on its failure chain — or `noState`.
        var report: UInt32
    }

    private static let noState = UInt32.max
    /// The check of a cell no state owns (no base is this large).
    static let emptyCheck = UInt32.max
    /// Set on a transition's target when something ends at that state, so the scan's common
    /// no-match step costs one bit test.
    private static let reportFlag: UInt32 = 1 << 31
    private static let baseMask: UInt32 = ~reportFlag

    /// The number of patterns given at construction, empty ones included.
    public let patternCount: Int
    /// The number of cells of the double array (for diagnostics and benchmarks).
    public var cellCount: Int { cells.count }
    /// The number of automaton states (for diagnostics and benchmarks).
    public var stateCount: Int { stateTotalCount }

    /// Builds the automaton for `patterns`, each normalised with `normalizer`.
    public init(patterns: [String], normalizer: TextNormalizer) {
        self.init(normalizedPatterns: patterns.map(normalizer.normalizeTerm))
    }

    /// Builds the automaton for patterns that are already normalised (`TextNormalizer.normalizeTerm`).
    public init(normalizedPatterns patterns: [[UInt32]]) {
        patternCount = patterns.count
        patternLengths = patterns.map { UInt32($0.count) }

        // Alphabet: a dense class id for every scalar that occurs in a pattern.
        // Numbered by frequency in the patterns, most frequent first, so the children of a state
        // tend to have small, close classes: they pack densely in the double array.
        var frequency: [UInt32: Int] = [:]
        var totalLength = 0
        for pattern in patterns {
            totalLength += pattern.count
            for scalar in pattern { frequency[scalar, default: 0] += 1 }
        }
        var classOf: [UInt32: UInt32] = [:]
        classOf.reserveCapacity(frequency.count)
        for (rank, entry) in frequency.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).enumerated() {
            classOf[entry.key] = UInt32(rank + 1)
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

        // Final layout: a double array (see the design note). Bases first, then the cells.
        let layout = DoubleArrayLayout(stateCount: stateCount, classCount: classCount, offsets: offsets, classes: classes)
        let baseOf = layout.base
        let cellCount = layout.cellCount
        var cellArray = [Cell](repeating: Cell(check: Self.emptyCheck, target: 0, failure: 0, report: Self.noState),
                               count: cellCount)
        func cell(owner: Int, to state: UInt32) -> Cell {
            let target = baseOf[Int(state)]
            return Cell(check: UInt32(owner), target: report[Int(state)] == Self.noState ? target : target | Self.reportFlag,
                        failure: baseOf[Int(fail[Int(state)])], report: report[Int(state)])
        }
        // The root owns cells 0..<classCount: a total row, absent children lead back to the root.
        for cls in 0..<classCount { cellArray[cls] = cell(owner: 0, to: 0) }
        var failures = [UInt32](repeating: 0, count: cellCount)
        for state in 0..<stateCount {
            let base = Int(baseOf[state])
            failures[base] = baseOf[Int(fail[state])]
            for slot in Int(offsets[state])..<Int(offsets[state + 1]) {
                cellArray[base + Int(classes[slot])] = cell(owner: base, to: targets[slot])
            }
        }
        cells = cellArray
        failureOfBase = failures
        stateTotalCount = stateCount
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
            scan(count: scalars.count, body) { position in
                let scalar = scalars[position]
                let page = Int(scalar &>> 8)
                return page < classPages.count ? classEntries[Int(classPages[page]) &<< 8 | Int(scalar & 0xFF)] : 0
            }
        }}}
    }

    /// The scan over `count` characters whose classes `classAt` gives.
    @inline(__always)
    private func scan(count: Int, _ body: (TermHit) -> Void, classAt: (Int) -> UInt32) {
        cells.withUnsafeBufferPointer { cells in
        failureOfBase.withUnsafeBufferPointer { failureOfBase in
            let cells = cells.baseAddress!, failureOfBase = failureOfBase.baseAddress!
            var base: UInt32 = 0  // the current state's base
            var failure: UInt32 = 0  // its failure link's base
            for position in 0..<count {
                let cls = classAt(position)
                if cls == 0 {
                    base = 0
                    failure = 0
                    continue
                }
                var cell = cells[Int(base &+ cls)]
                if cell.check != base {
                    // Follow failure links until some state has a child on `cls`; the root always does.
                    var owner = failure
                    cell = cells[Int(owner &+ cls)]
                    while cell.check != owner {
                        owner = failureOfBase[Int(owner)]
                        cell = cells[Int(owner &+ cls)]
                    }
                }
                base = cell.target & Self.baseMask
                failure = cell.failure
                if cell.target & Self.reportFlag != 0 {
                    report(from: cell.report, end: position &+ 1, body)
                }
            }
        }}
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
