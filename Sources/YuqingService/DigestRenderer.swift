import Foundation
import Mustache
import YuqingCore

/// Renders a `DigestView` with the Mustache templates `digest.html.mustache` and
/// `digest.txt.mustache`: an office's own copies in the template directory when present,
/// else the built-in ones shipped with Yuqing.
public struct DigestRenderer: Sendable {
    /// Where each template was read from (a file path, or `built-in`).
    public let origins: [String: String]
    private let html: MustacheTemplate
    private let text: MustacheTemplate

    /// Names of the two templates.
    public static let htmlName = "digest.html.mustache"
    /// The plain-text template's file name.
    public static let textName = "digest.txt.mustache"

    /// Loads the templates from `directory` (when it holds them) or the built-in copies.
    public init(directory: URL?) throws(DigestError) {
        var origins: [String: String] = [:]
        func load(_ name: String) throws(DigestError) -> MustacheTemplate {
            var candidates: [URL] = []
            if let directory { candidates.append(directory.appending(path: name)) }
            // The built-in copies: the resource bundle installed beside the binary, else (in the
            // build tree) SwiftPM's `Bundle.module`, which aborts when it finds no bundle at all,
            // so it is asked only when nothing else has the file.
            candidates.append(Bundle.main.bundleURL.appending(path: "Yuqing_YuqingService.resources/Templates/\(name)"))
            if !candidates.contains(where: { FileManager.default.fileExists(atPath: $0.path) }),
               let builtIn = Bundle.module.url(forResource: "Templates/\(name)", withExtension: nil) {
                candidates.append(builtIn)
            }
            for url in candidates where FileManager.default.fileExists(atPath: url.path) {
                let source: String
                do {
                    source = try String(contentsOf: url, encoding: .utf8)
                } catch {
                    throw .template(path: url.path, message: "cannot read it: \(error.localizedDescription)")
                }
                do {
                    let template = try MustacheTemplate(string: source)
                    origins[name] = url.path
                    return template
                } catch let error as MustacheTemplate.ParserError {
                    throw .template(path: url.path, message: "line \(error.context.lineNumber):\(error.context.columnNumber): \(error.error)")
                } catch {
                    throw .template(path: url.path, message: "\(error)")
                }
            }
            throw .template(path: name, message: "no template found (looked in \(candidates.map(\.path).joined(separator: ", ")))")
        }
        html = try load(Self.htmlName)
        text = try load(Self.textName)
        self.origins = origins
    }

    /// The HTML body.
    public func renderHTML(_ view: DigestView) -> String { html.render(view) }

    /// The `text/plain` body.
    public func renderText(_ view: DigestView) -> String { text.render(view) }
}
