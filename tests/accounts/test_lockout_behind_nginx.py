"""The sign-in lockout behind the documented nginx (issue 17, item 3), with Debian's nginx on loopback.

Behind a proxy every request came from the proxy's address, so five wrong passwords from anyone locked the
account for everyone; and each attempt during the lock restarted it. Now the client's address is taken from
X-Forwarded-For as far as TRUSTED_PROXY_COUNT trusts it, locks are per username and address, and attempts
during a lock do not extend it. Clients are told apart by their loopback source address (127.0.0.2, ...).
"""

import datetime
import http.client
import os
import re
import shutil
import socket
import subprocess
import time

import pytest

from tests.conftest import PASSWORD

NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 110m;
        location / {{
            proxy_pass http://{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
        }}
    }}
}}
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    """Debian's nginx in front of the live server, as the README deploys it; its address as host:port."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the lockout test behind nginx: .ci/run installs it")
        pytest.skip("nginx is not installed here; `apt-get install nginx-light` to run this test (CI does)")
    port = _free_port()
    upstream = live_server.url.removeprefix("http://")
    (tmp_path / "nginx.conf").write_text(NGINX_CONF.format(root=tmp_path, port=port, upstream=upstream))
    process = subprocess.Popen([binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """One client at one loopback address, keeping its cookies."""

    def __init__(self, address, source):
        self.address, self.source, self.cookies = address, source, {}

    def request(self, method, path, body=None, headers=None):
        host, port = self.address.split(":")
        connection = http.client.HTTPConnection(host, int(port), source_address=(self.source, 0), timeout=10)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header in response.msg.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response.status, response.getheader("Location"), content

    def sign_in(self, username, password, forwarded_for=None):
        """POST the sign-in form; True when it signed in (a redirect home)."""
        self.cookies.pop("sessionid", None)
        _status, _location, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        from urllib.parse import urlencode

        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{self.address}",
            "Referer": f"https://{self.address}/accounts/login/",
        }
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        status, location, _page = self.request("POST", "/accounts/login/", body, headers)
        return status == 302 and location == "/"


@pytest.fixture
def behind_nginx(settings, nginx):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=4)
    return nginx


@pytest.mark.django_db(transaction=True)
def test_wrong_passwords_from_one_client_do_not_lock_out_another(behind_nginx, partner):
    attacker, owner = Browser(behind_nginx, "127.0.0.2"), Browser(behind_nginx, "127.0.0.3")
    for _ in range(5):
        assert not attacker.sign_in(partner.username, "wrong")
    assert not attacker.sign_in(partner.username, PASSWORD)  # locked for the attacker's address
    # A forged X-Forwarded-For is kept on the left of what nginx appends: it does not change the address.
    assert not attacker.sign_in(partner.username, PASSWORD, forwarded_for="10.9.8.7")
    assert owner.sign_in(partner.username, PASSWORD)  # the owner, elsewhere, still signs in


@pytest.mark.django_db(transaction=True)
def test_attempts_during_a_lock_do_not_extend_it(behind_nginx, partner):
    client = Browser(behind_nginx, "127.0.0.4")
    for _ in range(5):
        assert not client.sign_in(partner.username, "wrong")
    locked_at = time.monotonic()
    time.sleep(2.5)
    assert not client.sign_in(partner.username, "wrong")  # during the lock: refused, the lock not restarted
    time.sleep(max(0, 4.5 - (time.monotonic() - locked_at)))
    assert client.sign_in(partner.username, PASSWORD)  # the 4-second lock ran out on time
