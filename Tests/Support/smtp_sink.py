"""A real SMTP server on loopback for the tests: aiosmtpd, saving each message it receives.

Usage: python3 smtp_sink.py DIR [--tls CERT KEY] [--auth USER PASSWORD]
Prints the port it listens on, then serves until its standard input closes. Each message is
saved as DIR/N.eml (the DATA exactly as received) and DIR/N.json (the envelope, whether the
session was encrypted and who logged in). With --tls the server requires STARTTLS; with --auth
it requires AUTH (over TLS).
"""
import json
import os
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        base = os.path.join(self.directory, str(number))
        with open(base + ".eml.tmp", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        with open(base + ".json", "w") as out:
            json.dump(
                {"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None, "login": login},
                out,
            )
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    arguments = sys.argv[1:]
    directory = arguments.pop(0)
    os.makedirs(directory, exist_ok=True)
    options = {}
    while arguments:
        flag = arguments.pop(0)
        if flag == "--tls":
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(arguments.pop(0), arguments.pop(0))
            options.update(tls_context=context, require_starttls=True)
        elif flag == "--auth":
            user, password = arguments.pop(0).encode(), arguments.pop(0).encode()

            def authenticate(server, session, envelope, mechanism, data):
                ok = isinstance(data, LoginPassword) and data.login == user and data.password == password
                return AuthResult(success=ok, auth_data=data if ok else None)

            options.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
    port = free_port()
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port, server_kwargs=options)
    controller.start()
    print(port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
