import Foundation

/// Turns `AlertFacts` into the texts an alert is sent as (zh-CN): an email subject, plain-text
/// and HTML bodies, and Markdown for chat robots. Crawled text is escaped for each format and
/// the rule's terms are highlighted in a snippet of the item.
public struct AlertRenderer: Sendable {
    private let clock: LocalTime
    /// Longest snippet, in UTF-16 code units.
    public var snippetLength = 160
    /// Longest title in a subject, in characters.
    public var subjectTitleLength = 60

    /// A renderer that writes times in the IANA zone `timeZone`.
    public init(timeZone: String = "Asia/Shanghai") {
        clock = LocalTime(zone: timeZone)
    }

    /// Renders `facts`.
    public func render(_ facts: AlertFacts) -> RenderedAlert {
        let lines = lines(for: facts)
        let title = titleLine(facts)
        let link = MarkupEscaping.safeLink(facts.item?.url)
        let text = lines.map { line in
            line.label.isEmpty ? line.value.plain : "\(line.label)：\(line.value.plain)"
        }.joined(separator: "\n") + "\n\n— Yuqing 舆情监测\n"
        let markdown = "### " + MarkupEscaping.markdown(title) + "\n" + lines.map { line in
            line.label.isEmpty ? line.value.markdown : "**\(line.label)**：\(line.value.markdown)"
        }.joined(separator: "\n")
        let rows = lines.map { line in
            line.label.isEmpty
                ? "<tr><td colspan=\"2\">\(line.value.html)</td></tr>"
                : "<tr><th align=\"left\" valign=\"top\" style=\"white-space:nowrap\">\(line.label)</th><td>\(line.value.html)</td></tr>"
        }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(MarkupEscaping.html(title))</title></head>
            <body>
            <h2>\(MarkupEscaping.html(title))</h2>
            <table cellpadding="4">
            \(rows)
            </table>
            <p style="color:#888">— Yuqing 舆情监测</p>
            </body></html>

            """
        return RenderedAlert(
            kind: facts.kind, severity: facts.severity, subject: subject(facts), title: title, text: text, html: html,
            markdown: markdown, link: link, fields: fields(facts, link: link)
        )
    }

    // MARK: - Pieces

    /// A piece of an alert line in each output format.
    private struct Piece {
        var plain: String
        var html: String
        var markdown: String

        /// Untrusted text, escaped per format.
        init(_ text: String) {
            plain = text
            html = MarkupEscaping.html(text)
            markdown = MarkupEscaping.markdown(text)
        }

        init(plain: String, html: String, markdown: String) {
            self.plain = plain
            self.html = html
            self.markdown = markdown
        }

        static func link(_ url: URL) -> Piece {
            let text = url.absoluteString
            // Parentheses and spaces would end a Markdown link early; percent-encode them.
            let target = text.replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
                .replacingOccurrences(of: " ", with: "%20")
            return Piece(plain: text, html: "<a href=\"\(MarkupEscaping.html(text))\">\(MarkupEscaping.html(text))</a>",
                         markdown: "[查看原文](\(target))")
        }
    }

    private struct Line {
        var label: String
        var value: Piece
    }

    private func lines(for facts: AlertFacts) -> [Line] {
        var lines: [Line] = []
        if facts.kind == .summary {
            lines.append(Line(label: "", value: Piece("夜间免打扰期间共有 \(facts.held.count) 条预警，汇总如下：")))
            for (index, held) in facts.held.enumerated() {
                let head = "\(index + 1). [\(held.severity.chineseName)] \(held.ruleName) — "
                var piece = Piece(head + MarkupEscaping.oneLine(held.title) + "（\(clock.format(held.raisedAt))）")
                if let link = MarkupEscaping.safeLink(held.link) {
                    let linked = Piece.link(link)
                    piece.plain += " " + linked.plain
                    piece.html += " " + linked.html
                    piece.markdown += " " + linked.markdown
                }
                lines.append(Line(label: "", value: piece))
            }
            return lines
        }
        lines.append(Line(label: "预警规则", value: Piece("\(facts.ruleName)（\(facts.group)）")))
        lines.append(Line(label: "预警级别", value: Piece(facts.severity.chineseName)))
        lines.append(Line(label: "预警类型", value: Piece(facts.kind.chineseLabel)))
        if let volume = facts.volume {
            lines.append(Line(label: "触发情况", value: Piece(volumeWording(volume))))
            lines.append(Line(label: "触发时间", value: Piece(clock.format(volume.time))))
        }
        if let item = facts.item {
            lines.append(Line(label: "标题", value: snippet(of: item, field: .title, length: .max)))
            lines.append(Line(label: "来源", value: Piece("\(item.sourceName)（\(item.channel.chineseLabel)）")))
            lines.append(Line(label: "发布时间", value: Piece(item.published.map(clock.format) ?? "未知")))
            lines.append(Line(label: "发现时间", value: Piece(clock.format(item.found))))
            if !item.summary.isEmpty {
                lines.append(Line(label: "命中内容", value: snippet(of: item, field: .body, length: snippetLength)))
            }
            let terms = Array(Set(item.highlights.map(\.term))).sorted()
            if !terms.isEmpty { lines.append(Line(label: "命中词", value: Piece(terms.joined(separator: "、")))) }
            if let sentiment = item.sentiment {
                lines.append(Line(label: "情感倾向",
                                  value: Piece("\(sentiment.chineseLabel)（\(String(format: "%.2f", sentiment.score))）")))
            }
        }
        if let newItems = facts.newItems, facts.kind == .update {
            lines.append(Line(label: "新增", value: Piece("自上次预警以来新增 \(newItems) 条相关信息")))
        }
        if let story = facts.story {
            lines.append(Line(label: "事态规模", value: Piece("\(story.items) 条信息，\(story.sites) 个网站")))
        }
        if let link = MarkupEscaping.safeLink(facts.item?.url) {
            lines.append(Line(label: "原文链接", value: Piece.link(link)))
        }
        return lines
    }

    private func volumeWording(_ volume: VolumeAlert) -> String {
        let window = DurationText.format(volume.trigger.window)
        switch volume.trigger {
        case .count:
            return "「\(volume.group)」最近 \(window) 内命中 \(volume.count) 条"
        case let .spike(factor, _, _, _):
            let average = volume.baselineAverage.map { String(format: "%.1f", $0) } ?? "?"
            return "「\(volume.group)」最近 \(window) 内命中 \(volume.count) 条，为平时平均 \(average) 条的 "
                + String(format: "%.1f", volume.baselineAverage.map { $0 > 0 ? Double(volume.count) / $0 : factor } ?? factor)
                + " 倍"
        case .negativeShare:
            let share = volume.share.map { String(format: "%.0f%%", $0 * 100) } ?? "?"
            let usual = volume.baselineAverage.map { String(format: "%.0f%%", $0 * 100) } ?? "?"
            return "「\(volume.group)」最近 \(window) 内负面信息 \(volume.count) 条，占比 \(share)，平时约 \(usual)（负面激增）"
        }
    }

    private func titleLine(_ facts: AlertFacts) -> String {
        switch facts.kind {
        case .summary: "夜间预警汇总（\(facts.held.count) 条）"
        case .volume: "\(facts.ruleName)：\(facts.volume.map(volumeWording) ?? facts.group)"
        case .new, .update: MarkupEscaping.oneLine(facts.item?.title ?? facts.ruleName)
        }
    }

    private func subject(_ facts: AlertFacts) -> String {
        let level = facts.severity.chineseName
        switch facts.kind {
        case .summary:
            return "【舆情预警·夜间汇总】\(facts.held.count) 条预警待阅"
        case .volume:
            return "【舆情预警·\(level)】\(facts.ruleName) — " + clipped(facts.volume.map(volumeWording) ?? facts.group)
        case .new:
            return "【舆情预警·\(level)】\(facts.ruleName) — " + clipped(facts.item?.title ?? "")
        case .update:
            let more = facts.newItems.map { "（新增 \($0) 条）" } ?? ""
            return "【舆情预警·更新·\(level)】\(facts.ruleName) — " + clipped(facts.item?.title ?? "") + more
        }
    }

    private func clipped(_ text: String) -> String {
        let line = MarkupEscaping.oneLine(text)
        return line.count > subjectTitleLength ? String(line.prefix(subjectTitleLength - 1)) + "…" : line
    }

    private func fields(_ facts: AlertFacts, link: URL?) -> [String: String] {
        var fields = ["kind": facts.kind.rawValue, "severity": facts.severity.englishName,
                      "raised_at": ISO8601DateFormatter().string(from: facts.raisedAt)]
        if !facts.ruleName.isEmpty { fields["rule"] = facts.ruleName }
        if !facts.group.isEmpty { fields["group"] = facts.group }
        if let item = facts.item {
            fields["item_id"] = String(item.id)
            fields["title"] = item.title
            fields["source"] = item.sourceName
            fields["channel"] = item.channel.rawValue
            fields["found_at"] = ISO8601DateFormatter().string(from: item.found)
            if let published = item.published { fields["published_at"] = ISO8601DateFormatter().string(from: published) }
            if let sentiment = item.sentiment { fields["sentiment"] = sentiment.label.rawValue }
        }
        if let link { fields["url"] = link.absoluteString }
        if let story = facts.story {
            fields["story_items"] = String(story.items)
            fields["story_sites"] = String(story.sites)
        }
        if let count = facts.volume?.count { fields["count"] = String(count) }
        if facts.kind == .summary { fields["held"] = String(facts.held.count) }
        return fields
    }

    // MARK: - Snippets

    /// The field's text (a window around the first highlight when longer than `length`
    /// UTF-16 units) with the rule's terms marked: 【…】 in plain text, `<mark>` in HTML,
    /// bold in Markdown; everything else escaped.
    private func snippet(of item: AlertFacts.Item, field: ItemField, length: Int) -> Piece {
        let text = field == .title ? item.title : item.summary
        let units = Array(text.utf16)
        let spans = Highlight.mergedSpans(item.highlights.filter { $0.length > 0 }, field: field, within: units.count)
        var start = 0
        var end = units.count
        if units.count > length {
            start = max(0, (spans.first?.lowerBound ?? 0) - length / 4)
            end = min(units.count, start + length)
            // Never cut a surrogate pair in half.
            if start > 0, UTF16.isTrailSurrogate(units[start]) { start += 1 }
            if end < units.count, end > start, UTF16.isLeadSurrogate(units[end - 1]) { end -= 1 }
        }
        var piece = Piece(plain: start > 0 ? "…" : "", html: start > 0 ? "…" : "", markdown: start > 0 ? "…" : "")
        var position = start
        func append(_ range: Range<Int>, marked: Bool) {
            guard !range.isEmpty else { return }
            let raw = String(decoding: units[range], as: UTF16.self)
            let flat = String(raw.map { $0.isNewline ? " " : $0 })
            if marked {
                piece.plain += "【\(flat)】"
                piece.html += "<mark><b>\(MarkupEscaping.html(flat))</b></mark>"
                piece.markdown += "**\(MarkupEscaping.markdown(flat))**"
            } else {
                piece.plain += flat
                piece.html += MarkupEscaping.html(flat)
                piece.markdown += MarkupEscaping.markdown(flat)
            }
        }
        for span in spans {
            let clipped = max(span.lowerBound, start) ..< min(span.upperBound, end)
            guard !clipped.isEmpty, clipped.lowerBound >= position else { continue }
            append(position ..< clipped.lowerBound, marked: false)
            append(clipped, marked: true)
            position = clipped.upperBound
        }
        append(position ..< end, marked: false)
        if end < units.count {
            piece.plain += "…"
            piece.html += "…"
            piece.markdown += "…"
        }
        return piece
    }
}
