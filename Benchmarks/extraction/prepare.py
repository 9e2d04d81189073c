"""Builds the two page sets under WORKDIR from sdists fetched with pip (nothing committed):

  newspaper4k/  newspaper4k 0.9.6's tests/data: html/<page>.html with the expected article
                text txt/<page>.txt its maintainers check in (MIT licence). 23 pages: English,
                Chinese, and eight other languages; metadata/<page>.json (title, publish_date)
                goes to meta/ for meta_score.py.
  gne/          GNE 0.4.3's tests/: 62 saved Chinese article pages (163, sina, thepaper, people,
                xinhuanet, government and university sites …; GPL-3.0). They come without
                ground truth: gne-truth.tsv names each page's article body by XPath (picked by
                reading the page), and make_truth.py writes its text as the truth.

Each set gets pages/, truth/ and pages.tsv (page, language, split). The split is by site
(crc32 of the site's name, even = dev, odd = test) so that a site's template is never on both
sides: only dev pages were looked at while tuning the extractor.

    python prepare.py WORKDIR
"""
import os
import shutil
import subprocess
import sys
import tarfile
import zlib

work = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
cache = os.path.join(work, "sdists")
os.makedirs(cache, exist_ok=True)


def sdist(requirement, filename):
    path = os.path.join(cache, filename)
    if not os.path.exists(path):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                        "--no-deps", "--no-binary", ":all:", "-d", cache, requirement], check=True)
    unpacked = os.path.join(cache, filename[: -len(".tar.gz")])
    if not os.path.isdir(unpacked):
        with tarfile.open(path) as tar:
            tar.extractall(cache, members=[m for m in tar.getmembers() if "/tests/" in m.name or m.name.endswith("LICENSE")],
                           filter="data")
    return unpacked


def split_of(site):
    return "dev" if zlib.crc32(site.encode()) % 2 == 0 else "test"


# newspaper4k: pages that have both html and txt.
np_root = os.path.join(sdist("newspaper4k==0.9.6", "newspaper4k-0.9.6.tar.gz"), "tests", "data")
out = os.path.join(work, "newspaper4k")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "pages"))
os.makedirs(os.path.join(out, "truth"))
english = {"article_with_br", "article_with_divs", "cleveland.com1", "cnn_001", "cnn_002", "cnn_article",
           "cnn_test_nlp", "fox13now_001", "time_001", "video_article_01", "video_article_02", "wired_001"}
rows = []
for name in sorted(os.listdir(os.path.join(np_root, "txt"))):
    page = name[:-4]
    html_path = os.path.join(np_root, "html", page + ".html")
    if not os.path.exists(html_path):
        continue
    shutil.copyfile(html_path, os.path.join(out, "pages", page + ".html"))
    shutil.copyfile(os.path.join(np_root, "txt", name), os.path.join(out, "truth", name))
    meta = os.path.join(np_root, "metadata", page + ".json")
    if os.path.exists(meta):
        os.makedirs(os.path.join(out, "meta"), exist_ok=True)
        shutil.copyfile(meta, os.path.join(out, "meta", page + ".json"))
    language = "zh" if page.startswith("chinese") else "en" if page in english else "other"
    site = page.split("_")[0] if page.startswith(("cnn", "video", "chinese", "japanese")) else page
    rows.append(f"{page}.html\t{language}\t{split_of(site)}")
open(os.path.join(out, "pages.tsv"), "w").write("\n".join(rows) + "\n")
print(f"newspaper4k: {len(rows)} pages with expected text")

# GNE: truth from gne-truth.tsv.
gne_tests = os.path.join(sdist("gne==0.4.3", "gne-0.4.3.tar.gz"), "tests")
out = os.path.join(work, "gne")
shutil.rmtree(out, ignore_errors=True)
subprocess.run([sys.executable, os.path.join(here, "make_truth.py"), gne_tests, out], check=True)
rows = [f"{page}\tzh\t{split_of(page.split('_')[0])}" for page in sorted(os.listdir(os.path.join(out, "pages")))]
open(os.path.join(out, "pages.tsv"), "w").write("\n".join(rows) + "\n")
