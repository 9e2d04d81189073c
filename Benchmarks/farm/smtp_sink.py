#!/usr/bin/python3
"""SMTP sink for the farm runs: aiosmtpd on 127.0.0.1 (Debian python3-aiosmtpd, see scripts/bootstrap).

    smtp_sink.py --port 18025 --out WORK/smtp.csv

Accepts every message and appends one CSV line per message to --out, flushed at once:
    accepted_ms,message_id,kind,links
accepted_ms is the unix time in milliseconds taken just before the 250 reply to DATA (the
moment the server accepts the message); links are the item links (http://s<i>.localhost/news/<k>.html)
found in the message's text/plain and text/html parts, parsed with Python's email package,
separated by spaces. kind is the subject's 【…】 tag (舆情预警·一般, 舆情预警·更新·一般 …).
Runs until SIGTERM/SIGINT or stdin closes.
"""
import argparse
import csv
import re
import signal
import sys
import time
from email import policy
from email.parser import BytesParser

LINK = re.compile(r"http://s\d+\.localhost(?::\d+)?/news/\d+\.html")


def links_of(raw):
    message = BytesParser(policy=policy.default).parsebytes(raw)
    found = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        for link in LINK.findall(part.get_content()):
            link = re.sub(r":\d+/", "/", link, count=1)
            if link not in found:
                found.append(link)
    return message, found


def main():
    from aiosmtpd.controller import Controller

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    out = open(args.out, "a", newline="")
    writer = csv.writer(out)
    if out.tell() == 0:
        writer.writerow(["accepted_ms", "message_id", "kind", "links"])
        out.flush()

    class Recorder:
        async def handle_DATA(self, server, session, envelope):
            try:
                message, links = links_of(envelope.original_content)
                message_id, subject = str(message["Message-ID"] or ""), str(message["Subject"] or "")
            except Exception as error:  # a message we cannot parse is still recorded
                message_id, subject, links = "", f"unparsable: {error}", []
            accepted = int(time.time() * 1000)
            kind = re.match(r"【([^】]*)】", subject)
            writer.writerow([accepted, message_id, kind.group(1) if kind else subject[:20], " ".join(links)])
            out.flush()
            return "250 2.0.0 Ok: queued"

    controller = Controller(Recorder(), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"PORT {args.port}", flush=True)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        controller.stop()
        out.close()


if __name__ == "__main__":
    main()
