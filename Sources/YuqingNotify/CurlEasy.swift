import CCurl
import Foundation

/// One blocking libcurl easy transfer for a single SMTP message or webhook post: the request
/// bytes go up through READFUNCTION, the response body (webhooks) and the server's reply lines
/// (SMTP, through DEBUGFUNCTION) are kept for error messages. Used on one thread, then dropped.
final class CurlEasy {
    /// What a finished transfer left behind.
    struct Outcome {
        /// libcurl's result code.
        var code: CURLcode
        /// libcurl's error text (the error buffer, else the code's description).
        var error: String
        /// The last HTTP status or SMTP reply code (0 when the server never answered).
        var responseCode: Int
        /// The response body (HTTP).
        var body: Data
        /// The response headers, lower-cased names (HTTP).
        var headers: [String: String]
        /// The server's reply lines, newest last, without AUTH challenges (SMTP).
        var serverLines: [String]
    }

    let handle: UnsafeMutableRawPointer
    private var slists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    fileprivate var upload = Data()
    fileprivate var uploadOffset = 0
    fileprivate var body = Data()
    fileprivate var headers: [String: String] = [:]
    fileprivate var serverLines: [String] = []
    /// Larger responses are cut: robots answer with a few hundred bytes.
    fileprivate let maxBody = 256 * 1024

    /// A fresh handle; nil when libcurl cannot allocate one.
    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer.initialize(to: 0)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in slists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// Sets an option; returns libcurl's complaint, if any.
    func set(_ option: CURLoption, _ value: Int) -> String? { check(yq_easy_setopt_long(handle, option, value)) }

    /// Sets a string option (libcurl copies it).
    func set(_ option: CURLoption, _ value: String) -> String? { check(yq_easy_setopt_string(handle, option, value)) }

    /// Sets a list option (MAIL_RCPT, HTTPHEADER); the list lives as long as this handle.
    func set(_ option: CURLoption, list values: [String]) -> String? {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values { list = curl_slist_append(list, value) }
        guard let list else { return "cannot build the list for option \(option.rawValue)" }
        slists.append(list)
        return check(yq_easy_setopt_slist(handle, option, list))
    }

    /// Sends `data` as the request body (SMTP DATA or HTTP POST) through READFUNCTION.
    func setUpload(_ data: Data) -> String? {
        upload = data
        uploadOffset = 0
        let context = Unmanaged.passUnretained(self).toOpaque()
        return check(yq_easy_setopt_pointer(handle, CURLOPT_READDATA, context))
            ?? check(yq_easy_setopt_read_callback(handle, CURLOPT_READFUNCTION, curlEasyRead))
    }

    /// Runs the transfer to the end on the calling thread.
    func perform() -> Outcome {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = yq_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = yq_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = yq_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlEasyWrite)
        _ = yq_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = yq_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlEasyHeader)
        // DEBUGFUNCTION is the only way to see an SMTP server's reply text (550 5.1.1 …);
        // libcurl calls it only with VERBOSE on, and it writes nothing itself then.
        _ = yq_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, context)
        _ = yq_easy_setopt_debug_callback(handle, CURLOPT_DEBUGFUNCTION, curlEasyDebug)
        _ = yq_easy_setopt_long(handle, CURLOPT_VERBOSE, 1)
        _ = yq_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        let code = withExtendedLifetime(self) { curl_easy_perform(handle) }
        var response = 0
        _ = yq_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &response)
        let buffered = String(cString: errorBuffer)
        return Outcome(
            code: code,
            error: buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered,
            responseCode: response, body: body, headers: headers, serverLines: serverLines
        )
    }

    private func check(_ code: CURLcode) -> String? {
        code == CURLE_OK ? nil : String(cString: curl_easy_strerror(code))
    }

    fileprivate func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    fileprivate func append(_ bytes: UnsafeRawBufferPointer) {
        guard body.count < maxBody else { return }
        body.append(contentsOf: bytes.prefix(maxBody - body.count))
    }

    fileprivate func header(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    fileprivate func serverSaid(_ text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            // 334 lines are AUTH challenges: nothing a reader needs, and they echo login steps.
            guard !line.hasPrefix("334") else { continue }
            serverLines.append(String(line))
            if serverLines.count > 20 { serverLines.removeFirst() }
        }
    }
}

// C callbacks capture nothing; the transfer arrives through the user-data pointer.

private func curlEasyRead(_ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let context else { return 0 }
    return Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
}

private func curlEasyWrite(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
        .append(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private func curlEasyHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
    Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue().header(line)
    return size * count
}

private func curlEasyDebug(
    _ handle: UnsafeMutableRawPointer?, _ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>?, _ size: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int32 {
    // Only what the server sent: outgoing lines (CURLINFO_HEADER_OUT) carry AUTH credentials.
    guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue().serverSaid(text)
    return 0
}
