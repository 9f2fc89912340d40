"""Parses a message with Python's own email package and reports what it found, as JSON.

Usage: python3 check_mime.py FILE
"""
import email
import email.policy
import json
import re
import sys


def main():
    raw = open(sys.argv[1], "rb").read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    texts = {}
    for part in message.walk():
        entry = {
            "type": part.get_content_type(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "charset": part.get_content_charset(),
            "filename": part.get_filename(),
            "defects": [type(d).__name__ for d in part.defects],
        }
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            entry["size"] = len(payload)
            if part.get_content_maintype() == "text":
                content = payload.decode(part.get_content_charset() or "utf-8")
                entry["text"] = content
        parts.append(entry)
    lines = raw.split(b"\r\n")
    result = {
        "headers": {name: str(message[name]) for name in ["Date", "Message-ID", "From", "To", "Subject", "MIME-Version"]},
        "structure": [p["type"] for p in parts],
        "parts": parts,
        "defects": [type(d).__name__ for d in message.defects],
        "longestLine": max(len(line) for line in lines),
        "bareLineFeeds": raw.count(b"\n") - raw.count(b"\r\n"),
        "nonAscii": any(byte > 127 for byte in raw),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
