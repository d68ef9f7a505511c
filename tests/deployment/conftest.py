"""The reference deployment, started for real: app processes behind Debian's nginx over TLS.

The proxy runs the shipped template (docs/deploy/nginx.conf.template) with a certificate made
here. Without nginx these tests skip locally and fail in CI (RISK_APP_REQUIRE_PROXY=1).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pytest

from risk_app.cli.serve import SERVER_FLAGS
from tests.browser.conftest import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "deploy" / "nginx.conf.template"
SERVER = ROOT / "risk_app" / "web" / "server.py"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MODULE = Path("/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so")
HOST = "localhost"
UPLOAD_MB = 100


def _require_nginx() -> str:
    if NGINX and MODULE.exists():
        return NGINX
    message = "nginx with headers-more not installed (make system-deps)"
    if os.environ.get("RISK_APP_REQUIRE_PROXY") == "1":
        pytest.fail(message)
    pytest.skip(message)


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "test-cert.pem", folder / "test-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Deployment:
    url: str
    run_dir: Path
    cert: Path
    replicas: list[int]
    pids: list[int]

    def tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))

    def access_log(self) -> str:
        path = self.run_dir / "access.log"
        return path.read_text(errors="replace") if path.exists() else ""


def start_app(data_dir: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    flags = {**SERVER_FLAGS, "server.port": str(port)}
    command = [sys.executable, "-m", "streamlit", "run", str(SERVER)]
    command += [f"--{k}={v}" for k, v in flags.items()]
    log = open(data_dir / f"app-{port}.log", "wb")  # noqa: SIM115 - closed with the process
    full_env = {**os.environ, "RISK_APP_DATA_DIR": str(data_dir), "RISK_APP_DEMO": "1", **env}
    return subprocess.Popen(command, env=full_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def render_config(run_dir: Path, port: int, replicas: list[int], cert: Path, key: Path) -> Path:
    servers = "\n        ".join(f"server 127.0.0.1:{p} max_fails=0;" for p in replicas)
    text = Template(TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        SERVER_NAME=HOST,
        LISTEN_PORT=str(port),
        CERT=str(cert),
        KEY=str(key),
        RUN_DIR=str(run_dir),
        REPLICAS=servers,
        UPLOAD_MB=str(UPLOAD_MB),
    )
    assert not re.search(r"\$\{[A-Z_]+\}", text), "a placeholder was left unfilled"
    path = run_dir / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


def _wait_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


@contextmanager
def deployment(
    run_dir: Path, data_dir: Path, *, replicas: int, env: dict[str, str]
) -> Iterator[Deployment]:
    nginx = _require_nginx()
    cert, key = make_certificate(run_dir)
    ports = [free_port() for _ in range(replicas)]
    proxy_port = free_port()
    pids: list[int] = []
    with ExitStack() as stack:
        for index, port in enumerate(ports):
            process = start_app(data_dir, port, {**env, "RISK_APP_REPLICA_NAME": f"r{index}"})
            stack.callback(_stop, process)
            pids.append(process.pid)
        for port in ports:
            wait_healthy(f"http://127.0.0.1:{port}", timeout=90)
        config = render_config(run_dir, proxy_port, ports, cert, key)
        main = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        checked = subprocess.run(
            [nginx, "-t", "-c", str(config), "-g", main],
            check=False,
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stderr
        proxy = subprocess.Popen(
            [nginx, "-c", str(config), "-g", main],
            stdout=subprocess.DEVNULL,
            stderr=open(run_dir / "nginx.out", "wb"),  # noqa: SIM115 - closed with the process
        )
        stack.callback(_stop, proxy)
        _wait_port(proxy_port)
        yield Deployment(f"https://{HOST}:{proxy_port}", run_dir, cert, ports, pids)
