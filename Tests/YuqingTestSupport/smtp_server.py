#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for the YuqingNotify tests (aiosmtpd, Debian python3-aiosmtpd).

serve: records every accepted message as DIR/N.eml (the bytes after DATA, dot-unstuffed) and
       DIR/N.rcpt (one envelope recipient a line); prints "PORT <n>" once listening and runs until
       stdin closes, so it dies with the test process.
       --user/--password  require AUTH (PLAIN or LOGIN) with these credentials
       --starttls DIR     offer and require STARTTLS with a self-signed cert made by openssl
                          (DIR/cert.pem is what the client must trust)
       --tls DIR          implicit TLS (smtps) with such a cert
       --reply TEXT       answer DATA with TEXT (e.g. "451 4.3.0 try later") instead of accepting
       --delay SECONDS    wait this long before answering DATA (a slow server; the message is
                          recorded before the answer, as a real server queues before it replies)
       --port N           listen on N instead of a free port (a server that comes back after an outage)
decode FILE: parses a recorded message with Python's email package and prints JSON.
"""
import argparse
import asyncio
import json
import os
import socket
import ssl
import subprocess
import sys


def make_cert(directory):
    os.makedirs(directory, exist_ok=True)
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def serve(args):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    os.makedirs(args.dir, exist_ok=True)

    class Recorder:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            if args.reply:
                return args.reply
            if args.delay:
                await asyncio.sleep(args.delay)
            Recorder.count += 1
            base = os.path.join(args.dir, str(Recorder.count))
            with open(base + ".eml", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".rcpt", "w") as f:
                f.write("\n".join(envelope.rcpt_tos) + "\n")
            return "250 2.0.0 Ok: queued"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        return AuthResult(success=ok, handled=False)

    port = args.port
    if not port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    kwargs = {}
    if args.user:
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.starttls or args.tls))
    if args.starttls:
        kwargs.update(tls_context=make_cert(args.starttls), require_starttls=True)
    controller_kwargs = {}
    if args.tls:
        controller_kwargs["ssl_context"] = make_cert(args.tls)
    controller = Controller(Recorder(), hostname="127.0.0.1", port=port, **controller_kwargs, **kwargs)
    controller.start()
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    controller.stop()


def decode(path):
    from email import policy
    from email.parser import BytesParser

    raw = open(path, "rb").read()
    message = BytesParser(policy=policy.default).parsebytes(raw)
    body = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "filename": part.get_filename(),
            "cid": part.get("Content-ID"),
            "disposition": part.get_content_disposition(),
            "size": len(part.get_payload(decode=True) or b""),
        })
    lines = raw.split(b"\r\n")
    print(json.dumps({
        "subject": str(message["Subject"]),
        "from": str(message["From"]),
        "to": [str(a) for a in message["To"].addresses],
        "to_names": [a.display_name for a in message["To"].addresses],
        "from_name": message["From"].addresses[0].display_name,
        "message_id": str(message["Message-ID"]),
        "date": str(message["Date"]),
        "content_type": message.get_content_type(),
        "structure": [p.get_content_type() for p in message.walk()],
        "text": body.get_content() if body else None,
        "html": html.get_content() if html else None,
        "parts": parts,
        "defects": [repr(d) for p in message.walk() for d in p.defects] + [repr(d) for d in message.defects],
        "max_line": max(len(l) for l in lines),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        "headers": {k: str(v) for k, v in message.items()},
    }, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--dir", required=True)
    s.add_argument("--user")
    s.add_argument("--password")
    s.add_argument("--starttls")
    s.add_argument("--tls")
    s.add_argument("--reply")
    s.add_argument("--delay", type=float, default=0)
    s.add_argument("--port", type=int, default=0)
    d = sub.add_parser("decode")
    d.add_argument("file")
    args = parser.parse_args()
    serve(args) if args.command == "serve" else decode(args.file)
