"""A scripted OpenAI-compatible chat endpoint, run as its own process by the QE tests.

``python -m tests.helpers.fake_llm`` listens on 127.0.0.1 (a free port, printed as the first
line of stdout) and answers ``POST /v1/chat/completions`` by a marker in the segment's
translation (the last user message), so answers do not depend on the order in which
concurrent requests arrive:

- ``音箱``: a good answer, one major mistranslation span (音箱) and one minor (Fluency/Grammar)
  whose span is not in the text;
- ``FENCED``: the same JSON inside a Markdown code fence, with prose around it;
- ``MALFORMED``: prose that is not JSON;
- ``REFUSE``: an OpenAI-style refusal (``message.refusal``);
- ``SLOW``: sleeps 3 s before answering (longer than the tests' timeout);
- ``BUSY``: 429 with ``Retry-After: 0`` for the first two requests of that segment, then a good
  empty answer;
- ``DOWN``: always 503;
- ``KEYCHECK``: 401 unless the Authorization header is ``Bearer sekret``;
- ``ECHO400``: 400 whose body repeats the request's Authorization header (as some proxies do);
- anything else: ``{"errors": []}``.

``GET /stats`` returns how many requests each marker got and the bodies' temperatures, so a
test can see retries and the cache at work. Every answer reports token usage (10 prompt,
5 completion).
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MARKERS = ("音箱", "FENCED", "MALFORMED", "REFUSE", "SLOW", "BUSY", "DOWN", "KEYCHECK", "ECHO400")
GOOD = {
    "errors": [
        {"span": "音箱", "category": "accuracy/mistranslation", "severity": "major",
         "explanation": "speakers here are people giving talks"},
        {"span": "不在文中", "category": "fluency/grammar", "severity": "minor", "explanation": "made up"},
    ]
}

_lock = threading.Lock()
_hits: Counter[str] = Counter()
_temperatures: list[float] = []


def _marker(body: dict) -> str:
    last = body["messages"][-1]["content"]
    translation = last.split("translation:\n```", 1)[-1]
    for m in MARKERS:
        if m in translation:
            return m
    return "plain"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, code: int, payload: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _chat(self, content: str | None, refusal: str | None = None) -> None:
        message: dict = {"role": "assistant", "content": content}
        if refusal is not None:
            message["refusal"] = refusal
        self._send(200, {
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        })

    def do_GET(self) -> None:
        with _lock:
            self._send(200, {"hits": dict(_hits), "temperatures": list(_temperatures)})

    def do_POST(self) -> None:
        if self.path != "/v1/chat/completions":
            self._send(404, {"error": "not found"})
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        marker = _marker(body)
        with _lock:
            _hits[marker] += 1
            _temperatures.append(body.get("temperature"))
            hit = _hits[marker]
        if marker == "音箱":
            self._chat(json.dumps(GOOD, ensure_ascii=False))
        elif marker == "FENCED":
            self._chat("Here are the errors:\n```json\n" + json.dumps(GOOD, ensure_ascii=False) + "\n```\nDone.")
        elif marker == "MALFORMED":
            self._chat("The translation looks mostly fine, but {errors: maybe one")
        elif marker == "REFUSE":
            self._chat(None, refusal="I can't help with that.")
        elif marker == "SLOW":
            time.sleep(3)
            self._chat('{"errors": []}')
        elif marker == "BUSY":
            if hit <= 2:
                self._send(429, {"error": "rate limited"}, {"Retry-After": "0"})
            else:
                self._chat('{"errors": []}')
        elif marker == "DOWN":
            self._send(503, {"error": "unavailable"})
        elif marker == "KEYCHECK":
            if self.headers.get("Authorization") != "Bearer sekret":
                self._send(401, {"error": "bad key"})
            else:
                self._chat('{"errors": []}')
        elif marker == "ECHO400":
            self._send(400, {"error": f"bad request with {self.headers.get('Authorization')}"})
        else:
            self._chat('{"errors": []}')


class Running:
    """A started server: its base URL and its request counts."""

    def __init__(self, url: str) -> None:
        self.url = url

    def stats(self) -> dict:
        with urllib.request.urlopen(self.url + "/stats", timeout=5) as r:
            return json.loads(r.read())

    def hits(self) -> int:
        return sum(self.stats()["hits"].values())


@contextlib.contextmanager
def running() -> Iterator[Running]:
    """Start the server as a child process, yield it, stop that process (by its own handle)."""
    root = Path(__file__).parents[2]
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.fake_llm"], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        yield Running(f"http://127.0.0.1:{port}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
