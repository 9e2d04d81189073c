import YuqingCore

/// A rule read from one file, with the places the cross-file checks point at.
struct LoadedRule {
    /// The rule.
    enum Content {
        /// A watch rule.
        case watch(WatchRule)
        /// A volume or spike rule.
        case volume(VolumeRule)
    }

    /// The rule.
    var content: Content
    /// Where its name is written (duplicate names point at the second one).
    var nameLine: Int
    /// Column of the name.
    var nameColumn: Int
    /// Where its group is written (volume rules naming an unknown group point there).
    var groupLine: Int
    /// Column of the group.
    var groupColumn: Int

    /// The rule's name.
    var name: String {
        switch content {
        case let .watch(rule): rule.name
        case let .volume(rule): rule.name
        }
    }
}
