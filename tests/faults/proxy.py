"""A small TCP proxy that tests start and stop to cut a service off, for real.

The machine's PostgreSQL and Redis are never touched: the code under test connects to
the proxy, and stopping the proxy closes every connection and refuses new ones, as a
crashed or unreachable server would. Starting it again on the same port brings the
service back.
"""

import selectors
import socket
import threading


class TcpProxy:
    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = _free_port()
        self._thread = None
        self._stop = threading.Event()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def start(self) -> "TcpProxy":
        self._stop.clear()
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        listener.setblocking(False)
        self._thread = threading.Thread(
            target=self._serve, args=(listener,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Closes the listener and every open connection; new ones are refused."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _serve(self, listener: socket.socket) -> None:
        selector = selectors.DefaultSelector()
        selector.register(listener, selectors.EVENT_READ, None)
        peers: dict[socket.socket, socket.socket] = {}
        try:
            while not self._stop.is_set():
                for key, _ in selector.select(timeout=0.05):
                    if key.data is None:
                        self._accept(listener, selector, peers)
                    else:
                        self._pump(key.fileobj, selector, peers)
        finally:
            for sock in list(peers):
                sock.close()
            selector.close()
            listener.close()

    def _accept(self, listener, selector, peers) -> None:
        try:
            client, _ = listener.accept()
        except BlockingIOError:
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        for sock in (client, upstream):
            sock.setblocking(False)
        peers[client], peers[upstream] = upstream, client
        selector.register(client, selectors.EVENT_READ, "peer")
        selector.register(upstream, selectors.EVENT_READ, "peer")

    def _pump(self, sock, selector, peers) -> None:
        other = peers.get(sock)
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data and other is not None:
            try:
                other.setblocking(True)
                other.sendall(data)
                other.setblocking(False)
                return
            except OSError:
                pass
        for end in (sock, other):
            if end is not None and end in peers:
                selector.unregister(end)
                peers.pop(end, None)
                end.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
