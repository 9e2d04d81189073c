import Foundation
import Testing
import YuqingConfig
import YuqingCore

/// Every message `yuqing.yml` can produce, plus YAML syntax errors and whole-file problems of
/// the config directory, one realistic mistake each. Inventory (message → table):
///
/// - SettingsReader.swift: not a map, unknown top key, unknown time zone, section not a map,
///   user_agent over two lines, default_interval below minimum_interval → `general`
/// - NodeReader.swift in yuqing.yml context: byte sizes (negative, unreadable, zero), whole numbers
///   (negative, below minimum, not a number), durations, misspelt keys → `general`
/// - SettingsReader+Alerts.swift: realert, quiet_hours, quiet_hold_below, retry_max < retry_base → `alerts`
/// - SettingsReader+HTTP.swift: listen not loopback, listen unreadable → `alerts`
/// - SettingsReader+Retention.swift: shorter than a day → `alerts`
/// - SettingsReader+Digests.swift and DigestScheduleError: report not a map, logo, language, digests not a
///   list, entry not a map, name missing / twice, period missing / unknown, bad send time → `digests`
/// - SettingsReader+Notify.swift: every smtp, webhook, recipient and secret message → `delivery`,
///   plus `credentialFileMissing` (needs CREDENTIALS_DIRECTORY)
/// - SyntaxErrorReport.swift: unclosed quote, second document, duplicate key, reader error, and each
///   hint (tabs, undefined alias, escapes, ': ' in a value, a character that cannot start a value,
///   the general indentation hint) → `syntax`. Its final `default:` ("cannot parse the file") is dead
///   code: `compose` never throws the emitter/representer/writer/memory cases.
/// - ConfigLoader.swift: Sources.yml missing, a directory, not UTF-8 → `fileLevel`; "cannot read …; check
///   its permissions" cannot be triggered by these tests (they run as root, who reads every file).
@Suite struct SettingsErrorMessageTests {
    /// Environment for the rows: the secrets the delivery rows name, and nothing else.
    static let environment = [
        "SMTP_PASSWORD": "pw",
        "DING_URL": "https://oapi.dingtalk.example.com/robot/send?access_token=abc",
    ]

    static func issues(_ text: String, environment: [String: String] = environment) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.loadSettings(
                text: text, directory: URL(fileURLWithPath: "/etc/yuqing"), environment: environment)
            return []
        } catch {
            return error.issues
        }
    }

    static let general: [ErrorCase] = [
        ErrorCase("yuqing.yml:1:1", ["yuqing.yml must be a map of settings", "found a list"], "- storage\n"),
        ErrorCase("yuqing.yml:1:1", ["unknown key 'timezon' at the top of yuqing.yml; did you mean 'timezone'?"], "timezon: Asia/Shanghai\n"),
        ErrorCase("yuqing.yml:1:11", ["unknown time zone 'Beijing'", "an IANA name such as Asia/Shanghai"], "timezone: Beijing\n"),
        ErrorCase("yuqing.yml:1:8", ["expected a map for 'crawl', found 'fast'", "indent its keys (user_agent"], "crawl: fast\n"),
        ErrorCase("yuqing.yml:2:9", ["'path' in 'storage' is empty"], "storage:\n  path: \"\"\n"),
        ErrorCase("yuqing.yml:2:3", ["unknown key 'concurency' in 'crawl'; did you mean 'concurrency'?"], "crawl:\n  concurency: 4\n"),
        ErrorCase("yuqing.yml:2:15", ["'user_agent' in 'crawl' must be one line", "remove the line break"],
                  "crawl:\n  user_agent: \"Yuqing/1.0\\nX-Evil: 1\"\n"),
        ErrorCase("yuqing.yml:2:21", ["default_interval 1m in 'crawl' is shorter than minimum_interval 5m", "raise it or lower minimum_interval"],
                  "crawl:\n  default_interval: 1m\n  minimum_interval: 5m\n"),
        ErrorCase("yuqing.yml:2:13", ["'max_body' in 'crawl' must not be negative, found '-1MB'"], "crawl:\n  max_body: -1MB\n"),
        ErrorCase("yuqing.yml:2:13", ["bad max_body '10兆' in 'crawl'", "512KB, 10MB or 1GB"], "crawl:\n  max_body: 10兆\n"),
        ErrorCase("yuqing.yml:2:13", ["'max_body' in 'crawl' must be larger than zero, found '0'"], "crawl:\n  max_body: 0\n"),
        ErrorCase("yuqing.yml:2:18", ["'max_redirects' in 'crawl' must not be negative, found -1"], "crawl:\n  max_redirects: -1\n"),
        ErrorCase("yuqing.yml:2:16", ["'concurrency' in 'crawl' must be at least 1, found 0"], "crawl:\n  concurrency: 0\n"),
        ErrorCase("yuqing.yml:2:16", ["expected a whole number for 'concurrency' in 'crawl', found 'four'"], "crawl:\n  concurrency: four\n"),
        ErrorCase("yuqing.yml:2:12", ["bad timeout '一分钟' in 'crawl'", "a number with a unit"], "crawl:\n  timeout: 一分钟\n"),
        ErrorCase("yuqing.yml:2:19", ["bad per_host_delay '2' in 'crawl'", "needs a unit, e.g. 2s"], "crawl:\n  per_host_delay: 2\n"),
    ]

    static let alerts: [ErrorCase] = [
        ErrorCase("yuqing.yml:2:12", ["bad realert 'always' in 'alerts'", "updates", "never"], "alerts:\n  realert: always\n"),
        ErrorCase("yuqing.yml:2:16", ["bad quiet_hours '22-7' in 'alerts'", "22:00-07:00", "or off"], "alerts:\n  quiet_hours: 22-7\n"),
        ErrorCase("yuqing.yml:2:21", ["unknown severity '严重' for quiet_hold_below in 'alerts'", "write one of 一般"],
                  "alerts:\n  quiet_hold_below: 严重\n"),
        ErrorCase("yuqing.yml:3:14", ["retry_max 1m in 'alerts' is shorter than retry_base 5m", "raise retry_max or lower retry_base"],
                  "alerts:\n  retry_base: 5m\n  retry_max: 1m\n"),
        ErrorCase("yuqing.yml:2:17", ["'update_after' in 'alerts' must be at least 1, found 0"], "alerts:\n  update_after: 0\n"),
        ErrorCase("yuqing.yml:2:13", ["bad cooldown '1' in 'alerts'", "needs a unit"], "alerts:\n  cooldown: 1\n"),
        ErrorCase("yuqing.yml:2:23", ["expected a list for 'default_recipients' in 'alerts'", "default_recipients: [a, b]"],
                  "alerts:\n  default_recipients: {值班室: 张三}\n"),
        ErrorCase("yuqing.yml:2:11", ["listen address '0.0.0.0:9464' in 'http' is not a loopback address", "bind 127.0.0.1",
                                      "'allow_remote: true'"], "http:\n  listen: 0.0.0.0:9464\n"),
        ErrorCase("yuqing.yml:2:11", ["bad listen address '9464' in 'http'", "HOST:PORT, e.g. 127.0.0.1:9464"], "http:\n  listen: \"9464\"\n"),
        ErrorCase("yuqing.yml:2:12", ["expected true or false (是 or 否) for 'enabled' in 'http', found '开'"], "http:\n  enabled: 开\n"),
        ErrorCase("yuqing.yml:2:10", ["'items' in 'retention' is 10m", "keep data at least 1d", "'forever'"], "retention:\n  items: 10m\n"),
        ErrorCase("yuqing.yml:2:14", ["bad fetch_log '0' in 'retention'", "longer than zero"], "retention:\n  fetch_log: 0\n"),
        ErrorCase("yuqing.yml:2:17", ["'memory_limit' in 'stories' is 1048576 bytes", "at least 2MB", "default 40MB"],
                  "stories:\n  memory_limit: 1MB\n"),
        ErrorCase("yuqing.yml:2:17", ["bad memory_limit '四十兆' in 'stories'", "e.g. 512KB, 10MB or 1GB"],
                  "stories:\n  memory_limit: 四十兆\n"),
    ]

    static let digests: [ErrorCase] = [
        ErrorCase("yuqing.yml:1:9", ["expected a map for 'report', found '江临市委网信办'", "indent its keys (title, logo"], "report: 江临市委网信办\n"),
        ErrorCase("yuqing.yml:2:9", ["'logo' in 'report' must be an http(s) URL", "found 'logo.png'"], "report:\n  logo: logo.png\n"),
        ErrorCase("yuqing.yml:2:13", ["unknown language 'fr' in 'report'; use zh-CN or en"], "report:\n  language: fr\n"),
        ErrorCase("yuqing.yml:2:3", ["expected a list for 'digests', found a map", "'- name: …'"], "digests:\n  name: 周报\n"),
        ErrorCase("yuqing.yml:2:5", ["expected a map in digests[1]", "found '周报'"], "digests:\n  - 周报\n"),
        ErrorCase("yuqing.yml:2:5", ["in digests[1]: 'name' is required", "'name: 周报'"], "digests:\n  - period: week\n"),
        ErrorCase("yuqing.yml:4:11", ["digest name '周报' is used twice", "its own name"],
                  "digests:\n  - name: 周报\n    period: week\n  - name: 周报\n    period: day\n"),
        ErrorCase("yuqing.yml:2:5", ["digest '周报': 'period' is required: day, week or month", "'period: week'"], "digests:\n  - name: 周报\n"),
        ErrorCase("yuqing.yml:3:13", ["digest '周报': unknown period 'weak'", "did you mean 'week'"],
                  "digests:\n  - name: 周报\n    period: weak\n"),
        ErrorCase("yuqing.yml:4:9", ["digest '周报': cannot read '周八 08:00' as the send time of a weekly digest", "'mon 08:00'"],
                  "digests:\n  - name: 周报\n    period: week\n    at: 周八 08:00\n"),
        ErrorCase("yuqing.yml:4:9", ["cannot read '8点' as the send time of a daily digest", "'08:00'"],
                  "digests:\n  - name: 日报\n    period: day\n    at: 8点\n"),
        ErrorCase("yuqing.yml:4:9", ["cannot read '32 09:00' as the send time of a monthly digest", "day of the month"],
                  "digests:\n  - name: 月报\n    period: month\n    at: 32 09:00\n"),
        ErrorCase("yuqing.yml:4:9", ["expected a list for 'to' in digests[1]"],
                  "digests:\n  - name: 周报\n    period: week\n    to: {值班室: 张三}\n"),
    ]

    /// A usable `smtp:` block on lines 1–3; `extra` lines follow, indented as its keys.
    static func smtp(url: String = "smtp://mail.example.gov.cn:587", _ extra: String...) -> String {
        "smtp:\n  url: \(url)\n  from: yuqing@example.gov.cn\n" + extra.map { "  \($0)\n" }.joined()
    }

    /// A usable webhook 值班群 on lines 1–4 (name at 2:11); `extra` lines follow as its keys.
    static func webhook(kind: String = "dingtalk", _ extra: String...) -> String {
        "webhooks:\n  - name: 值班群\n    kind: \(kind)\n    url_env: DING_URL\n" + extra.map { "    \($0)\n" }.joined()
    }

    static let delivery: [ErrorCase] = [
        ErrorCase("yuqing.yml:1:7", ["expected a map for 'smtp', found 'mail.example.gov.cn'", "indent its keys (url, username"],
                  "smtp: mail.example.gov.cn\n"),
        ErrorCase("yuqing.yml:5:3", ["'password' in 'smtp': passwords never go in yuqing.yml", "'password_env: NAME'", "'password_credential: NAME'"],
                  count: 2, smtp("username: yuqing", "password: 123456")),
        ErrorCase("yuqing.yml:2:8", ["'url' in 'smtp' must not hold a user or password", "use 'username' and 'password_env'"],
                  smtp(url: "smtp://yuqing:pw@mail.example.gov.cn:587")),
        ErrorCase("yuqing.yml:2:8", ["bad url 'https://mail.example.gov.cn' in 'smtp'", "smtp://host:587", "smtps://host:465"],
                  smtp(url: "https://mail.example.gov.cn")),
        ErrorCase("yuqing.yml:1:1", ["'smtp' needs a 'url', e.g. url: smtp://"], "smtp:\n  from: yuqing@example.gov.cn\n"),
        ErrorCase("yuqing.yml:3:9", ["bad 'from' address '舆情值班室' in 'smtp'", "舆情监测 <yuqing@example.gov.cn>"],
                  "smtp:\n  url: smtp://mail.example.gov.cn:587\n  from: 舆情值班室\n"),
        ErrorCase("yuqing.yml:1:1", ["'smtp' needs a 'from' address", "from: \"舆情监测 <yuqing@example.gov.cn>\""],
                  "smtp:\n  url: smtp://mail.example.gov.cn:587\n"),
        ErrorCase("yuqing.yml:4:13", ["'security: tls' in 'smtp' does not fit the url's scheme", "smtps://"], smtp("security: tls")),
        ErrorCase("yuqing.yml:4:13", ["'security: none' in 'smtp' is allowed for a server on this machine only", "clear text"],
                  smtp("security: none")),
        ErrorCase("yuqing.yml:4:13", ["unknown security 'ssl' in 'smtp'; use starttls, tls or none"], smtp("security: ssl")),
        ErrorCase("yuqing.yml:4:3", ["'username' in 'smtp' needs 'password_env' or 'password_credential'"], smtp("username: yuqing")),
        ErrorCase("yuqing.yml:4:3", ["'password_env' in 'smtp' needs a 'username' to log in with"], smtp("password_env: SMTP_PASSWORD")),
        ErrorCase("yuqing.yml:5:17", ["'password_env: SMTP_PASS' in 'smtp': the environment variable SMTP_PASS is not set",
                                      "Environment= or EnvironmentFile="], smtp("username: yuqing", "password_env: SMTP_PASS")),
        ErrorCase("yuqing.yml:6:3", ["both 'password_env' and 'password_credential' are set in 'smtp'; keep one"],
                  smtp("username: yuqing", "password_env: SMTP_PASSWORD", "password_credential: smtp")),
        ErrorCase("yuqing.yml:5:24", ["'password_credential: smtp' in 'smtp': CREDENTIALS_DIRECTORY is not set",
                                      "'LoadCredential=smtp:/path/to/file'"], smtp("username: yuqing", "password_credential: smtp")),
        ErrorCase("yuqing.yml:4:12", ["'ca_file' in 'smtp': cannot read /nonexistent/ca.pem; give a PEM file of CA certificates"],
                  smtp("ca_file: /nonexistent/ca.pem")),
        ErrorCase("yuqing.yml:4:12", ["bad timeout '30' in 'smtp'", "needs a unit"], smtp("timeout: 30")),

        ErrorCase("yuqing.yml:2:3", ["expected a list for 'webhooks', found a map", "'- name: …'"], "webhooks:\n  name: 值班群\n"),
        ErrorCase("yuqing.yml:2:5", ["webhook 1 must be a map", "found '值班群'"], "webhooks:\n  - 值班群\n"),
        ErrorCase("yuqing.yml:2:5", ["webhook 1 needs a 'name' that recipients use", "'name: 值班群'"],
                  "webhooks:\n  - kind: dingtalk\n    url_env: DING_URL\n"),
        ErrorCase("yuqing.yml:5:11", ["duplicate webhook name '值班群'", "its own name"],
                  webhook() + "  - name: 值班群\n    kind: json\n    url: https://hooks.example.cn/a\n"),
        ErrorCase("yuqing.yml:2:5", ["webhook '值班群' needs a 'kind': json, wecom, dingtalk, feishu", "'kind: dingtalk'"],
                  "webhooks:\n  - name: 值班群\n    url_env: DING_URL\n"),
        ErrorCase("yuqing.yml:3:11", ["unknown kind 'ding_talk' in webhook '值班群'", "use json, wecom, dingtalk, feishu",
                                      "did you mean 'dingtalk'"], webhook(kind: "ding_talk")),
        ErrorCase("yuqing.yml:5:5", ["'secret' in webhook '值班群': signing secrets never go in yuqing.yml", "'secret_env: NAME'"],
                  webhook("secret: SEC123")),
        ErrorCase("yuqing.yml:4:5", ["both 'url' and 'url_env' are set in webhook '值班群'; keep one"],
                  webhook("url: https://hooks.example.cn/a")),
        ErrorCase("yuqing.yml:2:5", ["webhook '值班群' needs 'url_env'", "'url_credential'"], "webhooks:\n  - name: 值班群\n    kind: dingtalk\n"),
        ErrorCase("yuqing.yml:4:10", ["the URL 'hooks.example.cn/a' in webhook '值班群' is not an http:// or https:// URL",
                                      "the robot's full address"],
                  "webhooks:\n  - name: 值班群\n    kind: json\n    url: hooks.example.cn/a\n"),
        ErrorCase("yuqing.yml:5:5", ["'secret_env' in webhook '值班群': json webhooks are not signed; delete it"],
                  webhook(kind: "json", "secret_env: SIGN")),
        ErrorCase("yuqing.yml:5:17", ["'secret_env: SIGN' in webhook '值班群': the environment variable SIGN is not set",
                                      "the signing secret is unknown"], webhook("secret_env: SIGN")),

        ErrorCase("yuqing.yml:2:3", ["expected a map for 'recipients', found a list", "indented under 'recipients:'"],
                  "recipients:\n  - 值班室\n"),
        ErrorCase("yuqing.yml:2:3", ["a recipient name must be plain text, found a list", "write the name before the colon"],
                  "recipients:\n  [值班室]: {email: duty@example.gov.cn}\n"),
        ErrorCase("yuqing.yml:2:8", ["expected a map for recipient '值班室', found 'duty@example.gov.cn'", "email: ["],
                  "recipients:\n  值班室: duty@example.gov.cn\n"),
        ErrorCase("yuqing.yml:2:16", ["bad email address '张三' in recipient '值班室'", "\"张三 <duty@example.gov.cn>\""],
                  "recipients:\n  值班室: {email: 张三}\n"),
        ErrorCase("yuqing.yml:6:20", ["recipient '值班室' names webhook '值班', which 'webhooks:' does not define", "did you mean '值班群'"],
                  webhook() + "recipients:\n  值班室: {webhooks: [值班]}\n"),
        ErrorCase("yuqing.yml:2:3", ["recipient '值班室' has neither 'email' nor 'webhooks'", "give it at least one"],
                  "recipients:\n  值班室: {}\n"),
        ErrorCase("yuqing.yml:2:16", ["expected a list for 'email' in recipient '值班室', found a map", "email: [a, b]"],
                  "recipients:\n  值班室: {email: {张三: duty@example.gov.cn}}\n"),
    ]

    static let syntax: [ErrorCase] = [
        ErrorCase("yuqing.yml:2:1", ["YAML syntax error", "tabs for indentation: indent with spaces"], "crawl:\n\ttimeout: 10s\n"),
        ErrorCase("yuqing.yml:2:10", ["this quote is never closed", "add the closing quote"], "report:\n  title: \"江临市委网信办\n"),
        ErrorCase("yuqing.yml:2:1", ["a second document starts here", "remove this '---' line"],
                  "timezone: Asia/Shanghai\n---\ntimezone: UTC\n"),
        ErrorCase("yuqing.yml:3:3", ["key 'timeout' appears twice in the same map (first on line 2)", "keep only one"],
                  "crawl:\n  timeout: 10s\n  timeout: 20s\n"),
        ErrorCase("yuqing.yml:1:11", ["YAML syntax error", "define the anchor (&name) before using it (*name)"], "timezone: *zone\n"),
        ErrorCase("yuqing.yml:2:13", ["YAML syntax error", "a backslash starts an escape", "single quotes"],
                  "report:\n  title: \"C:\\d\"\n"),
        ErrorCase("yuqing.yml:1:11", ["YAML syntax error", "a value starting with '@' must be put in quotes"], "timezone: @Asia\n"),
        ErrorCase("yuqing.yml:2:12", ["YAML syntax error", "a value that contains ': ' must be put in quotes"],
                  "report:\n  title: 江临: 周报\n"),
        ErrorCase("yuqing.yml:3:2", ["YAML syntax error", "check the indentation and quoting"],
                  "crawl:\n  timeout: 10s\n concurrency: 2\n"),
        ErrorCase("yuqing.yml:1:14", ["cannot be read as YAML text", "remove the character"], "timezone: UTC\u{7}\n"),
    ]

    @Test(arguments: general) func generalMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text))
    }

    @Test(arguments: alerts) func alertHTTPAndRetentionMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text))
    }

    @Test(arguments: digests) func reportAndDigestMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text))
    }

    @Test(arguments: delivery) func deliveryMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text))
    }

    @Test(arguments: syntax) func syntaxMistakes(_ mistake: ErrorCase) {
        mistake.check(Self.issues(mistake.text))
    }

    @Test func credentialFileMissing() {
        let mistake = ErrorCase(
            "yuqing.yml:5:24",
            ["cannot read the SMTP password from the credential file /nonexistent-credentials/smtp", "check LoadCredential="],
            Self.smtp("username: yuqing", "password_credential: smtp")
        )
        mistake.check(Self.issues(mistake.text, environment: ["CREDENTIALS_DIRECTORY": "/nonexistent-credentials"]))
    }

    // MARK: Whole files

    /// What `ConfigLoader.load` says about a config directory set up by `prepare`.
    static func directoryIssues(_ prepare: (URL) throws -> Void) throws -> [ConfigIssue] {
        let directory = try TestSupport.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try prepare(directory)
        do {
            _ = try ConfigLoader.load(directory: directory, environment: [:])
            return []
        } catch {
            return error.issues
        }
    }

    @Test func sourcesFileMissing() throws {
        let issues = try Self.directoryIssues { _ in }
        ErrorCase("Sources.yml:1:1", ["file not found", "Sources.yml", "create it"], "").check(issues)
    }

    @Test func sourcesFileIsADirectory() throws {
        let issues = try Self.directoryIssues { directory in
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("Sources.yml"), withIntermediateDirectories: false)
        }
        ErrorCase("Sources.yml:1:1", ["is a directory; Sources.yml must be a file"], "").check(issues)
    }

    @Test func settingsFileInGBK() throws {
        let issues = try Self.directoryIssues { directory in
            try TestSupport.write(TestSupport.oneSource, to: "Sources.yml", in: directory)
            // `report:\n  title: 江临` with 江临 in GBK: the bad byte is line 2, column 10.
            let gbk = Data("report:\n  title: ".utf8) + Data([0xBD, 0xAD, 0xC1, 0xD9, 0x0A])
            try gbk.write(to: directory.appendingPathComponent("yuqing.yml"))
        }
        ErrorCase("yuqing.yml:2:10", ["the file is not valid UTF-8", "save it as UTF-8"], "").check(issues)
    }
}
