/// Places the states of a trie in a double array: each state gets a base, distinct from every
/// other state's, such that the cells `base + class` of its children are owned by no other state.
///
/// The root has base 0 and owns the first `classCount` cells (a dense row). The other states
/// are placed widest first (the array is emptiest then; in a trie of Chinese words the wide states
/// are the shallow ones a scan visits most, so they also end up together at the front), each at
/// the first free cell that fits all its children (first fit, with a cap on the attempts so that
/// a crowded front cannot make the build quadratic); states without children take the base
/// numbers left over. Every lookup `base + class` with
/// `class < classCount` stays inside `cellCount`.
struct DoubleArrayLayout {
    /// Per state, its base.
    private(set) var base: [UInt32]
    /// The number of cells the array needs.
    private(set) var cellCount: Int

    /// Free cells tried per state before it goes to the end of the array.
    private static let attemptLimit = 2048

    /// - Parameters:
    ///   - offsets: per state, the start of its children in `classes`; `stateCount + 1` entries.
    ///   - classes: the children's classes, ascending within each state.
    init(stateCount: Int, classCount: Int, offsets: [UInt32], classes: [UInt32]) {
        var base = [UInt32](repeating: 0, count: stateCount)
        var cells = FreeCells(capacity: max(2 * classCount + 2 * classes.count, 64))
        for cell in 0..<classCount { cells.take(cell) }
        cells.baseUsed[0] = true
        var highWater = classCount  // every cell from here on is free
        var maxBase = 0

        // Widest states first, while the array is still empty enough for them to fit near the
        // front; the many states with one child then fill the gaps (any free cell suits them).
        // Ties keep the given order.
        var order = (1..<max(stateCount, 1)).filter { offsets[$0 + 1] > offsets[$0] }
        order.sort { a, b in
            let wa = offsets[a + 1] - offsets[a], wb = offsets[b + 1] - offsets[b]
            return wa != wb ? wa > wb : a < b
        }
        // Where the search starts: for states about as wide as the previous one, where that one
        // went (the front is too crowded for them, no use trying it again); from the first
        // free cell once the states get narrower.
        var hint = 0
        var hintWidth = Int.max
        for state in order {
            let run = Int(offsets[state])..<Int(offsets[state + 1])
            let first = Int(classes[run.lowerBound])
            if run.count * 2 <= hintWidth {
                hint = 0
                hintWidth = run.count
            }
            var cell = max(hint, cells.first)
            while cells.used[cell] { cell += 1 }  // the hint may have been taken since
            var attempts = 0
            while true {
                cells.ensure(cell + classCount + 1)
                let candidate = cell - first  // ≥ 1: free cells lie beyond the root's row
                if !cells.baseUsed[candidate], run.dropFirst().allSatisfy({ !cells.used[candidate + Int(classes[$0])] }) {
                    base[state] = UInt32(candidate)
                    cells.baseUsed[candidate] = true
                    for slot in run { cells.take(candidate + Int(classes[slot])) }
                    highWater = max(highWater, candidate + Int(classes[run.upperBound - 1]) + 1)
                    hint = cell
                    maxBase = max(maxBase, candidate)
                    break
                }
                attempts += 1
                if attempts >= Self.attemptLimit, cell < highWater {
                    cell = highWater  // free: nothing at or beyond the high-water mark is used
                } else {
                    cell = cells.next(after: cell)
                }
            }
        }

        var nextBase = 1
        for state in 1..<max(stateCount, 1) where offsets[state + 1] == offsets[state] {
            cells.ensure(nextBase + 1)
            while cells.baseUsed[nextBase] {
                nextBase += 1
                cells.ensure(nextBase + 1)
            }
            base[state] = UInt32(nextBase)
            cells.baseUsed[nextBase] = true
            maxBase = max(maxBase, nextBase)
        }
        self.base = base
        cellCount = max(maxBase, highWater) + classCount
    }
}

/// The cells of a double array under construction: which are used, which bases are taken,
/// and the free cells as a doubly linked list, so a search skips used cells in O(1).
private struct FreeCells {
    var used: [Bool] = []
    var baseUsed: [Bool] = []
    private var nextFree: [Int32] = []
    private var previousFree: [Int32] = []
    /// The first free cell.
    private(set) var first: Int = -1
    private var last: Int = -1

    init(capacity: Int) { ensure(capacity) }

    /// Makes room for cells `0..<size`; new cells are free.
    mutating func ensure(_ size: Int) {
        let old = used.count
        guard size > old else { return }
        let grown = max(size, old * 2)
        used.append(contentsOf: repeatElement(false, count: grown - old))
        baseUsed.append(contentsOf: repeatElement(false, count: grown - old))
        nextFree.reserveCapacity(grown)
        previousFree.reserveCapacity(grown)
        for cell in old..<grown {
            nextFree.append(cell + 1 < grown ? Int32(cell + 1) : -1)
            previousFree.append(Int32(cell - 1))
        }
        previousFree[old] = Int32(last)
        if last >= 0 { nextFree[last] = Int32(old) } else { first = old }
        last = grown - 1
    }

    /// The free cell after `cell` (which is free), growing the array when none is left.
    mutating func next(after cell: Int) -> Int {
        if nextFree[cell] < 0 { ensure(used.count + 1) }
        return Int(nextFree[cell])
    }

    /// Marks a free cell used.
    mutating func take(_ cell: Int) {
        used[cell] = true
        let previous = Int(previousFree[cell]), next = Int(nextFree[cell])
        if previous >= 0 { nextFree[previous] = Int32(next) } else { first = next }
        if next >= 0 { previousFree[next] = Int32(previous) } else { last = previous }
    }
}
