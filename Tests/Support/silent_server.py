"""A TCP server that lets clients connect and never says a word: a hung relay.

Usage: python3 silent_server.py
Prints the port it listens on, then holds every connection open until its standard input closes.
"""
import socket
import sys

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
print(server.getsockname()[1], flush=True)
sys.stdin.read()
server.close()
