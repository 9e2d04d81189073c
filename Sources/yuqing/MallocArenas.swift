#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// The number of glibc malloc arenas the daemon allocates from.
///
/// glibc gives threads their own arenas, up to eight a core, and an arena keeps the memory
/// its threads freed for them. The daemon's work hops between a dozen threads (the Swift
/// cooperative pool, libcurl's multi thread, SQLite's writer and readers), so each arena ends up
/// holding its own share of free memory: in the session-7 soak (BENCHMARKS.md, "Soak") the
/// same live data (~70 MB) took 131 MB of RSS with two arenas and 185 MB with the default.
enum MallocArenas {
    /// The arena count the daemon runs with unless `MALLOC_ARENA_MAX` is set.
    static let daemonLimit: Int32 = 2

    /// Caps the arenas at `daemonLimit`, unless the environment already chose
    /// (`MALLOC_ARENA_MAX`, or `glibc.malloc.arena_max` in `GLIBC_TUNABLES`; glibc read them
    /// at start). Arenas made before the call stay; call it first thing.
    static func limitForDaemon() {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        if let tunables = getenv("GLIBC_TUNABLES"), String(cString: tunables).contains("arena_max") { return }
        _ = mallopt(M_ARENA_MAX, daemonLimit)
        #endif
    }
}
