"""`briefing serve`: the same Textual app in a web browser, through textual-serve.

textual-serve runs one shell command per browser connection, with TEXTUAL_DRIVER set to
Textual's web driver, and relays the app's screen over a websocket. This module builds that
command, refuses to expose the dossier beyond this computer unless asked to, and replaces
the parts of textual-serve that would pass file names through Rich markup.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class ServeError(Exception):
    """The app cannot be served as asked; the message is one line a user can act on."""


def is_loopback(host: str) -> bool:
    """True for a name or address only this computer can reach (localhost, 127.0.0.0/8, ::1)."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761: always the loopback
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        # Any other name may resolve to a public address (now or later): treat it as remote.
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def app_command(paths: Sequence[str], app_args: Sequence[str] = ()) -> str:
    """The shell command textual-serve runs for each browser connection."""
    # `--` so that a path beginning with a dash is a path, not an option; shlex.join because
    # textual-serve hands the command to a shell, and file names may hold spaces or quotes.
    return shlex.join([sys.executable, "-m", "briefing", *app_args, "--", *paths])


def _url_host(host: str) -> str:
    """The host as it goes in a URL: an IPv6 address needs brackets."""
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def _check_port(host: str, port: int) -> None:
    """Raise a UserError now if the server could not listen on (host, port).

    aiohttp would report a taken port as a traceback after the startup has begun; binding a
    probe socket the way asyncio will (SO_REUSEADDR, IPv6 only on IPv6 sockets) turns it into
    one line. Another program may still take the port between the probe and the server.
    """
    where = f"port {port} on {host}"
    try:
        addresses = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise ServeError(f"--host {host}: {error.strerror}") from None
    for family, kind, proto, _name, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise ServeError(f"{where} is in use; choose another with --port") from None
                if error.errno == errno.EACCES:
                    raise ServeError(f"{where} needs special permission; choose one above 1023 with --port") from None
                if error.errno == errno.EADDRNOTAVAIL:
                    raise ServeError(f"--host {host} is not an address of this computer") from None
                raise ServeError(f"cannot listen on {where}: {error.strerror or error}") from None


def serve(
    paths: list[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_remote: bool = False,
    app_args: Sequence[str] = (),
) -> int:
    """Serve the app on http://host:port until Ctrl+C or SIGTERM; returns the exit status.

    Every browser tab that opens the page starts its own `python -m briefing` process,
    which ends when the tab closes or the server stops.
    """
    if not 0 < port < 65536:
        raise ServeError(f"--port {port}: not a port number (1 to 65535)")
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        raise ServeError(
            f"--host {host} would let anyone who can reach this machine read the dossier; "
            "add --allow-remote to serve it beyond this computer"
        )
    _check_port(host, port)
    if not loopback:
        print(
            f"briefing: warning: anyone who can reach {_url_host(host)}:{port} can read this dossier",
            file=sys.stderr,
        )

    # Deferred: aiohttp, jinja2 and textual-serve cost a noticeable fraction of a second, and
    # only this command needs them.
    from aiohttp import WSCloseCode, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    connections: set[web.WebSocketResponse] = set()

    class BriefingServer(Server):
        """textual-serve's server with plain output and requests checked for their origin."""

        def initialize_logging(self) -> None:
            # textual-serve's RichHandler highlights "[...]" and prints app errors through a
            # Rich console; plain logging shows file names exactly as they are.
            logging.basicConfig(level=logging.WARNING, format="briefing: %(message)s", stream=sys.stderr)

        async def on_startup(self, app: web.Application) -> None:
            # textual-serve prints a logo and the command through Rich markup, so a path such
            # as "notes[draft].md" would be mangled or rejected; one plain line instead.
            print(f"briefing: serving the app on {self.public_url} (Ctrl+C to stop)", file=sys.stderr, flush=True)

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
            # Remembers each browser connection while it lasts, for on_shutdown.
            connections.add(websocket)
            try:
                await super()._process_messages(websocket, app_service)
            finally:
                connections.discard(websocket)

        async def on_shutdown(self, app: web.Application) -> None:
            # aiohttp waits up to 60 s for open connections before it cancels them, and
            # nothing ends a browser's websocket on its own: a SIGTERM to the server alone
            # (`kill`, `docker stop`) would hang. Closing each socket ends textual-serve's
            # message loop, which then tells its app to quit and waits for it to exit.
            # (Ctrl+C in a terminal also reaches the apps, which are in its process group.)
            await asyncio.gather(
                *(
                    open_socket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
                    for open_socket in connections
                )
            )

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._check_request)
            return app

        @web.middleware
        async def _check_request(
            self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
        ) -> web.StreamResponse:
            # A page on any web site can open a websocket to 127.0.0.1 (browsers apply no
            # same-origin rule to websockets), and a site whose name is made to resolve to
            # 127.0.0.1 can read the page too (DNS rebinding). Browsers always send Origin with
            # a websocket and Host with every request, so refuse the ones from elsewhere.
            if loopback and not is_loopback(request.url.host or ""):
                raise web.HTTPForbidden(text="briefing serves only http://localhost or http://127.0.0.1\n")
            origin = request.headers.get("Origin")
            if origin is not None and origin != f"{request.scheme}://{request.host}":
                raise web.HTTPForbidden(text="briefing's app opens only from its own page\n")
            return await handler(request)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # textual-serve writes the websocket's absolute URL into the page from the host it
            # listens on: with --host 0.0.0.0 that is ws://0.0.0.0:..., which no other computer
            # can open. The host the browser used is the one that reaches this server. No await
            # comes between setting public_url and the page reading it.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    server = BriefingServer(
        app_command(paths, app_args),
        host=host.strip("[]"),
        port=port,
        # The splash screen shows the title; textual-serve's default is the command line,
        # full paths included.
        title="briefing",
        public_url=f"http://{_url_host(host)}:{port}",
    )
    try:
        # Returns once SIGINT or SIGTERM has raised GracefulExit and every connection's app
        # has been told to quit.
        server.serve()
    except OSError as error:  # the port was taken after the probe, or the address went away
        raise ServeError(f"cannot listen on port {port} on {host}: {error.strerror or error}") from None
    return 0
