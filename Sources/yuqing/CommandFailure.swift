/// A command that could not do its work for a reason the user can fix; printed as
/// `Error: …` without the usage text (which would suggest the arguments were wrong).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
