import Foundation

/// One forum thread page: the opening post and the replies on that page.
public struct ForumThread: Sendable, Hashable {
    /// The thread's subject.
    public var title: String
    /// The page's URL.
    public var url: URL
    /// The posts in page order; on a thread's first page the first one is the opening post.
    public var posts: [ForumPost]

    /// Creates a thread.
    public init(title: String, url: URL, posts: [ForumPost]) {
        self.title = title
        self.url = url
        self.posts = posts
    }

    /// The first post on the page (the opening post on page one).
    public var firstPost: ForumPost? { posts.first }

    /// The posts after the first.
    public var replies: ArraySlice<ForumPost> { posts.dropFirst() }
}

/// One post of a forum thread.
public struct ForumPost: Sendable, Hashable {
    /// The forum's identifier for the post (Discuz!: the number in `post_123`), when found.
    public var id: String?
    /// The poster's name, when shown.
    public var author: String?
    /// When the post was made, when readable.
    public var published: Date?
    /// The message as plain text, quotes of other posts left out; paragraphs separated by `\n`.
    public var text: String

    /// Creates a post.
    public init(id: String? = nil, author: String? = nil, published: Date? = nil, text: String) {
        self.id = id
        self.author = author
        self.published = published
        self.text = text
    }
}
