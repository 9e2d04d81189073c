/// Checks a CSS or XPath selector written in `Sources.yml` before any page is fetched.
///
/// Configuration reading cannot see the HTML adapter, so the daemon and the command line hand
/// it one (`YuqingExtract.PageSelectorChecker`): a broken selector is then a config error with
/// its file, line and column instead of a failing source.
public protocol SelectorChecker: Sendable {
    /// Nil when `selector` can be used; otherwise what is wrong with it and how to fix it,
    /// naming the position inside the selector when there is one.
    ///
    /// - Parameters:
    ///   - relative: true for a selector applied inside an already selected element
    ///     (`link`, `title`, `date`, …), false for one applied to the whole page.
    ///   - field: the configuration key, for the message.
    func problem(with selector: String, relative: Bool, field: String) -> String?
}
