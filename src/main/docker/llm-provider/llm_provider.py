#!/usr/bin/env python3
"""An LLM provider for tests: OpenAI- and Anthropic-compatible, deterministic, and it counts.

It stands where production has api.anthropic.com and openrouter.ai (the internet fixture network),
so a spec can tell a cache hit from a provider call by counting the requests recorded here.

  FIXTURE_PORT     TCP port (default 8080; 0 picks a free one, named in the "listening on" line)
  FIXTURE_BIND     address to listen on (default all; a test on the host binds 127.0.0.1)
  FIXTURE_API_KEY  when set, a completion without one of these keys (comma-separated: one per provider it
                   stands for) gets 401, as from a real provider (OpenAI style: "Authorization: Bearer KEY";
                   Anthropic style: "x-api-key: KEY")

Completions (POST):
  /v1/chat/completions, /chat/completions, /api/v1/chat/completions   OpenAI / OpenRouter
  /v1/messages, /messages                                             Anthropic
The answer's text is "fixture answer <12 hex>", the hex the start of SHA-256 over the request's
model and messages: the same request always gets the same answer, a different one another.
Token counts are the words of the prompt and of the answer, so a cost can be computed from them.
"stream": true gets the same answer as server-sent events.

Bookkeeping:
  GET  /health               200 "OK"
  GET  /_fixture/requests    {"count": N, "requests": [{"seq", "api", "path", "model", "key", "prompt"}, ...]}
  POST /_fixture/reset       forgets every recorded request
"key" is "absent", "valid" or "wrong": the fixture never records a key itself.
"""
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading

OPENAI_PATHS = ("/v1/chat/completions", "/chat/completions", "/api/v1/chat/completions")
ANTHROPIC_PATHS = ("/v1/messages", "/messages")
MAX_BODY = 1 << 20


class Ledger:
    """Every completion request, in arrival order; shared by the handler threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._requests = []

    def record(self, entry):
        with self._lock:
            entry["seq"] = len(self._requests) + 1
            self._requests.append(entry)
            return entry["seq"]

    def snapshot(self):
        with self._lock:
            return {"count": len(self._requests), "requests": list(self._requests)}

    def reset(self):
        with self._lock:
            self._requests.clear()


def prompt_text(messages):
    """The messages' text, whether content is a string or a list of blocks."""
    parts = []
    for message in messages if isinstance(messages, list) else []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(b.get("text", "") for b in content if isinstance(b, dict))
    return "\n".join(parts)


def answer_for(model, messages):
    canonical = json.dumps({"model": model, "messages": messages}, sort_keys=True, separators=(",", ":"))
    return "fixture answer " + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def words(text):
    return max(1, len(text.split()))


def key_state(presented, accepted):
    if not presented:
        return "absent"
    if not accepted or any(hmac.compare_digest(presented.encode(), key.encode()) for key in accepted):
        return "valid"
    return "wrong"


def openai_body(model, text, prompt_tokens, seq):
    return {
        "id": "chatcmpl-fixture-%d" % seq, "object": "chat.completion", "created": 1700000000, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": words(text),
                  "total_tokens": prompt_tokens + words(text)},
    }


def anthropic_body(model, text, prompt_tokens, seq):
    return {
        "id": "msg_fixture_%d" % seq, "type": "message", "role": "assistant", "model": model,
        "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
        "usage": {"input_tokens": prompt_tokens, "output_tokens": words(text)},
    }


def openai_events(model, text, prompt_tokens, seq):
    chunk = {"id": "chatcmpl-fixture-%d" % seq, "object": "chat.completion.chunk", "created": 1700000000,
             "model": model}
    yield None, dict(chunk, choices=[{"index": 0, "delta": {"role": "assistant", "content": text},
                                      "finish_reason": None}])
    yield None, dict(chunk, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}],
                     usage={"prompt_tokens": prompt_tokens, "completion_tokens": words(text),
                            "total_tokens": prompt_tokens + words(text)})


def anthropic_events(model, text, prompt_tokens, seq):
    message = anthropic_body(model, "", prompt_tokens, seq)
    message["content"] = []
    message["usage"]["output_tokens"] = 0
    yield "message_start", {"type": "message_start", "message": message}
    yield "content_block_start", {"type": "content_block_start", "index": 0,
                                  "content_block": {"type": "text", "text": ""}}
    yield "content_block_delta", {"type": "content_block_delta", "index": 0,
                                  "delta": {"type": "text_delta", "text": text}}
    yield "content_block_stop", {"type": "content_block_stop", "index": 0}
    yield "message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                            "usage": {"output_tokens": words(text)}}
    yield "message_stop", {"type": "message_stop"}


def handler_for(ledger, api_keys):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "vpai-llm-provider"

        def do_GET(self):
            if self.path == "/health":
                self.reply(200, "text/plain", b"OK")
            elif self.path == "/_fixture/requests":
                self.reply_json(200, ledger.snapshot())
            else:
                self.reply_json(404, {"error": {"message": "no route " + self.path}})

        def do_POST(self):
            path = self.path.split("?", 1)[0]
            try:
                # Read whatever the route: an unread body would be taken for the next request on this connection.
                body = self.read_body()
            except ValueError as e:
                self.close_connection = True
                self.reply_json(413, {"error": {"type": "invalid_request_error", "message": str(e)}})
                return
            if path == "/_fixture/reset":
                ledger.reset()
                self.reply_json(200, {"count": 0})
                return
            api = "openai" if path in OPENAI_PATHS else "anthropic" if path in ANTHROPIC_PATHS else None
            if api is None:
                self.reply_json(404, {"error": {"message": "no route " + path}})
                return
            try:
                request = json.loads(body or b"{}")
                if not isinstance(request, dict):
                    raise ValueError("the body is not a JSON object")
            except ValueError as e:
                self.reply_json(400, {"error": {"type": "invalid_request_error", "message": str(e)}})
                return
            model = str(request.get("model", ""))
            messages = request.get("messages", [])
            presented = self.presented_key(api)
            state = key_state(presented, api_keys)
            seq = ledger.record({"api": api, "path": path, "model": model, "key": state,
                                 "prompt": prompt_text(messages)})
            if state != "valid":
                self.reply_json(401, {"type": "error", "error": {"type": "authentication_error",
                                                                 "message": "invalid x-api-key"}})
                return
            text = answer_for(model, messages)
            prompt_tokens = words(prompt_text(messages))
            if request.get("stream") is True:
                events = openai_events if api == "openai" else anthropic_events
                self.stream(events(model, text, prompt_tokens, seq), api)
            else:
                body = openai_body if api == "openai" else anthropic_body
                self.reply_json(200, body(model, text, prompt_tokens, seq))

        def presented_key(self, api):
            if api == "anthropic" and self.headers.get("x-api-key"):
                return self.headers.get("x-api-key")
            auth = self.headers.get("Authorization", "")
            return auth[len("Bearer "):] if auth.startswith("Bearer ") else ""

        def read_body(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise ValueError("body larger than %d bytes" % MAX_BODY)
            return self.rfile.read(length) if length else b""

        def stream(self, events, api):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            for name, data in events:
                prefix = ("event: %s\n" % name) if name else ""
                self.wfile.write((prefix + "data: " + json.dumps(data) + "\n\n").encode("utf-8"))
            if api == "openai":
                self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

        def reply_json(self, status, value):
            self.reply(status, "application/json", json.dumps(value).encode("utf-8"))

        def reply(self, status, content_type, body):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *args):
            sys.stderr.write("llm-provider: %s %s\n" % (self.address_string(), fmt % args))

    return Handler


def main():
    try:
        port = int(os.environ.get("FIXTURE_PORT", "8080"))
        if not 0 <= port < 65536:
            raise ValueError
    except ValueError:
        sys.exit("llm-provider: FIXTURE_PORT must be a TCP port, got %r" % os.environ.get("FIXTURE_PORT"))
    api_keys = [k for k in os.environ.get("FIXTURE_API_KEY", "").split(",") if k]
    server = http.server.ThreadingHTTPServer((os.environ.get("FIXTURE_BIND", ""), port), handler_for(Ledger(), api_keys))
    server.daemon_threads = True
    print("llm-provider: listening on %d%s" % (server.server_address[1], ", key required" if api_keys else ""),
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
