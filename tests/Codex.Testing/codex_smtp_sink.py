"""SMTP sink handler for the Codex test fixture SmtpTestServer.

Run through aiosmtpd's own command line, with this file's folder on PYTHONPATH:

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c codex_smtp_sink.MaildirSink MAILDIR RULES_FILE

Why not aiosmtpd.handlers.Mailbox: that handler parses each message into a Python email object
and serialises it again (bytes can change), and it cannot refuse recipients. This one:
  * stores every accepted message byte for byte in MAILDIR/new (written to tmp/, then renamed:
    a reader never sees half a message), prefixed with X-MailFrom / X-RcptTo envelope headers;
  * refuses recipients matching a rule in RULES_FILE, a JSON list of
    {"pattern": "<regex>", "code": 550, "message": "..."}, re-read at every RCPT so the test can
    change rules while the server runs;
  * waits before accepting each message as long as RULES_FILE.delay says (seconds, re-read at
    every message), so a test can slow delivery down and interrupt a sender in the middle;
  * exits when its stdin closes, so it never outlives the test process that started it.
"""

import asyncio
import json
import os
import re
import sys
import threading
import time


class MaildirSink:
    def __init__(self, maildir, rules_file):
        self.maildir = maildir
        self.rules_file = rules_file
        self.counter = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        threading.Thread(target=self._exit_when_parent_is_gone, daemon=True).start()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 2:
            parser.error("usage: -c codex_smtp_sink.MaildirSink MAILDIR RULES_FILE")
        return cls(args[0], args[1])

    @staticmethod
    def _exit_when_parent_is_gone():
        # The parent holds our stdin open; EOF means it exited (or closed it to stop us).
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            os._exit(0)

    def _rules(self):
        try:
            with open(self.rules_file, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        for rule in self._rules():
            if re.search(rule["pattern"], address, re.IGNORECASE):
                return "%d %s" % (rule["code"], rule.get("message") or "Recipient refused by test rule")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def _delay(self):
        try:
            with open(self.rules_file + ".delay", encoding="utf-8") as f:
                return float(f.read().strip() or 0)
        except (FileNotFoundError, ValueError):
            return 0.0

    async def handle_DATA(self, server, session, envelope):
        delay = self._delay()
        if delay > 0:
            await asyncio.sleep(delay)
        headers = "X-MailFrom: %s\r\nX-RcptTo: %s\r\n" % (envelope.mail_from, ", ".join(envelope.rcpt_tos))
        data = headers.encode("utf-8") + envelope.original_content
        # Names sort in arrival order: nanosecond clock, then a per-process counter.
        self.counter += 1
        name = "%020d.%d.%06d" % (time.time_ns(), os.getpid(), self.counter)
        tmp_path = os.path.join(self.maildir, "tmp", name)
        with open(tmp_path, "wb") as f:
            f.write(data)
        os.rename(tmp_path, os.path.join(self.maildir, "new", name))
        return "250 Message accepted for delivery"
