/// Which folding steps `TextNormalizer` applies on top of the ones it always applies
/// (compatibility folding, lower case, removal of zero-width characters, whitespace collapsing).
public struct NormalizationOptions: Sendable, Hashable {
    /// Map traditional characters to simplified ones, character by character (環境污染 → 环境污染).
    public var traditionalToSimplified: Bool = true
    /// Drop runs of whitespace, punctuation and symbols that sit between two CJK characters
    /// (非*法集资, 非 法 集 资, 非·法集资 → 非法集资), which defeats inserted-symbol evasion.
    public var skipSeparatorsBetweenCJK: Bool = true
    /// Fold a run of one repeated CJK character into one (垃垃圾圾 → 垃圾). Latin letters and
    /// digits are left alone: doubled letters and digits carry meaning ("book", "100").
    public var foldRepeatedCharacters: Bool = false

    /// Creates options; the defaults suit matching watch terms against Chinese text.
    public init(
        traditionalToSimplified: Bool = true,
        skipSeparatorsBetweenCJK: Bool = true,
        foldRepeatedCharacters: Bool = false
    ) {
        self.traditionalToSimplified = traditionalToSimplified
        self.skipSeparatorsBetweenCJK = skipSeparatorsBetweenCJK
        self.foldRepeatedCharacters = foldRepeatedCharacters
    }
}
