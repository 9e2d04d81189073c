/// How reports present the office (the `report:` block of `yuqing.yml`).
public struct ReportSettings: Sendable, Hashable {
    /// The office named at the top of every report (`江临市委网信办`); empty for none.
    public var title: String
    /// An https URL of a logo image shown next to the title, if any.
    public var logoURL: String?
    /// The default language of reports.
    public var language: ReportLanguage
    /// Directory of the Mustache templates (`digest.html.mustache`, `digest.txt.mustache`);
    /// nil means `templates/` in the config directory, else the built-in copies.
    public var templateDirectory: String?
    /// Where each report is archived (HTML and CSV); nil means `reports/` next to the database.
    public var archiveDirectory: String?

    /// Creates report settings.
    public init(
        title: String = "", logoURL: String? = nil, language: ReportLanguage = .zhCN,
        templateDirectory: String? = nil, archiveDirectory: String? = nil
    ) {
        self.title = title
        self.logoURL = logoURL
        self.language = language
        self.templateDirectory = templateDirectory
        self.archiveDirectory = archiveDirectory
    }
}
