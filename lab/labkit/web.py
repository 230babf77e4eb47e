# SPDX-License-Identifier: Apache-2.0
"""Web scenarios: a lab CA, certificates, and one real nginx per scenario.

A scenario in scenarios/web/ has a [web] table (defaults in WEB_DEFAULTS):
  host          number n: the scenario listens on 198.18.10.n and 2001:db8:10::n
  protocols     nginx ssl_protocols, e.g. ["TLSv1.2", "TLSv1.3"]
  ciphers       nginx ssl_ciphers (TLS 1.2 and below; "@SECLEVEL=0" for legacy)
  tls13_suites  OpenSSL Ciphersuites for TLS 1.3 ("" = OpenSSL default)
  sigalgs       OpenSSL SignatureAlgorithms ("" = OpenSSL default)
  prefer_server bool: ssl_prefer_server_ciphers
  curves        ssl_ecdh_curve
  dh            "none" | "ffdhe2048" | "custom" (a generated 1024-bit group)
  key           leaf key: "ec256" | "rsa2048" | "rsa3072" | "rsa1024"
  sig           leaf signature hash: "sha256" | "sha1"
  validity      "valid" | "expired" | "notyet"
  issuer        "ca" | "self"
  names         "match" | "wrong"
  ocsp          bool: staple an OCSP response made offline by the lab CA
  early_data    bool: ssl_early_data on (TLS 1.3 0-RTT, passed to the site without a 425)
  http          "redirect" | "none" | "other-host" | "plain" | "downgrade"
  headers       header lines added to every HTTPS response (default: GOOD_HEADERS, every
                security header Baseline judges, set well); a list here replaces them all
  header_changes  a table over `headers`, by header name: a new value, or "" to leave the
                header out ({"Strict-Transport-Security" = ""}). A scenario that breaks one header
                says only that, so a header check added later finds its header good here too.
  security_txt  "good" | "expired" | "missing" | "wrong-type", or for notices (src/notices/):
                "https-contact" (only an https: Contact, Preferred-Languages: nl), "no-languages"
                (a mailto: Contact, no Preferred-Languages), and hostile files that must give a
                record, not a mail: "crlf-contact" (a CR and a Bcc: inside a Contact value),
                "many-contacts" (10,000 Contact lines), "huge" (1 MB of comments)
  ipv6          "same" | "dead" | "different" | "none"
  dane          "none" | "match" | "mismatch"
  hostile       "" or a mode of servers/hostile_web.py (then no nginx runs)
  site          "apex" (the domain and www) | "mta-sts" (only mta-sts.DOMAIN, no TLSA: the
                MTA-STS policy host of a mail scenario)
  mta_sts_policy  "" or the body served as text/plain at /.well-known/mta-sts.txt (RFC 8461)
The zone gets A/AAAA for the apex and www (or mta-sts), and TLSA records at _443._tcp.
"""
import hashlib
import shutil
import subprocess
from pathlib import Path

from . import paths
from .server_spec import ServerSpec, checked_settings
from .topology import ConfigError

WEB_DIR = paths.RUN_DIR / "web"
CACHE_DIR = paths.RUN_DIR / "web-cache"   # keys and DH groups kept across runs
CA_FILE = paths.RUN_DIR / "lab-ca.pem"
HOSTILE_WEB = paths.LAB_DIR / "servers" / "hostile_web.py"

GOOD_HEADERS = [
    "Strict-Transport-Security: max-age=31536000; includeSubDomains",
    "X-Frame-Options: DENY",
    "X-Content-Type-Options: nosniff",
    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    "Referrer-Policy: no-referrer",
]

WEB_DEFAULTS = {
    "host": 0,
    "protocols": ["TLSv1.2", "TLSv1.3"],
    "ciphers": "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256",
    "tls13_suites": "",
    # TLS 1.2 signature schemes (ssl_conf_command SignatureAlgorithms); "" = OpenSSL's default,
    # which signs the key exchange with SHA-224 (and SHA-1 at security level 0) when asked to.
    "sigalgs": "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:"
               "rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512:ed25519:ed448",
    "prefer_server": True,
    "curves": "X25519:prime256v1:secp384r1",
    "dh": "none",
    "key": "ec256",
    "sig": "sha256",
    "validity": "valid",
    "issuer": "ca",
    "names": "match",
    "ocsp": False,
    "early_data": False,
    "http": "redirect",
    "headers": GOOD_HEADERS,
    "header_changes": {},
    "security_txt": "good",
    "ipv6": "same",
    "dane": "match",
    "hostile": "",
    "site": "apex",
    "mta_sts_policy": "",
}

CHOICES = {
    "dh": ("none", "ffdhe2048", "custom"),
    "key": ("ec256", "rsa2048", "rsa3072", "rsa1024"),
    "sig": ("sha256", "sha1"),
    "validity": ("valid", "expired", "notyet"),
    "issuer": ("ca", "self"),
    "names": ("match", "wrong"),
    "http": ("redirect", "none", "other-host", "plain", "downgrade"),
    "security_txt": ("good", "expired", "missing", "wrong-type", "https-contact", "no-languages",
                     "crlf-contact", "many-contacts", "huge"),
    "ipv6": ("same", "dead", "different", "none"),
    "dane": ("none", "match", "mismatch"),
    "site": ("apex", "mta-sts"),
    "hostile": ("", "trickle", "huge-header", "redirect-loop", "garbage-hello", "close-mid-handshake"),
}


def effective_headers(headers: list, changes: dict) -> list:
    """`headers` ("Name: value" lines) with `changes` applied: a name's value replaced, or the
    header left out when the new value is "". A changed name that is not in `headers` is added."""
    wanted = {name.lower(): (name, value) for name, value in changes.items()}
    out = []
    for header in headers:
        name = header.partition(":")[0].strip()
        change = wanted.pop(name.lower(), None)
        if change is None:
            out.append(header)
        elif change[1] != "":
            out.append(f"{name}: {change[1]}")
    out += [f"{name}: {value}" for name, value in wanted.values() if value != ""]
    return out


class WebSpec(ServerSpec):
    @property
    def ipv4(self) -> str:
        return f"198.18.10.{self.host}"

    @property
    def ipv6_address(self) -> str:
        return f"2001:db8:10::{self.host:x}"

    def addresses(self) -> list[str]:
        """Addresses the namespace carries for this scenario (a dead AAAA is assigned too)."""
        out = [self.ipv4]
        if self.ipv6 != "none":
            out.append(self.ipv6_address)
        return out

    def listen_v6(self) -> bool:
        return self.ipv6 in ("same", "different")

    @staticmethod
    def parse(table: dict, scenario: str, domain: str, where: str) -> "WebSpec":
        settings = checked_settings(table, WEB_DEFAULTS, CHOICES, range(10, 251), "10..250",
                                    f"{where} [web]")
        changes = settings["header_changes"]
        if not isinstance(changes, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in changes.items()):
            raise ConfigError(f"{where} [web]: header_changes must map header names to strings")
        return WebSpec(scenario, domain, settings)


def _run(argv: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=True, capture_output=True, **kw)


def _ca() -> tuple[Path, Path]:
    """The lab CA (EC P-256, self-signed, 10 years), made once and kept in the cache."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    key, cert = CACHE_DIR / "ca.key", CACHE_DIR / "ca.pem"
    if not cert.exists():
        _run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "3650", "-sha256",
              "-subj", "/O=Baseline lab/CN=Baseline lab CA",
              "-addext", "basicConstraints=critical,CA:true",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    shutil.copy(cert, CA_FILE)
    return key, cert


def _key(kind: str) -> Path:
    """One private key per kind, cached (RSA generation is slow)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"leaf-{kind}.key"
    if not path.exists():
        if kind == "ec256":
            _run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                  "-out", str(path)])
        else:
            bits = kind.removeprefix("rsa")
            _run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}",
                  "-out", str(path)])
    return path


def _dh(kind: str) -> Path | None:
    if kind == "none":
        return None
    path = CACHE_DIR / f"dh-{kind}.pem"
    if not path.exists():
        if kind == "ffdhe2048":
            _run(["openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
                  "group:ffdhe2048", "-out", str(path)])
        else:
            _run(["openssl", "dhparam", "-out", str(path), "1024"])
    return path


def _openssl_time(offset_days: int) -> str:
    import datetime
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=offset_days)
    return t.strftime("%Y%m%d%H%M%SZ")


def _leaf(spec: WebSpec, out: Path) -> tuple[Path, Path]:
    """The scenario's certificate (made on every `up`, so validity is relative to now)."""
    ca_key, ca_cert = _ca()
    key = _key(spec.key)
    names = [spec.domain, f"www.{spec.domain}"]
    if spec.names == "wrong":
        names = [f"other-{spec.domain}", f"www.other-{spec.domain}"]
    if spec.site == "mta-sts":
        names = [f"mta-sts.{spec.domain}" if spec.names == "match" else f"mta-sts.other-{spec.domain}"]
    start, end = {"valid": (-1, 90), "expired": (-100, -10), "notyet": (10, 100)}[spec.validity]
    csr, cert = out / "leaf.csr", out / "leaf.pem"
    _run(["openssl", "req", "-new", "-key", str(key), "-out", str(csr), "-subj", f"/CN={names[0]}"])
    ext = out / "leaf.ext"
    ocsp_line = f"authorityInfoAccess=OCSP;URI:http://ocsp.lab/\n" if spec.ocsp else ""
    ext.write_text("basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                   "extendedKeyUsage=serverAuth\n" + ocsp_line +
                   "subjectAltName=" + ",".join(f"DNS:{n}" for n in names) + "\n")
    signer_cert, signer_key = (ca_cert, ca_key) if spec.issuer == "ca" else (None, key)
    # `openssl ca` accepts explicit start and end dates (x509 -req does not in OpenSSL 3.0).
    db = out / "ca-db"
    db.mkdir(exist_ok=True)
    (db / "index.txt").write_text("")
    (db / "serial").write_text(f"{abs(hash(spec.scenario)) % (1 << 60):x}".rjust(16, "0") + "\n")
    conf = out / "ca.cnf"
    conf.write_text(
        "[ca]\ndefault_ca=lab\n[lab]\n"
        f"database={db / 'index.txt'}\nserial={db / 'serial'}\nnew_certs_dir={db}\n"
        f"default_md={spec.sig}\npolicy=any\nunique_subject=no\ncopy_extensions=none\n"
        "[any]\ncommonName=supplied\n")
    argv = ["openssl", "ca", "-batch", "-config", str(conf), "-in", str(csr), "-out", str(cert),
            "-notext", "-startdate", _openssl_time(start), "-enddate", _openssl_time(end),
            "-extfile", str(ext), "-md", spec.sig]
    if signer_cert is None:
        argv += ["-selfsign", "-keyfile", str(signer_key)]
    else:
        argv += ["-cert", str(signer_cert), "-keyfile", str(signer_key)]
    env = {"OPENSSL_CONF": str(conf), "PATH": "/usr/bin:/bin"}
    _run(argv, env=env)
    if spec.ocsp:
        _ocsp(spec, out, cert, ca_cert, ca_key, db)
    return key, cert


def _ocsp(spec: WebSpec, out: Path, cert: Path, ca_cert: Path, ca_key: Path, db: Path) -> None:
    """A 'good' OCSP response signed by the lab CA, made offline for nginx ssl_stapling_file."""
    req = out / "ocsp.req"
    _run(["openssl", "ocsp", "-issuer", str(ca_cert), "-cert", str(cert), "-no_nonce", "-reqout", str(req)])
    _run(["openssl", "ocsp", "-index", str(db / "index.txt"), "-rsigner", str(ca_cert), "-rkey",
          str(ca_key), "-CA", str(ca_cert), "-reqin", str(req), "-respout", str(out / "ocsp.der"),
          "-ndays", "7"])


def tlsa_records(spec: WebSpec) -> list[str]:
    """TLSA 3 1 1 (the leaf's SPKI, SHA-256) at _443._tcp of the apex and www."""
    if spec.dane == "none" or spec.hostile or spec.site != "apex":
        return []
    der = _run(["openssl", "pkey", "-in", str(_key(spec.key)), "-pubout", "-outform", "DER"]).stdout
    digest = hashlib.sha256(der).hexdigest()
    if spec.dane == "mismatch":
        digest = hashlib.sha256(der + b"not this key").hexdigest()
    return [f"_443._tcp TLSA 3 1 1 {digest}", f"_443._tcp.www TLSA 3 1 1 {digest}"]


def zone_records(spec: WebSpec) -> list[str]:
    labels = ["mta-sts"] if spec.site == "mta-sts" else ["@", "www"]
    out = [f"{label} A {spec.ipv4}" for label in labels]
    if spec.ipv6 != "none":
        out += [f"{label} AAAA {spec.ipv6_address}" for label in labels]
    return out + tlsa_records(spec)


def _security_txt(spec: WebSpec, out: Path) -> Path | None:
    if spec.security_txt == "missing":
        return None
    import datetime
    now = datetime.datetime.now(datetime.timezone.utc)
    expires = now + datetime.timedelta(days=-5 if spec.security_txt == "expired" else 180)
    d = spec.domain
    contact = f"Contact: mailto:security@{d}\n"
    languages = "Preferred-Languages: en, nl\n"
    extra = ""
    if spec.security_txt == "https-contact":
        contact, languages = f"Contact: https://{d}/report-a-vulnerability\n", "Preferred-Languages: nl\n"
    elif spec.security_txt == "no-languages":
        languages = ""
    elif spec.security_txt == "crlf-contact":
        contact = f"Contact: mailto:security@{d}\rBcc:victim@evil.lab\n"
    elif spec.security_txt == "many-contacts":
        contact = "".join(f"Contact: mailto:c{i}@{d}\n" for i in range(10000))
    elif spec.security_txt == "huge":
        extra = ("# " + "x" * 1022 + "\n") * 1024
    text = (f"# security.txt for {d}\n"
            f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
            f"{languages}"
            f"Canonical: https://{d}/.well-known/security.txt\n"
            f"Canonical: https://www.{d}/.well-known/security.txt\n"
            f"{contact}{extra}")
    path = out / "security.txt"
    path.write_bytes(text.encode())
    return path


def _server_block(spec: WebSpec, out: Path, listen: list[str], body: str, key: Path,
                  cert: Path, sectxt: Path | None) -> str:
    lines = [f"  server {{"] + [f"    listen {a}:443 ssl;" for a in listen]
    lines += [
        "    server_name _;",
        f"    ssl_certificate {cert};",
        f"    ssl_certificate_key {key};",
        f"    ssl_protocols {' '.join(spec.protocols)};",
        f"    ssl_ciphers '{spec.ciphers}';",
        f"    ssl_prefer_server_ciphers {'on' if spec.prefer_server else 'off'};",
        f"    ssl_ecdh_curve {spec.curves};",
        "    ssl_session_cache shared:s:1m;",
    ]
    if spec.tls13_suites:
        lines.append(f"    ssl_conf_command Ciphersuites {spec.tls13_suites};")
    if spec.sigalgs:
        lines.append(f"    ssl_conf_command SignatureAlgorithms {spec.sigalgs};")
    dh = _dh(spec.dh)
    if dh:
        lines.append(f"    ssl_dhparam {dh};")
    if spec.early_data:
        lines.append("    ssl_early_data on;")
    if spec.ocsp:
        lines += ["    ssl_stapling on;", f"    ssl_stapling_file {out / 'ocsp.der'};"]
    for header in effective_headers(spec.headers, spec.header_changes):
        name, _, value = header.partition(":")
        value = value.strip().replace('"', '\\"')
        lines.append(f'    add_header {name.strip()} "{value}" always;')
    if not sectxt:
        lines.append("    location /.well-known/ { return 404; }")
    if spec.mta_sts_policy:
        lines += ["    location = /.well-known/mta-sts.txt {",
                  f"      default_type text/plain; alias {out / 'mta-sts.txt'};", "    }"]
    if sectxt:
        ctype = "text/html" if spec.security_txt == "wrong-type" else "text/plain"
        lines += ["    location = /.well-known/security.txt {",
                  f"      default_type {ctype}; charset utf-8; alias {sectxt};", "    }"]
    lines += ["    location / {", "      default_type text/html;",
              f"      return 200 '{body}';", "    }", "  }"]
    return "\n".join(lines)


def _http_block(spec: WebSpec, listen: list[str]) -> str:
    if spec.http == "none":
        return ""
    target = {
        "redirect": "https://$host$request_uri",
        "downgrade": "https://$host/hop",
        "other-host": f"https://elsewhere.{spec.domain}/",
    }.get(spec.http)
    lines = ["  server {"] + [f"    listen {a}:80;" for a in listen] + ["    server_name _;"]
    if spec.http == "plain":
        lines.append("    location / { default_type text/html; return 200 'plain http'; }")
    elif spec.http == "downgrade":
        lines.append(f"    location / {{ return 301 {target}; }}")
    else:
        lines.append(f"    location / {{ return 301 {target}; }}")
    lines.append("  }")
    return "\n".join(lines)


PAGE = "<html><head><title>Baseline lab</title></head><body><p>" + "lab page " * 40 + "</p></body></html>"
OTHER_PAGE = "<html><body><h1>a different site over IPv6</h1>" + "other " * 200 + "</body></html>"


def write_server(spec: WebSpec) -> tuple[list[str], list[str]]:
    """Writes the scenario's server config; returns (argv, probe targets)."""
    out = WEB_DIR / spec.scenario
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    key, cert = _leaf(spec, out)
    if spec.hostile:
        argv = [paths.PYTHON, str(HOSTILE_WEB), spec.hostile, str(cert), str(key)] + spec.addresses()
        return argv, [f"tcp443:{a}" for a in spec.addresses()]
    sectxt = _security_txt(spec, out)
    if spec.mta_sts_policy:
        (out / "mta-sts.txt").write_bytes(spec.mta_sts_policy.encode())  # bytes: CRLF kept as written
    v4 = [spec.ipv4]
    v6 = [f"[{spec.ipv6_address}]"] if spec.listen_v6() else []
    blocks = []
    if spec.ipv6 == "different":
        blocks.append(_server_block(spec, out, v4, PAGE, key, cert, sectxt))
        blocks.append(_server_block(spec, out, v6, OTHER_PAGE, key, cert, sectxt))
    else:
        blocks.append(_server_block(spec, out, v4 + v6, PAGE, key, cert, sectxt))
    http = _http_block(spec, v4 + v6)
    if http:
        blocks.append(http)
    if spec.http == "downgrade":
        # second hop: https://host/hop -> http://host/ (a downgrade)
        blocks[0] = blocks[0].replace("    location / {",
                                      "    location = /hop { return 302 http://$host/final; }\n"
                                      "    location / {", 1)
    temp = out / "tmp"
    temp.mkdir()
    conf = out / "nginx.conf"
    conf.write_text("\n".join([
        "daemon off;", "master_process on;", "worker_processes 1;",
        f"pid {out / 'nginx.pid'};", f"error_log {out / 'error.log'} warn;",
        "events { worker_connections 256; }",
        "http {", "  access_log off;", "  server_tokens off;",
        f"  client_body_temp_path {temp}/body;", f"  proxy_temp_path {temp}/proxy;",
        f"  fastcgi_temp_path {temp}/fastcgi;", f"  uwsgi_temp_path {temp}/uwsgi;",
        f"  scgi_temp_path {temp}/scgi;",
        *blocks, "}", ""]))
    ready = [f"tcp443:{a}" for a in [spec.ipv4] + ([spec.ipv6_address] if spec.listen_v6() else [])]
    return ["nginx", "-c", str(conf), "-e", str(out / "error.log")], ready


def prepare() -> None:
    shutil.rmtree(WEB_DIR, ignore_errors=True)
    WEB_DIR.mkdir(parents=True)
    _ca()
