import YuqingCore

/// Checks `Sources.yml` selectors the way the extractors will use them: CSS through
/// `CSSTranslator`, then the XPath through libxml2's compiler.
public struct PageSelectorChecker: SelectorChecker {
    /// Creates a checker.
    public init() {}

    /// Nil when `selector` compiles; otherwise the `SelectorError`'s explanation, which names
    /// the position inside the selector.
    public func problem(with selector: String, relative: Bool, field: String) -> String? {
        do {
            _ = try PageSelector(selector, relative: relative, field: field)
            return nil
        } catch {
            return error.description
        }
    }
}
