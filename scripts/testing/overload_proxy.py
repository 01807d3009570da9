"""An HTTP proxy in front of a driftwatch server that refuses the first POSTs, for testing clients'
retries against the real server behind it.

Usage: python3 overload_proxy.py UPSTREAM_URL OVERLOADS FAILURES
The first OVERLOADS POSTs are answered 503 with `Retry-After: 1`, the next FAILURES POSTs 500;
everything else is forwarded. Prints `listening on http://127.0.0.1:PORT` on standard error, then
one line per request: `proxy: METHOD PATH STATUS auth=<Authorization header or ->`.
"""

import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = sys.argv[1].rstrip("/")
STATE = {"overloads": int(sys.argv[2]), "failures": int(sys.argv[3])}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.forward(None)

    def do_PUT(self):
        self.forward(self.body())

    def do_POST(self):
        body = self.body()
        with LOCK:
            refusal = None
            if STATE["overloads"] > 0:
                STATE["overloads"] -= 1
                refusal = (503, b'{"error":"overloaded, retry later"}', {"Retry-After": "1"})
            elif STATE["failures"] > 0:
                STATE["failures"] -= 1
                refusal = (500, b'{"error":"internal error"}', {})
        if refusal:
            self.answer(*refusal)
        else:
            self.forward(body)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def forward(self, body):
        headers = {key: value for key, value in self.headers.items() if key.lower() in ("content-type", "authorization")}
        request = urllib.request.Request(UPSTREAM + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request) as response:
                self.answer(response.status, response.read(), {})
        except urllib.error.HTTPError as error:
            self.answer(error.code, error.read(), {})

    def answer(self, status, data, headers):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
        sys.stderr.write(f"proxy: {self.command} {self.path} {status} auth={self.headers.get('Authorization', '-')}\n")
        sys.stderr.flush()

    def log_message(self, format, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
sys.stderr.write(f"listening on http://127.0.0.1:{server.server_port}\n")
sys.stderr.flush()
server.serve_forever()
