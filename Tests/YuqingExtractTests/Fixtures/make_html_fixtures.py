#!/usr/bin/env python3
"""Writes the HTML fixtures whose bytes are not UTF-8 (GBK, Big5, Big5-HKSCS) or whose
exact byte layout matters (a BOM, UTF-8 mislabelled as gb2312).
Run from this folder: python3 make_html_fixtures.py"""

# A long head: the <meta> comes after <title> and after the first kilobyte, where
# libxml2 no longer honours it.
HEAD_PADDING = "\n".join(
    f"  .nav-{i} {{ float: left; margin: 0 {i}px; color: #1a4f8b; font-size: 14px; }}" for i in range(30)
)

gov_list = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>政府信息公开_江临市人民政府</title>
<style type="text/css">
{HEAD_PADDING}
</style>
<script type="text/javascript">var siteName = "<meta charset=utf-8>"; /* not a real tag */</script>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta name="SiteName" content="江临市人民政府" />
</head>
<body>
<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a></div>
<div class="main">
  <ul class="list">
    <li><a href="./202611/t20261120_3456789.html" title="关于王镕故居修缮工程竣工验收情况的公示" target="_blank">关于王镕故居修缮工程竣工验收...</a><span class="date">2026-11-20</span></li>
    <li><a href="./202611/t20261119_3456700.html" title="江临市2026年冬季供暖保障工作方案" target="_blank">江临市2026年冬季供暖保障工作方案</a><span class="date">2026-11-19</span></li>
    <li><a href="./202611/t20261118_3456655.html" title="市人社局关于王喆等同志职务任免的通知" target="_blank">市人社局关于王喆等同志职务任免的通知</a><span class="date">2026-11-18</span></li>
    <li><a href="/art/2026/11/17/art_1234_99.html" title="李堃委员调研城区河道治理工作" target="_blank">李堃委员调研城区河道治理工作</a><span class="date">2026-11-17</span></li>
  </ul>
  <div class="page"><script type="text/javascript">createPageHTML(5, 0, "index", "html");</script></div>
</div>
<div class="footer">主办：江临市人民政府办公室　版权所有　备案号：江ICP备12345678号</div>
</body>
</html>
"""
with open("gov-list-gb2312.html", "wb") as f:
    f.write(gov_list.encode("gb18030"))

article_gbk = """<html>
<head>
<title>江临日报：镕喆堃三位市民获评“最美志愿者”</title>
</head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div>
<div id="content">
<h1>镕喆堃三位市民获评“最美志愿者”</h1>
<p>　　本报讯（记者 王堃）11月20日，江临市文明办公布2026年度“最美志愿者”名单，陶喆、朱镕等三位市民入选。</p>
<p>　　三位志愿者长期参与社区服务，累计服务时长超过三千小时。</p>
</div>
</body>
</html>
"""
# No charset anywhere in the page: only the HTTP header says gbk.
with open("article-gbk-header-only.html", "wb") as f:
    f.write(article_gbk.encode("gb18030"))

utf8_mislabelled = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>网站改版后的新闻页 - 江临新闻网</title></head>
<body><div class="article"><h1>网站改版后仍标注 gb2312 的页面</h1>
<p>这个页面实际上是 UTF-8 编码，但模板里的 meta 仍然写着 gb2312，镕喆堃也能正确显示。</p></div></body></html>
"""
with open("utf8-labelled-gb2312.html", "wb") as f:
    f.write(utf8_mislabelled.encode("utf-8"))

big5_page = """<html><head><title>臺北市政府新聞稿</title></head>
<body>
<div class="news-content">
<h1>臺北市政府公布年度施政報告</h1>
<p>臺北市政府今天發布年度施政報告，市長表示，市府將持續推動交通建設與社會福利，並與市民共同面對各項挑戰。</p>
<p>報告指出，今年市民對於市政服務的滿意度較去年提高，其中以公共運輸與環境衛生的表現最受肯定。</p>
<p>市府也將在明年增加對弱勢家庭的補助，並加強災害防救的準備工作，讓這個城市更安全。</p>
</div>
</body></html>
"""
with open("big5-undeclared.html", "wb") as f:
    f.write(big5_page.encode("big5"))

hkscs_page = """<html><head><title>香港討論區</title></head>
<body>
<div class="post">
<p>啱啱睇完新聞，呢個政策真係幾好嘅，我哋大家都應該支持。</p>
<p>佢哋話明年會再加錢，唔知係咪真嘅，等睇下點樣。</p>
<p>香港人對呢件事嘅意見好多，有人話好，有人話唔好，冇乜共識。</p>
</div>
</body></html>
"""
with open("big5hkscs-undeclared.html", "wb") as f:
    f.write(hkscs_page.encode("big5hkscs"))

bom_page = """<html><head><meta charset="gbk"><title>带 BOM 的页面</title></head>
<body><p>字节顺序标记优先于 meta 声明。</p></body></html>
"""
with open("bom-beats-meta.html", "wb") as f:
    f.write(b"\xef\xbb\xbf" + bom_page.encode("utf-8"))

discuz_list = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>江临论坛 - 民生杂谈 - 江临社区 - Powered by Discuz!</title>
<base href="http://bbs.example.cn/" />
</head>
<body>
<div id="threadlist" class="tl bm bmw">
<form method="post" name="moderate" id="moderate" action="forum.php?mod=topicadmin&amp;action=moderate&amp;fid=2">
<table summary="forum_2" cellspacing="0" cellpadding="0" id="threadlisttableid">
<tbody id="stickthread_101">
<tr><th class="common"><a href="thread-101-1-1.html" class="s xst">【版规】民生杂谈版发帖须知</a></th>
<td class="by"><cite><a href="space-uid-1.html">版主</a></cite><em><span>2025-1-5</span></em></td></tr>
</tbody>
<tbody id="separatorline"><tr class="ts"><th>&nbsp;</th><td>&nbsp;</td></tr></tbody>
<tbody id="normalthread_2001">
<tr>
<td class="icn"><a href="thread-2001-1-1.html" title="新窗口打开" target="_blank"><img src="static/image/common/folder_new.gif" /></a></td>
<th class="new"><a href="forum.php?mod=forumdisplay&amp;fid=2&amp;filter=typeid&amp;typeid=5">[投诉]</a> <a href="thread-2001-1-1.html" onclick="atarget(this)" class="s xst">滨江小区停水三天了，物业一直不给说法</a></th>
<td class="by"><cite><a href="space-uid-3021.html" c="1">江临老张</a></cite><em><span><span title="2026-11-20">3&nbsp;天前</span></span></em></td>
<td class="num"><a href="thread-2001-1-1.html" class="xi2">56</a><em>1203</em></td>
</tr>
</tbody>
<tbody id="normalthread_2002">
<tr>
<td class="icn"><a href="thread-2002-1-1.html" title="新窗口打开" target="_blank"><img src="static/image/common/folder_common.gif" /></a></td>
<th class="common"><a href="thread-2002-1-1.html" onclick="atarget(this)" class="s xst">请问喆园路什么时候能修好？</a></th>
<td class="by"><cite><a href="space-uid-4410.html" c="1">路过的堃</a></cite><em><span>2026-11-19 21:07</span></em></td>
<td class="num"><a href="thread-2002-1-1.html" class="xi2">12</a><em>388</em></td>
</tr>
</tbody>
</table>
</form>
</div>
<div id="pgt" class="bm bw0 pgs cl"><div class="pg"><strong>1</strong><a href="forum-2-2.html">2</a><a href="forum-2-2.html" class="nxt">下一页</a></div></div>
</body>
</html>
"""
with open("discuz-list-gbk.html", "wb") as f:
    f.write(discuz_list.encode("gb18030"))
