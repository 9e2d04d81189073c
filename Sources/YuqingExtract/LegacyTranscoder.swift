import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Decodes legacy charsets (GB18030, Big5-HKSCS, Shift_JIS, EUC-KR, the ISO-8859 family …) to
/// UTF-8 before libxml2 sees the bytes, replacing each undecodable byte with U+FFFD.
///
/// Why not let libxml2 decode: at the first invalid sequence it stops decoding and silently
/// drops the rest of the document, so one stray byte in a GBK feed loses every item after it
/// (measured on 2.9.14). Real Chinese sites do serve such bytes (truncated titles, pasted
/// binary). glibc's iconv decodes GB18030 exactly (see PLATFORM-NOTES); here it runs one
/// sequence at a time past each bad byte.
enum LegacyTranscoder {
    /// Whether `encoding` is one libxml2 would decode itself from a non-UTF-8 byte stream.
    static func isLegacy(_ encoding: String) -> Bool {
        let name = encoding.uppercased()
        return !(name == "UTF-8" || name == "UTF8" || name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32")
            || name == "US-ASCII" || name == "ASCII")
    }

    /// `data` decoded from `encoding` to UTF-8 with U+FFFD for each undecodable byte;
    /// nil when iconv does not know the encoding (the caller then leaves it to libxml2).
    static func utf8(_ data: Data, from encoding: String) -> Data? {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }

        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var input = [UInt8](data)
        var output = [UInt8]()
        output.reserveCapacity(data.count * 3 / 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        input.withUnsafeMutableBufferPointer { source in
            guard var inPointer = source.baseAddress.map({ UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) })
            else { return }
            var inLeft = source.count
            while inLeft > 0 {
                let (status, code, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int, Int32, Int) in
                    var outPointer: UnsafeMutablePointer<CChar>? =
                        UnsafeMutableRawPointer(target.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count
                    var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                    let status = iconv(converter, &inOptional, &inLeft, &outPointer, &outLeft)
                    let code = errno
                    inPointer = inOptional!
                    return (status, code, target.count - outLeft)
                }
                output.append(contentsOf: chunk[0 ..< produced])
                if status != -1 { continue }
                switch code {
                case E2BIG:
                    continue  // the output chunk was full: go round again
                default:
                    // EILSEQ (invalid sequence) or EINVAL (truncated at the end): skip one byte.
                    output.append(contentsOf: replacement)
                    inPointer += 1
                    inLeft -= 1
                }
            }
        }
        return Data(output)
    }
}
