import Testing
@testable import YuqingStore

/// `item.content_hash` is stored: if the function changed, every stored item would look edited
/// on its next poll (and be analysed and matched again). These values were written by the
/// hand-rolled FNV-1a loop that preceded `FNV1a64`.
@Suite struct ContentHashTests {
    @Test func storedHashesStayTheSame() {
        #expect(ContentHash.of(title: "江临市通报", summary: "道路施工") == "75e3dca1d9a483d4")
        #expect(ContentHash.of(title: "", summary: "") == "af64724c8602eb6e")
        #expect(ContentHash.of(title: "ab", summary: "c") == "fdf3a083ef9bc024")
        #expect(ContentHash.of(title: "a", summary: "bc") != ContentHash.of(title: "ab", summary: "c"))
    }
}
