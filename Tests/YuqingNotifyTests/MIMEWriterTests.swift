import Foundation
import Testing
import YuqingTestSupport
import YuqingCore

extension PythonBackedTests {
    /// The MIME writer's bytes, read back by an independent parser (Python's `email` package) and
    /// checked for the rules mail servers enforce (CRLF only, short lines, one-line headers).
    @Suite struct MIMEWriterTests {
        static let date = Date(timeIntervalSince1970: 1_795_400_000) // 2026-11-23
        static let longSubject = "【重大】江临市化工园区夜间排污引发周边居民强烈不满，环保部门已介入调查并承诺尽快公布检测结果（第二次更新）"

        static func message(
            subject: String = longSubject, text: String = "江临市网民反映：\n化工园区夜间排污。\n详情见链接。",
            html: String? = "<p>江临市网民反映：<b>化工园区夜间排污</b>。</p>", attachments: [MailAttachment] = []
        ) -> MailMessage {
            MailMessage(
                from: MailAddress("yuqing@example.gov.cn", displayName: "舆情监测"),
                to: [MailAddress("duty@example.gov.cn", displayName: "江临市舆情值班室（24小时）"), MailAddress("lead@example.gov.cn")],
                subject: subject, text: text, html: html, messageID: "alert-42-1.3f9c@example.gov.cn", date: date,
                attachments: attachments, extraHeaders: [MailHeader(name: "X-Yuqing-Rule", value: "化工排污")])
        }

        @Test(.enabled(if: LoopbackSMTPServer.available, LoopbackSMTPServer.skipMessage))
        func pythonReadsBackHeadersAndBothBodies() async throws {
            let bytes = MIMEWriter.write(Self.message())
            let mail = try await LoopbackSMTPServer.decode(bytes)
            #expect(mail.defects.isEmpty)
            #expect(mail.subject == Self.longSubject)
            #expect(mail.from_name == "舆情监测")
            #expect(mail.to == ["江临市舆情值班室（24小时） <duty@example.gov.cn>", "lead@example.gov.cn"])
            #expect(mail.message_id == "<alert-42-1.3f9c@example.gov.cn>")
            #expect(mail.date == "Mon, 23 Nov 2026 10:13:20 +0800")
            #expect(mail.headers["X-Yuqing-Rule"] == "化工排污")
            #expect(mail.structure == ["multipart/alternative", "text/plain", "text/html"])
            #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == "江临市网民反映：\n化工园区夜间排污。\n详情见链接。")
            #expect(mail.html?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == "<p>江临市网民反映：<b>化工园区夜间排污</b>。</p>")
            #expect(mail.max_line <= 78)
            #expect(!mail.bare_lf)
        }

        @Test(.enabled(if: LoopbackSMTPServer.available, LoopbackSMTPServer.skipMessage))
        func inlineImagesAreRelatedToTheHTMLAndFilesAreMixedIn() async throws {
            let png = Data((0..<3000).map { UInt8($0 % 251) })
            let csv = Data("来源,条数\n江临日报,12\n".utf8)
            let bytes = MIMEWriter.write(Self.message(
                html: "<p>趋势</p><img src=\"cid:trend@yuqing\">",
                attachments: [
                    MailAttachment(filename: "trend.png", contentType: "image/png", data: png, contentID: "trend@yuqing"),
                    MailAttachment(filename: "舆情周报-第47周.csv", contentType: "text/csv; charset=utf-8", data: csv),
                ]))
            let mail = try await LoopbackSMTPServer.decode(bytes)
            #expect(mail.defects.isEmpty)
            #expect(mail.structure == [
                "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png", "text/csv",
            ])
            let image = try #require(mail.parts.first { $0.content_type == "image/png" })
            #expect(image.cid == "<trend@yuqing>")
            #expect(image.size == png.count)
            let file = try #require(mail.parts.first { $0.content_type == "text/csv" })
            #expect(file.filename == "舆情周报-第47周.csv")
            #expect(file.disposition == "attachment")
            #expect(file.size == csv.count)
            #expect(mail.max_line <= 78)
        }

        @Test func encodedWordsStayShortAndSplitBetweenCharacters() throws {
            let subject = Self.longSubject + "👨‍👩‍👧 family emoji 测试"
            let value = MIMEWriter.encodedHeaderText(subject, prefixLength: 9)
            let lines = value.components(separatedBy: "\r\n")
            #expect(lines.count > 2)
            var decoded = ""
            for (index, line) in lines.enumerated() {
                let word = index == 0 ? line : String(line.dropFirst())
                #expect(word.count <= 75)
                #expect(line.count + (index == 0 ? 9 : 0) <= 76)
                #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
                let payload = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
                // Each word decodes on its own: no character is cut between two words.
                let piece = try #require(String(data: payload, encoding: .utf8))
                decoded += piece
            }
            #expect(decoded == subject)
        }

        @Test func aNewlineInATitleCannotStartAnotherHeader() {
            let text = String(decoding: MIMEWriter.write(Self.message(subject: "标题\r\nBcc: victim@example.com", html: nil)), as: UTF8.self)
            #expect(!text.contains("\r\nBcc:"))
            let ascii = String(decoding: MIMEWriter.write(Self.message(subject: "Title\nBcc: victim@example.com", html: nil)), as: UTF8.self)
            #expect(!ascii.contains("\r\nBcc:"))
            #expect(ascii.contains("Subject: Title Bcc: victim@example.com\r\n"))
        }

        @Test func theSameMessageGivesTheSameBytes() {
            #expect(MIMEWriter.write(Self.message()) == MIMEWriter.write(Self.message()))
        }

        @Test(.enabled(if: LoopbackSMTPServer.available, LoopbackSMTPServer.skipMessage))
        func mostlyASCIITextIsQuotedPrintableAndRoundTrips() async throws {
            let text = "Report for 2026-11-23 = ok\n.\n..two dots\nA long line " + String(repeating: "x", count: 120) + " end  \nlast"
            let bytes = MIMEWriter.write(Self.message(subject: "Weekly report", text: text, html: nil))
            let raw = String(decoding: bytes, as: UTF8.self)
            #expect(raw.contains("Content-Transfer-Encoding: quoted-printable"))
            #expect(raw.contains("Subject: Weekly report\r\n"))
            let mail = try await LoopbackSMTPServer.decode(bytes)
            #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == text)
            #expect(mail.max_line <= 78)
        }
    }
}
