"""Talking to gunicorn as the college's proxy and a student's browser would.

Production redirects plain http to https and marks cookies Secure (some `__Host-` prefixed).
Behind a proxy the app sees plain http with `X-Forwarded-Proto: https`, `Host` and `X-Real-IP`
headers, so every request here carries them. `requests` will not send a Secure cookie to an
http:// address, so a Person keeps its own cookies, and follows redirects itself so that a cookie
set on the way (a new session after signing in) is sent on the next hop."""

import http.cookiejar
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests

MAX_REDIRECTS = 5


class _RefuseAllCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie, request):
        return False


@dataclass
class Person:
    """One browser: its own cookies, behind the proxy at address `ip`."""

    base: str  # http://127.0.0.1:<gunicorn port>
    host: str  # the public host name, e.g. courses.example.test
    ip: str = "192.0.2.10"
    cookies: dict[str, str] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)  # every path asked for, in order

    def __post_init__(self):
        self.session = requests.Session()
        self.session.cookies.set_policy(_RefuseAllCookies())

    @property
    def origin(self) -> str:
        return f"https://{self.host}"

    def get(self, path: str, *, follow: bool = True, **kwargs) -> requests.Response:
        return self.request("GET", path, follow=follow, **kwargs)

    def post(self, path: str, data: dict, *, follow: bool = True, **kwargs) -> requests.Response:
        """A form post, with the CSRF token from the form this person was last shown at `path`."""
        return self.request("POST", path, data=data, follow=follow, **kwargs)

    def request(
        self, method: str, path: str, *, follow: bool = True, headers: dict | None = None, timeout: float = 30, **kwargs
    ) -> requests.Response:
        hops = []
        for _ in range(MAX_REDIRECTS + 1):
            response = self._once(method, path, headers=headers, timeout=timeout, **kwargs)
            response.hops = hops  # the redirects that led here
            if not (follow and response.is_redirect):
                return response
            hops.append(response)
            location = response.headers["Location"]
            target = urlsplit(urljoin(self.origin + path, location))
            if target.netloc != self.host or target.scheme != "https":
                return response  # leaving the site, or a redirect to http: the caller judges it
            path = target.path + (f"?{target.query}" if target.query else "")
            # A redirect after a POST is followed with a GET, as browsers do.
            method, kwargs = "GET", {}
        raise AssertionError(f"More than {MAX_REDIRECTS} redirects from {path}")

    def _once(self, method: str, path: str, *, headers: dict | None, timeout: float, **kwargs):
        self.seen.append(path)
        sent = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "X-Real-IP": self.ip,
            "User-Agent": "college-smoke-test",
        }
        if method == "POST":
            # Browsers send Origin with a form post; Django's CSRF check on https compares it.
            sent["Origin"] = self.origin
            sent["Referer"] = self.origin + path
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        response = self.session.request(
            method, self.base + path, headers=sent, timeout=timeout, allow_redirects=False, **kwargs
        )
        self._keep_cookies(response)
        return response

    def _keep_cookies(self, response: requests.Response) -> None:
        for header in response.raw.headers.getlist("Set-Cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            attributes = rest.lower()
            if "max-age=0" in attributes or "expires=thu, 01 jan 1970" in attributes:
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value

    def csrf_token(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "The form has no CSRF token"
        return match.group(1)

    def submit(self, path: str, fields: dict, **kwargs) -> requests.Response:
        """GET the form at `path`, then POST `fields` with its CSRF token, as a browser would."""
        form = self.get(path)
        assert form.status_code == 200, f"GET {path} answered {form.status_code}"
        return self.post(path, {"csrfmiddlewaretoken": self.csrf_token(form.text), **fields}, **kwargs)


class Links(HTMLParser):
    """Every address a page refers to: links, stylesheets, scripts, images, form actions."""

    ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "form": "action"}

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (tag, address)

    def handle_starttag(self, tag, attrs):
        wanted = self.ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.found.append((tag, value))
            if name == "srcset" and value:
                self.found += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]

    @classmethod
    def of(cls, html: str) -> list[tuple[str, str]]:
        parser = cls()
        parser.feed(html)
        return parser.found
