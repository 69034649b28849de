#!/usr/bin/env python3
"""Stand-in for a component no reachable registry provides (Qdrant, LiteLLM, Grafana, ...).

It listens on the component's declared ports so reachability, ACL and health-check specs have
something real to talk to, and says plainly that it is a stand-in, so no report mistakes it for
the real thing.

  STANDIN_SERVICE  name used in answers and headers (default "standin")
  STANDIN_PORTS    comma-separated TCP ports; empty means listen nowhere (DIUN has no port)
  STANDIN_LOG      where heartbeat pushes are recorded (default /data/requests.log)

Every request on every port gets 200, body "stand-in <service> <method> <path>" (path without
the query) and header "X-Vpai-Standin: <service>". Requests under /api/push/ (Uptime Kuma push
monitors) are appended to STANDIN_LOG as "<UTC time>\t<path>\t<query>"; GET /_standin/requests
returns that log. Command-line arguments are ignored, so a compose `command:` written for the
real component does not stop the stand-in from starting.
"""
import datetime
import http.server
import os
import signal
import sys
import threading
import urllib.parse


def parse_ports(text):
    try:
        ports = [int(p) for p in text.replace(" ", "").split(",") if p]
    except ValueError:
        ports = [0]
    if not all(0 < p < 65536 for p in ports):
        sys.exit("standin: STANDIN_PORTS must be comma-separated TCP ports, got %r" % text)
    return ports


SERVICE = os.environ.get("STANDIN_SERVICE", "standin").strip() or "standin"
PORTS = parse_ports(os.environ.get("STANDIN_PORTS", ""))
LOG_PATH = os.environ.get("STANDIN_LOG", "/data/requests.log")
PUSH_PREFIX = "/api/push/"
LOG_LOCK = threading.Lock()


def record_push(path, query):
    line = "%s\t%s\t%s\n" % (datetime.datetime.now(datetime.timezone.utc).isoformat(), path, query)
    with LOG_LOCK:
        os.makedirs(os.path.dirname(LOG_PATH) or ".", exist_ok=True)
        with open(LOG_PATH, "a", encoding="utf-8") as log:
            log.write(line)


def read_pushes():
    with LOG_LOCK:
        try:
            with open(LOG_PATH, encoding="utf-8") as log:
                return log.read()
        except FileNotFoundError:
            return ""


class StandinHandler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.1 with Content-Length keeps connections reusable behind Caddy's reverse proxy.
    protocol_version = "HTTP/1.1"
    server_version = "vpai-standin"

    def answer(self):
        # Read (and drop) any body, so a keep-alive connection stays in sync.
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith(PUSH_PREFIX):
            record_push(url.path, url.query)
        if self.command == "GET" and url.path == "/_standin/requests":
            body = read_pushes()
        else:
            body = "stand-in %s %s %s" % (SERVICE, self.command, url.path)
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Vpai-Standin", SERVICE)
        # Who the proxy saw the request come from: Caddy sets X-Forwarded-For to the peer it accepted.
        seen = (self.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
        if seen:
            self.send_header("X-Vpai-Seen-From", seen)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = answer

    def log_message(self, fmt, *args):
        sys.stderr.write("standin %s %s\n" % (SERVICE, fmt % args))


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    # PID 1 gets no default SIGTERM handling: exit at once so `docker stop` takes no 10 s.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    if sys.argv[1:]:
        print("standin %s: ignoring arguments %s" % (SERVICE, sys.argv[1:]), file=sys.stderr)
    servers = [Server(("0.0.0.0", port), StandinHandler) for port in PORTS]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("standin %s: listening on %s" % (SERVICE, ",".join(map(str, PORTS)) or "no port"), flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
