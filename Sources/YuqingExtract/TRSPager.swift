import CLibXML2
import Foundation

/// Reads the pagination of TRS WCM, the CMS behind most Chinese government sites, which
/// writes no next-page link into the HTML: a script calls
/// `createPageHTML(pageCount, currentPage, "index", "html")` and the pages are `index.html`,
/// `index_1.html`, … `index_{pageCount-1}.html`.
enum TRSPager {
    /// The next page's URL, when the page calls `createPageHTML` and is not the last page.
    static func nextPage(on page: HTMLPage) -> URL? {
        for script in XPathQuery.nodes("//script", in: page.document) {
            guard let content = xmlNodeGetContentString(script), let call = content.range(of: "createPageHTML(") else { continue }
            let rest = content[call.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { continue }
            let arguments = rest[..<close].split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\"'"))
            }
            guard arguments.count >= 4, let count = Int(arguments[0]), let current = Int(arguments[1]),
                  current + 1 < count, !arguments[2].isEmpty, !arguments[3].isEmpty else { continue }
            return LinkResolver.resolve("\(arguments[2])_\(current + 1).\(arguments[3])", against: page.url)
        }
        return nil
    }

    /// The text content of a script element (scripts hold plain text, no entities to bound).
    private static func xmlNodeGetContentString(_ node: xmlNodePtr) -> String? {
        guard let content = xmlNodeGetContent(node) else { return nil }
        defer { yq_xml_free(content) }
        return String(cString: content)
    }
}
