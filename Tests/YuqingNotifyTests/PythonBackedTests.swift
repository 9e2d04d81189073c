import Testing

/// The suites that start Python (the SMTP server, the `email` parser) run one test at a time,
/// one suite after the other: a dozen Python processes at once load two cores enough to upset
/// the timing tests of other suites.
@Suite(.serialized) enum PythonBackedTests {}
