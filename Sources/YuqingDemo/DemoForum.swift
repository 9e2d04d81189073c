import Foundation

/// The demo city's forum as HTML in the layout of Discuz! X3, served in GBK as most Chinese
/// local forums still are: a board's thread list and the thread pages. `kind: forum` sources
/// read it with the default (Discuz!) selectors.
///
/// Threads are the timeline's `forum` stories. Each thread gains a reply every `interval`
/// after it is posted, up to a few replies, then stays quiet: at any moment the newest threads
/// are changing and the older ones are not.
struct DemoForum: Sendable {
    /// URL path of the board's first page.
    static let boardPath = "/bbs/forum-2-1.html"

    /// Who replies and what they say; names use GBK-only characters (镕, 喆, 堃).
    static let replyPool: [(author: String, text: String)] = [
        ("东片居民李堃", "同样的情况，我们楼也是，已经打了12345热线。"),
        ("滨江业主王镕", "顶一下，希望有关部门尽快回应。"),
        ("路过的喆", "楼主说的是真的，我昨天也遇到了。"),
        ("热心市民", "建议大家理性表达，拿出证据向有关部门反映。"),
        ("版主", "已联系相关部门，有进展会在本帖更新。"),
    ]

    let timeline: DemoTimeline

    /// The thread with sequence number `sequence`, when it is a published forum story.
    private func thread(_ sequence: Int, at now: Date) -> DemoTimeline.Entry? {
        guard sequence >= 0, sequence < timeline.publishedCount(at: now) else { return nil }
        let entry = timeline.entry(sequence)
        return entry.story.feed == "forum" ? entry : nil
    }

    /// The replies thread `entry` has at `now`: one per interval after posting, at most 2–5.
    func replies(_ entry: DemoTimeline.Entry, at now: Date) -> [(author: String, text: String, time: Date)] {
        let step = Double(timeline.interval.components.seconds) + Double(timeline.interval.components.attoseconds) / 1e18
        let cap = min(Self.replyPool.count, 2 + entry.sequence % 4)
        let count = min(cap, max(0, Int(now.timeIntervalSince(entry.published) / step)))
        return (0 ..< count).map { index in
            let reply = Self.replyPool[(entry.sequence + index) % Self.replyPool.count]
            return (reply.author, reply.text, entry.published.addingTimeInterval(Double(index + 1) * step))
        }
    }

    /// A validator that changes whenever a thread is posted or gains a reply.
    func boardTag(at now: Date) -> String {
        let threads = timeline.entries(feed: "forum", at: now)
        let replyCount = threads.reduce(0) { $0 + replies($1, at: now).count }
        return "\"bbs-\(threads.first?.sequence ?? -1)-\(replyCount)\""
    }

    /// The board's first page.
    func board(at now: Date) -> String {
        var rows = """
        <tbody id="stickthread_1"><tr><th class="common"><a href="thread-1-1-1.html" class="s xst">【版规】民生热线版发帖须知</a></th>
        <td class="by"><cite><a href="space-uid-1.html">版主</a></cite><em><span>2025-1-5</span></em></td></tr></tbody>
        <tbody id="separatorline"><tr class="ts"><th>&nbsp;</th><td>&nbsp;</td></tr></tbody>

        """
        for entry in timeline.entries(feed: "forum", at: now) {
            let replies = replies(entry, at: now)
            let last = replies.last.map { ($0.author, $0.time) } ?? (entry.story.author, entry.published)
            let minutes = max(0, Int(now.timeIntervalSince(last.1) / 60))
            rows += """
            <tbody id="normalthread_\(entry.sequence)">
            <tr>
            <td class="icn"><a href="thread-\(entry.sequence)-1-1.html" title="新窗口打开" target="_blank"><img src="static/image/common/folder_new.gif" /></a></td>
            <th class="new"><a href="thread-\(entry.sequence)-1-1.html" onclick="atarget(this)" class="s xst">\(escapeHTML(entry.title))</a></th>
            <td class="by"><cite><a href="space-uid-\(1000 + entry.sequence).html" c="1">\(escapeHTML(entry.story.author))</a></cite><em><span>\(minuteText(entry.published))</span></em></td>
            <td class="num"><a href="thread-\(entry.sequence)-1-1.html" class="xi2">\(replies.count)</a><em>\(37 * (entry.sequence + 3) + 11 * replies.count)</em></td>
            <td class="by"><cite><a href="space-username.html">\(escapeHTML(last.0))</a></cite><em><a href="forum.php?mod=redirect&amp;tid=\(entry.sequence)&amp;goto=lastpost#lastpost"><span title="\(minuteText(last.1))">\(minutes)&nbsp;分钟前</span></a></em></td>
            </tr>
            </tbody>

            """
        }
        return """
        <!DOCTYPE html>
        <html>
        <head>
        <meta http-equiv="Content-Type" content="text/html; charset=gbk" />
        <title>民生热线 - 江临论坛 - Powered by Discuz!</title>
        </head>
        <body>
        <div id="hd"><div class="wp"><a href="./">江临论坛</a></div></div>
        <div id="threadlist" class="tl bm bmw">
        <table summary="forum_2" cellspacing="0" cellpadding="0" id="threadlisttableid">
        \(rows)</table>
        </div>
        <div id="ft">Powered by Discuz! X3.4 &copy; 2001-2026</div>
        </body>
        </html>
        """
    }

    /// The page of the thread in `name` (`thread-12-1-1.html`), or nil when there is none.
    func threadPage(_ name: String, at now: Date) -> String? {
        let parts = name.split(separator: "-")
        guard parts.count == 4, parts[0] == "thread", let sequence = Int(parts[1]),
              let entry = thread(sequence, at: now) else { return nil }
        var posts = post(id: sequence * 100, author: entry.story.author, time: entry.published,
                         text: escapeHTML(entry.story.summary), floor: "楼主")
        for (index, reply) in replies(entry, at: now).enumerated() {
            posts += post(id: sequence * 100 + index + 1, author: reply.author, time: reply.time,
                          text: escapeHTML(reply.text), floor: "\(index + 2)#")
        }
        return """
        <!DOCTYPE html>
        <html>
        <head>
        <meta http-equiv="Content-Type" content="text/html; charset=gbk" />
        <title>\(escapeHTML(entry.title)) - 民生热线 - 江临论坛 - Powered by Discuz!</title>
        </head>
        <body id="nv_forum" class="pg_viewthread">
        <div id="pt" class="bm cl"><div class="z"><a href="./">江临论坛</a> <em>&rsaquo;</em> <a href="forum-2-1.html">民生热线</a></div></div>
        <div id="postlist" class="pl bm">
        <table><tr><td class="plc"><h1 class="ts"><span id="thread_subject">\(escapeHTML(entry.title))</span></h1></td></tr></table>
        \(posts)</div>
        <div id="ft">Powered by Discuz! X3.4</div>
        </body>
        </html>
        """
    }

    private func post(id: Int, author: String, time: Date, text: String, floor: String) -> String {
        """
        <div id="post_\(id)">
        <table id="pid\(id)" class="plhin"><tr>
        <td class="pls"><div class="pi"><div class="authi"><a href="space-uid-\(id).html" class="xw1">\(escapeHTML(author))</a></div></div></td>
        <td class="plc"><div class="pi"><strong>\(floor)</strong>
        <div class="pti"><div class="authi"><em id="authorposton\(id)">发表于 \(minuteText(time))</em></div></div></div>
        <div class="pct"><table><tr><td class="t_f" id="postmessage_\(id)">\(text)</td></tr></table></div>
        </td></tr></table>
        </div>

        """
    }
}
