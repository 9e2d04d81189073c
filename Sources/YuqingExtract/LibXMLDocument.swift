import CLibXML2
import Foundation

/// Owns one libxml2 document for the duration of a closure, so nothing can outlive it
/// and every parse frees what it allocated.
enum LibXMLDocument {
    /// One-time, process-wide libxml2 set-up: initialise the library before threads use it,
    /// and install an entity loader that refuses every external entity and DTD.
    private static let prepared: Void = {
        xmlInitParser()
        yq_xml_refuse_external_entities()
    }()

    /// Runs the one-time set-up and silences libxml2 on the calling thread; every entry
    /// point into libxml2 (HTML parsing, XPath compilation) calls this first.
    static func prepare() {
        _ = prepared
        // Error handlers are per thread in libxml2 and Swift tasks hop threads: set every time.
        yq_xml_silence_errors()
    }

    /// Parser options. Deliberately absent: XML_PARSE_NOENT (substitute entities),
    /// XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (read DTDs), XML_PARSE_HUGE (lift size limits).
    private static let baseOptions: UInt32 =
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue

    /// Parses `body` and calls `body` with the document and libxml2's first error message
    /// (nil when the document was well-formed).
    ///
    /// - Parameter encoding: the encoding to decode with; when given, the XML declaration's
    ///   own `encoding=` is ignored (XML_PARSE_IGNORE_ENC).
    static func withParsed<T>(
        _ data: Data,
        url: URL,
        encoding: String?,
        _ body: (xmlDocPtr, String?) throws(ExtractError) -> T
    ) throws(ExtractError) -> T {
        _ = prepared
        // Error handlers are per thread in libxml2 and Swift tasks hop threads: set every time.
        yq_xml_silence_errors()
        guard let context = xmlNewParserCtxt() else { throw .notXML(reason: "libxml2 could not create a parser") }
        defer { xmlFreeParserCtxt(context) }

        var options = baseOptions
        if encoding != nil { options |= XML_PARSE_IGNORE_ENC.rawValue }
        let document: xmlDocPtr? = data.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            if let encoding {
                return xmlCtxtReadMemory(context, base, Int32(raw.count), url.absoluteString, encoding, Int32(options))
            }
            return xmlCtxtReadMemory(context, base, Int32(raw.count), url.absoluteString, nil, Int32(options))
        }
        let failure = context.pointee.wellFormed == 0 ? firstError(context) : nil
        guard let document else {
            throw .notXML(reason: failure ?? "libxml2 could not parse the document")
        }
        defer { xmlFreeDoc(document) }
        return try body(document, failure)
    }

    /// libxml2's last error as "message (line N)".
    private static func firstError(_ context: xmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return error.pointee.line > 0 ? "\(text) (line \(error.pointee.line))" : text
    }
}
