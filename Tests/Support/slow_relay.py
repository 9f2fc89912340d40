"""An SMTP relay that answers every command correctly, each reply after DELAY seconds: every
reply comes within a reply timeout, but the whole conversation takes far longer.

Usage: python3 slow_relay.py DELAY
Prints the port it listens on, then serves one connection at a time until its standard input closes.
"""
import socket
import sys
import threading
import time

delay = float(sys.argv[1])
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
print(server.getsockname()[1], flush=True)


def reply(connection, text):
    time.sleep(delay)
    connection.sendall(text.encode() + b"\r\n")


def serve(connection):
    with connection:
        reader = connection.makefile("rb")
        try:
            reply(connection, "220 slow.example ESMTP")
            in_data = False
            for raw in reader:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if in_data:
                    if line == ".":
                        in_data = False
                        reply(connection, "250 queued")
                    continue
                verb = line.split(" ")[0].upper()
                if verb == "DATA":
                    in_data = True
                    reply(connection, "354 go ahead")
                elif verb == "QUIT":
                    reply(connection, "221 bye")
                    return
                else:
                    reply(connection, "250 ok")
        except OSError:
            return


def accept():
    while True:
        try:
            connection, _ = server.accept()
        except OSError:
            return
        threading.Thread(target=serve, args=(connection,), daemon=True).start()


threading.Thread(target=accept, daemon=True).start()
sys.stdin.read()
server.close()
