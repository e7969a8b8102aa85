"""A stand-in email provider on 127.0.0.1, for the worker tests and the reminder benchmark.

It answers the two send APIs our providers' anymail backends call, as the real ones do when
they accept a message, and writes down every request:

    Mailgun   POST /v3/<domain>/messages   form data (one call can carry up to 1,000 recipients
              with per-recipient "recipient-variables")   ESP_API_URL=<stub.url>/v3
    Postmark  POST /email, /email/batch    JSON                      ESP_API_URL=<stub.url>/

It can be told to hold its answers (so a sender is caught inside the provider call), to answer
slowly, or to fail the next few calls with an HTTP status.

    with StubESP() as stub:
        ...  # point a worker at stub.url
        stub.wait_for(requests=1, timeout=20)
        stub.requests[0].recipients"""

import datetime as dt
import email.parser
import email.policy
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class Request:
    """One call to the provider, as it arrived."""

    path: str
    recipients: list[str]
    subject: str = ""
    message_id: str = ""  # the Message-ID header we asked for
    notice: str = ""  # metadata "notice", if the sender set it
    recipient_variables: dict = field(default_factory=dict)
    provider_id: str = ""  # the id the stub answered with
    received_at: float = 0.0  # time.time()
    answered_at: float = 0.0  # when it was accepted and the answer written (0: never answered)
    status: int = 0


class StubESP:
    def __init__(self, *, host: str = "127.0.0.1", port: int = 0):
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._released = threading.Event()
        self._released.set()
        self._delay = 0.0
        self._failures: list[int] = []
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="stub-esp", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def settings_for(self, provider: str) -> dict[str, str]:
        """Environment variables that point a worker (college.settings) at this stub."""
        if provider == "mailgun":
            return {
                "EMAIL_PROVIDER": "mailgun",
                "ESP_API_URL": f"{self.url}/v3",
                "MAILGUN_API_KEY": "test",
                "MAILGUN_SENDER_DOMAIN": "example.org",
            }
        if provider == "postmark":
            return {"EMAIL_PROVIDER": "postmark", "ESP_API_URL": f"{self.url}/", "POSTMARK_SERVER_TOKEN": "test"}
        raise ValueError(f"The stub imitates mailgun and postmark, not {provider!r}")

    def start(self) -> "StubESP":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "StubESP":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # What the next calls meet.

    def reset(self) -> None:
        """Forget the calls so far and answer normally again."""
        with self._lock:
            self.requests.clear()
            self._failures.clear()
        self._delay = 0.0
        self._released.set()

    def hold(self) -> None:
        """Keep every answer back until release(): the caller waits inside the provider call."""
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def delay(self, seconds: float) -> None:
        self._delay = seconds

    def fail(self, status: int = 503, *, times: int = 1) -> None:
        with self._lock:
            self._failures.extend([status] * times)

    # What happened.

    def wait_for(self, *, requests: int, timeout: float) -> bool:
        """Wait until at least `requests` calls have arrived (answered or not)."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.requests) >= requests, timeout=timeout)

    def recipients(self) -> list[str]:
        with self._lock:
            return [address for request in self.requests for address in request.recipients]

    # Called by the handler threads.

    def _arrive(self, request: Request) -> int:
        with self._arrived:
            self.requests.append(request)
            self._arrived.notify_all()
            return self._failures.pop(0) if self._failures else 200

    def _wait_to_answer(self) -> None:
        self._released.wait()
        if self._delay:
            time.sleep(self._delay)


def _handler_for(stub: StubESP):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as anymail's requests session expects
        # Headers and body are two writes: without this, Nagle's algorithm and the client's
        # delayed ACK hold the body back 40 ms, which would be counted against us.
        disable_nagle_algorithm = True

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?")[0]
            if path.startswith("/v3/") and path.endswith("/messages"):
                request, answer = _mailgun(path, self.headers.get("Content-Type", ""), body)
            elif path.rstrip("/") in ("/email", "/email/batch"):
                request, answer = _postmark(path, body)
            else:
                self._answer(404, {"message": f"The stub does not know {path}"})
                return
            request.received_at = time.time()
            request.status = stub._arrive(request)
            stub._wait_to_answer()
            if request.status != 200:
                self._answer(request.status, {"message": "Stub told to fail", "ErrorCode": 1})
                return
            # Accepted from here on: a real provider would send it whatever happens to the caller.
            accepted = time.time()
            if self._answer(200, answer):
                request.answered_at = accepted

        def _answer(self, status: int, payload) -> bool:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return True
            except OSError:  # the caller was killed while we held the answer
                self.close_connection = True
                return False

        def log_message(self, *args) -> None:
            pass

    return Handler


def _mailgun(path: str, content_type: str, body: bytes) -> tuple[Request, dict]:
    form = _form(content_type, body)
    domain = path.split("/")[2]
    recipients = [address for value in form.get("to", []) for address in _addresses(value)]
    request = Request(
        path=path,
        recipients=recipients,
        subject=_one(form, "subject"),
        message_id=_one(form, "h:Message-Id"),
        notice=_one(form, "v:notice"),
        recipient_variables=json.loads(_one(form, "recipient-variables") or "{}"),
    )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    request.provider_id = f"<{stamp}.{uuid.uuid4().hex}@{domain}>"
    return request, {"id": request.provider_id, "message": "Queued. Thank you."}


def _postmark(path: str, body: bytes) -> tuple[Request, dict | list]:
    messages = json.loads(body or b"{}")
    batch = isinstance(messages, list)
    messages = messages if batch else [messages]
    first = messages[0] if messages else {}
    headers = {header["Name"].lower(): header["Value"] for header in first.get("Headers") or []}
    request = Request(
        path=path,
        recipients=[address for m in messages for address in _addresses(m.get("To", ""))],
        subject=first.get("Subject", ""),
        message_id=headers.get("message-id", ""),
        notice=str((first.get("Metadata") or {}).get("notice", "")),
    )
    submitted = dt.datetime.now(dt.UTC).isoformat()
    answers = [
        {
            "To": m.get("To", ""),
            "SubmittedAt": submitted,
            "MessageID": str(uuid.uuid4()),
            "ErrorCode": 0,
            "Message": "OK",
        }
        for m in messages
    ]
    request.provider_id = ",".join(answer["MessageID"] for answer in answers)
    return request, (answers if batch else answers[0])


def _form(content_type: str, body: bytes) -> dict[str, list[str]]:
    """Form fields from an urlencoded or a multipart body (anymail sends multipart when there are
    attachments)."""
    if content_type.startswith("multipart/"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        form: dict[str, list[str]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name and not part.get_filename():
                form.setdefault(name, []).append(part.get_content())
        return form
    return parse_qs(body.decode(), keep_blank_values=True)


def _one(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0]


def _addresses(value: str) -> list[str]:
    from email.utils import getaddresses

    return [address for _, address in getaddresses([value]) if address]
