"""A webhook receiver on loopback, as a frontend would run one: a real HTTP server in a
thread that verifies every request with the ``standardwebhooks`` package.

``Receiver.script`` is the list of statuses to answer next (then 200); ``received``
lists what came in, each with the verified payload (or the verification error).
Shared by the tests and the benchmark and fault scripts; ports come from
``RECEIVER_PORTS`` (this project's range on the shared machine).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

RECEIVER_PORTS = range(8700, 8750)


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    payload: dict | None
    error: str = ""
    status: int = 200

    @property
    def webhook_id(self) -> str:
        return self.headers.get("webhook-id", "")

    @property
    def events(self) -> list[dict]:
        return (self.payload or {}).get("data", {}).get("events", [])


@dataclass
class Receiver:
    secret: str
    script: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_receive: object = None  # a callable(Received), e.g. to time arrivals

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/playbook"

    def verified(self) -> list[Received]:
        return [item for item in self.received if item.payload is not None]

    def start(self, ports=RECEIVER_PORTS) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                headers = {key.lower(): value for key, value in self.headers.items()}
                with receiver.lock:
                    status = receiver.script.pop(0) if receiver.script else 200
                try:
                    payload = Webhook(receiver.secret).verify(body, headers)
                    error = ""
                except WebhookVerificationError as exc:
                    payload, error = None, str(exc)
                    status = 400
                item = Received(headers, body, payload, error, status)
                with receiver.lock:
                    receiver.received.append(item)
                if receiver.on_receive is not None:
                    receiver.on_receive(item)
                answer = json.dumps({"ok": status < 300, "seen": item.webhook_id}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender went away (the worker-kill fault): as a real receiver

            def log_message(self, *args):
                pass

        last_error = None
        for port in ports:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError as error:
                last_error = error
        else:
            raise RuntimeError(f"no free port in {ports}: {last_error}")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
