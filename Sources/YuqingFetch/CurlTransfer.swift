import CCurl
import Foundation
import YuqingCore

/// One request in flight: owns its easy handle and collects the response.
///
/// Only the fetcher's loop thread touches it between `start` and completion, so its
/// mutable state needs no lock; it crosses threads exactly twice (queued, resumed).
final class CurlTransfer: @unchecked Sendable {
    let request: FetchRequest
    let limits: FetchLimits
    let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var continuation: CheckedContinuation<FetchResponse, any Error>?
    private(set) var body = Data()
    private var headers: [String: String] = [:]
    private(set) var exceededBodyLimit = false
    /// The address the redirect guard refused, with its class; turns the transfer's error into `addressRefused`.
    private(set) var refusedAddress: (ip: String, addressClass: AddressClass)?
    private let started = ContinuousClock.now

    /// Creates the easy handle and sets every option; throws when libcurl refuses one.
    init(request: FetchRequest, limits: FetchLimits, continuation: CheckedContinuation<FetchResponse, any Error>) throws(FetchError) {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .unsupportedURL(url: request.url.absoluteString)
        }
        guard let handle = curl_easy_init() else { throw .setup(message: "curl_easy_init returned NULL") }
        self.request = request
        self.limits = limits
        self.handle = handle
        self.continuation = continuation
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure() throws(FetchError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(yq_easy_setopt_string(handle, CURLOPT_URL, request.url.absoluteString))
        try check(yq_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context))
        try check(yq_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        try check(yq_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        try check(yq_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        try check(yq_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        try check(yq_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        // Only plain web protocols, for the first request and for every redirect:
        // a feed must never be able to send us to file://, gopher:// or dict://.
        try check(yq_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(yq_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        try check(yq_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1))
        try check(yq_easy_setopt_long(handle, CURLOPT_MAXREDIRS, limits.maxRedirects))
        // An empty string asks for every encoding this libcurl decodes (gzip, deflate, br, zstd).
        try check(yq_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        try check(yq_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.milliseconds))
        try check(yq_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, limits.totalTimeout.milliseconds))
        try check(yq_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond))
        try check(yq_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, Int(limits.lowSpeedTime.components.seconds)))
        try check(yq_easy_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)))
        try check(yq_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        // A poll closes its connection and caches no address: libcurl 7.88 scans its whole
        // connection cache and DNS cache on every transfer, and with one entry per host polled
        // that made a 304 cost 2.4 ms of CPU at 10,000 hosts instead of 0.19 ms (`yuqing bench
        // fetch`). The pages a list or forum poll fetches from one host in a burst keep both.
        try check(yq_easy_setopt_long(handle, CURLOPT_DNS_CACHE_TIMEOUT, request.keepAlive ? limits.dnsCacheSeconds : 0))
        try check(yq_easy_setopt_long(handle, CURLOPT_FORBID_REUSE, request.keepAlive ? 0 : 1))
        try check(yq_easy_setopt_string(handle, CURLOPT_USERAGENT, limits.userAgent))
        if request.addressPolicy != nil {
            // Checked at connect time by the address actually dialled (new connections), and again
            // before each request (reused pooled connections, which skip the socket callback).
            try check(yq_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context))
            try check(yq_easy_setopt_opensocket_callback(handle, CURLOPT_OPENSOCKETFUNCTION, curlOpenSocket))
            try check(yq_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, context))
            try check(yq_easy_setopt_prereq_callback(handle, CURLOPT_PREREQFUNCTION, curlPrerequest))
        }

        var lines = request.headers.map { "\($0.key): \($0.value)" }.sorted()
        if let etag = request.etag { lines.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { lines.append("If-Modified-Since: \(lastModified)") }
        for line in lines {
            headerList = curl_slist_append(headerList, line)
        }
        if headerList != nil {
            try check(yq_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        }
    }

    private func check(_ code: CURLcode) throws(FetchError) {
        guard code == CURLE_OK else {
            throw .setup(message: String(cString: curl_easy_strerror(code)))
        }
    }

    /// Appends body bytes; returns false once the body limit is passed, which makes libcurl abort.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= limits.maxBodyBytes else {
            exceededBodyLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Records one header line; a new status line (after a redirect or a 100) starts afresh.
    func appendHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            body.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingWhitespaceAndNewlines().lowercased()
        let value = line[line.index(after: colon)...].trimmingWhitespaceAndNewlines()
        guard !name.isEmpty else { return }
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
    }

    /// Whether the request's address policy lets a connection reach `ip`; remembers a refusal.
    func mayConnect(to ip: String) -> Bool {
        guard let policy = request.addressPolicy, !policy.allows(ip: ip) else { return true }
        refusedAddress = (ip, policy.classify(ip) ?? .unspecified)
        return false
    }

    /// Resumes the waiting caller with the outcome of `code`; called once, on the loop thread.
    func complete(with code: CURLcode) {
        guard let continuation else { return }
        self.continuation = nil
        if code == CURLE_OK {
            var status = 0
            _ = yq_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            var effective: UnsafeMutablePointer<CChar>?
            _ = yq_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
            let finalURL = effective.flatMap { URL(string: String(cString: $0)) } ?? request.url
            var connects = 0
            _ = yq_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
            continuation.resume(returning: FetchResponse(
                status: status, finalURL: finalURL, headers: headers, body: body,
                elapsed: ContinuousClock.now - started, newConnections: connects
            ))
        } else {
            continuation.resume(throwing: error(for: code))
        }
    }

    /// Resumes the waiting caller with `error` (shutdown), if it is still waiting.
    func fail(_ error: FetchError) {
        continuation?.resume(throwing: error)
        continuation = nil
    }

    private func error(for code: CURLcode) -> FetchError {
        let url = request.url.absoluteString
        if let refused = refusedAddress, let policy = request.addressPolicy {
            var effective: UnsafeMutablePointer<CChar>?
            _ = yq_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
            return .addressRefused(
                url: effective.map { String(cString: $0) } ?? url, address: refused.ip,
                addressClass: refused.addressClass, baseline: policy.baseline
            )
        }
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_WRITE_ERROR where exceededBodyLimit, CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(url: url, limit: limits.maxBodyBytes)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dnsFailure(url: url, message: message)
        case CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return .connectionFailed(url: url, message: message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: url, message: message)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(url: url, limit: limits.maxRedirects)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .unsupportedURL(url: url + " (\(message))")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            return .tls(url: url, message: message)
        default:
            return .transfer(url: url, code: Int(code.rawValue), message: message)
        }
    }
}

/// libcurl body callback: hands the bytes to the transfer named by WRITEDATA.
private let curlWriteBody: yq_curl_write_callback = { pointer, size, count, context in
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let pointer else { return length }
    return transfer.appendBody(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
}

/// libcurl header callback: one call per header line, status lines included.
private let curlWriteHeader: yq_curl_write_callback = { pointer, size, count, context in
    guard let context, let pointer else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
    // Header values are usually ASCII; fall back to Latin-1 so odd bytes never drop a line.
    let line = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) ?? ""
    transfer.appendHeaderLine(line)
    return length
}

/// libcurl socket callback: opens the socket only when the address policy allows the address.
private let curlOpenSocket: yq_curl_opensocket_callback = { context, _, address in
    guard let context, let address else { return CURL_SOCKET_BAD }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    var buffer = [CChar](repeating: 0, count: 64)
    guard yq_sockaddr_ip(address, &buffer, socklen_t(buffer.count)) == 0 else { return CURL_SOCKET_BAD }
    let ip = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    guard transfer.mayConnect(to: ip) else { return CURL_SOCKET_BAD }
    return yq_open_socket(address)
}

/// libcurl pre-request callback: vetoes a request on a (possibly reused) connection to a refused address.
private let curlPrerequest: yq_curl_prereq_callback = { context, primaryIP, _, _, _ in
    guard let context, let primaryIP else { return Int32(CURL_PREREQFUNC_ABORT) }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.mayConnect(to: String(cString: primaryIP)) ? Int32(CURL_PREREQFUNC_OK) : Int32(CURL_PREREQFUNC_ABORT)
}
