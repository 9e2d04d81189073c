/// What Python's `email` package (policy.default) found in a message: the independent reading
/// of our MIME output that the mail tests assert on. Field names follow `smtp_server.py decode`.
public struct DecodedMail: Decodable, Sendable {
    /// One leaf part of the message.
    public struct Part: Decodable, Sendable {
        /// The part's media type, e.g. `text/html`.
        public var content_type: String
        /// The attachment's file name, if any.
        public var filename: String?
        /// The Content-ID of an inline part, if any.
        public var cid: String?
        /// `inline` or `attachment`, if given.
        public var disposition: String?
        /// The decoded size in bytes.
        public var size: Int
    }

    /// The decoded Subject.
    public var subject: String
    /// The From address.
    public var from: String
    /// The From display name.
    public var from_name: String
    /// The To addresses.
    public var to: [String]
    /// The To display names.
    public var to_names: [String]
    /// The Message-ID header.
    public var message_id: String
    /// The Date header.
    public var date: String
    /// The top-level media type.
    public var content_type: String
    /// The media types of every part, depth first.
    public var structure: [String]
    /// The text/plain body, decoded.
    public var text: String?
    /// The text/html body, decoded.
    public var html: String?
    /// The leaf parts.
    public var parts: [Part]
    /// The defects Python's parser reported (none for a well-formed message).
    public var defects: [String]
    /// The longest line of the raw message, in bytes.
    public var max_line: Int
    /// Whether any line ends in a bare LF instead of CRLF.
    public var bare_lf: Bool
    /// Every header, decoded.
    public var headers: [String: String]
}
