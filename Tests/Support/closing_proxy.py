"""A TCP front door that drops the first N connections before a byte of an answer, then relays.

Usage: python3 closing_proxy.py TARGET_PORT N
Prints the port it listens on, then serves until its standard input closes. To a client, the
first N connections look refused or reset: the login requests they carried got no answer.
"""
import asyncio
import sys


async def main():
    target, drops = int(sys.argv[1]), int(sys.argv[2])
    state = {"seen": 0}

    async def relay(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer):
        state["seen"] += 1
        if state["seen"] <= drops:
            client_writer.transport.abort()
            return
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(relay(client_reader, server_writer), relay(server_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


asyncio.run(main())
