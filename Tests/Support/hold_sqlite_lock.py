"""Holds SQLite's write lock on a database from another process, as a stuck job or a person with
the sqlite3 shell open might.

Usage: python3 hold_sqlite_lock.py DATABASE
Prints 0 once the lock is held (the helpers' "port" line), then holds it until its standard input
closes, and rolls back.
"""
import sqlite3
import sys

connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print(0, flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
connection.close()
