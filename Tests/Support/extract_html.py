"""Writes the text/html part of a MIME message to a file, for the layout checks.

Usage: python3 extract_html.py MESSAGE OUT
"""
import email
import email.policy
import sys


def main(message_path, out_path):
    with open(message_path, "rb") as file:
        message = email.message_from_binary_file(file, policy=email.policy.default)
    html = message.get_body(preferencelist=("html",))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(html.get_content())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
