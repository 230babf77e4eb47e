# SPDX-License-Identifier: Apache-2.0
"""Mail scenarios' SMTP servers: real Postfix instances (Debian's postfix package, one master
process per scenario with its own config and queue directories) and, for misbehaviour Postfix
cannot be configured into, servers/hostile_smtp.py.

A scenario in scenarios/mail/ may have an [smtp] table (defaults in SMTP_DEFAULTS):
  host         number n: the server listens on 198.18.20.n and 2001:db8:20::n, TCP 25
  starttls     bool: STARTTLS offered
  protocols    Postfix smtpd_tls_protocols, e.g. ">=TLSv1.2" or ">=TLSv1 <=TLSv1"
  ciphers      OpenSSL cipher list for TLS 1.2 and below ("@SECLEVEL=0" for legacy)
  dane         "match" (TLSA 3 1 1 of the key and of the next key), "single" (current key only),
               "mismatch" (3 1 1 of another key), "ta" (2 0 1 of the lab CA), "none"
  rate_limit   connections a client may open per rate_window seconds (0: no limit)
  rate_window  seconds
  hostile      "" or a mode of servers/hostile_smtp.py (then no Postfix runs)
  front        "" or a front of servers/hostile_smtp.py ("refuse-alternate", "refuse-ipv6"): it
               listens on the scenario's addresses, refuses some connections with 421 and relays
               the others to the scenario's Postfix on 127.0.0.1 / ::1, port 10000 + n
The zone gets `@ MX 10 mx`, A and AAAA for mx, and the TLSA records at _25._tcp.mx.

Address 198.18.20.1 / 2001:db8:20::1 is the shared mail host: a well-configured Postfix that
the DNS-side mail scenarios name as their MX (mx1.<domain>), so that every mail domain has a
server to talk to, and so that a server shared by many domains is exercised. A zone record may
say {shared_mx_tlsa} for the TLSA data (3 1 1) of its key.
"""
import hashlib
import shutil
from pathlib import Path

from . import paths, web
from .server_spec import ServerSpec, checked_settings

SMTP_DIR = paths.RUN_DIR / "smtp"
HOSTILE_SMTP = paths.LAB_DIR / "servers" / "hostile_smtp.py"
POSTFIX_MASTER = "/usr/lib/postfix/sbin/master"

SIGALGS = ("ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:"
           "rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512:ed25519:ed448")

SMTP_DEFAULTS = {
    "host": 0,
    "starttls": True,
    "protocols": ">=TLSv1.2",
    "ciphers": "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256",
    "dane": "match",
    "rate_limit": 0,
    "rate_window": 60,
    "hostile": "",
    "front": "",
}

CHOICES = {
    "dane": ("match", "single", "mismatch", "ta", "none"),
    "hostile": ("", "silent", "endless", "garbage-starttls", "close-after-banner", "slow-banner",
                "busy", "tls-alert"),
    "front": ("", "refuse-alternate", "refuse-ipv6"),
}

SHARED_HOST = 1


class SmtpSpec(ServerSpec):
    @property
    def ipv4(self) -> str:
        return f"198.18.20.{self.host}"

    @property
    def ipv6_address(self) -> str:
        return f"2001:db8:20::{self.host:x}"

    @property
    def mx_name(self) -> str:
        return f"mx.{self.domain}"

    def addresses(self) -> list[str]:
        return [self.ipv4, self.ipv6_address]

    @property
    def backend_port(self) -> int:
        """Where Postfix listens on loopback behind a front."""
        return 10000 + self.host

    def postfix_listen(self) -> list[str]:
        """master.cf listen addresses of the scenario's Postfix."""
        if self.front:
            return [f"127.0.0.1:{self.backend_port}", f"[::1]:{self.backend_port}"]
        return [f"{self.ipv4}:smtp", f"[{self.ipv6_address}]:smtp"]

    @staticmethod
    def parse(table: dict, scenario: str, domain: str, where: str) -> "SmtpSpec":
        settings = checked_settings(table, SMTP_DEFAULTS, CHOICES, range(2, 100),
                                    "2..99 (1 is the shared mail host)", f"{where} [smtp]")
        return SmtpSpec(scenario, domain, settings)


def shared_spec(names: tuple[str, ...] = ()) -> SmtpSpec:
    """The shared mail host; `names`: the MX names its certificate is valid for besides its own
    (the mx1.<domain> of the mail scenarios that name it: an MTA-STS sender checks the name)."""
    return SmtpSpec("shared-mx", "mailhost.lab",
                    {**SMTP_DEFAULTS, "host": SHARED_HOST, "names": tuple(names)})


def _key(name: str) -> Path:
    """An EC P-256 key per name, kept across runs (so TLSA records stay stable)."""
    web.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = web.CACHE_DIR / f"smtp-{name}.key"
    if not path.exists():
        web._run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-out", str(path)])
    return path


def _spki_sha256(key: Path) -> str:
    der = web._run(["openssl", "pkey", "-in", str(key), "-pubout", "-outform", "DER"]).stdout
    return hashlib.sha256(der).hexdigest()


def shared_mx_tlsa() -> str:
    return f"3 1 1 {_spki_sha256(_key(shared_spec().scenario))}"


def _certificate(spec: SmtpSpec, out: Path) -> tuple[Path, Path]:
    """A lab-CA certificate for mx.<domain> (and the shared host's own name), 90 days."""
    ca_key, ca_cert = web._ca()
    key = _key(spec.scenario)
    csr, cert, ext = out / "mx.csr", out / "mx.pem", out / "mx.ext"
    web._run(["openssl", "req", "-new", "-key", str(key), "-out", str(csr), "-subj", f"/CN={spec.mx_name}"])
    names = [spec.mx_name] + list(spec.settings.get("names", ()))
    ext.write_text("basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\n"
                   "extendedKeyUsage=serverAuth\n"
                   f"subjectAltName={','.join('DNS:' + n for n in names)}\n")
    web._run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
          "-CAcreateserial", "-out", str(cert), "-days", "90", "-sha256", "-extfile", str(ext)])
    chain = out / "chain.pem"
    chain.write_text(key.read_text() + cert.read_text() + ca_cert.read_text())
    return key, chain


def tlsa_records(spec: SmtpSpec) -> list[str]:
    if spec.dane == "none" or spec.hostile:
        return []
    owner = "_25._tcp.mx"
    current = _spki_sha256(_key(spec.scenario))
    if spec.dane == "mismatch":
        return [f"{owner} TLSA 3 1 1 {_spki_sha256(_key(spec.scenario + '-other'))}"]
    if spec.dane == "ta":
        ca_der = web._run(["openssl", "x509", "-in", str(web._ca()[1]), "-outform", "DER"]).stdout
        return [f"{owner} TLSA 2 0 1 {hashlib.sha256(ca_der).hexdigest()}"]
    records = [f"{owner} TLSA 3 1 1 {current}"]
    if spec.dane == "match":  # the next key too: a rollover needs no TLSA change first
        records.append(f"{owner} TLSA 3 1 1 {_spki_sha256(_key(spec.scenario + '-next'))}")
    return records


def zone_records(spec: SmtpSpec) -> list[str]:
    return ["@ MX 10 mx", f"mx A {spec.ipv4}", f"mx AAAA {spec.ipv6_address}"] + tlsa_records(spec)


def _postfix(spec: SmtpSpec, out: Path) -> list[str]:
    conf, queue, data = out / "conf", out / "queue", out / "data"
    for d in (conf, queue / "pid", queue / "private", queue / "public", data):
        d.mkdir(parents=True, exist_ok=True)
    for d in (queue / "private", queue / "public", data):
        shutil.chown(d, user="postfix")
    key, chain = _certificate(spec, conf)
    # Signature algorithms and groups are not Postfix settings in Debian 12's Postfix 3.7; the
    # OpenSSL configuration file sets them (SHA-1/SHA-224 key-exchange signatures refused).
    openssl_cnf = conf / "openssl.cnf"
    openssl_cnf.write_text("openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\n"
                           "system_default = tls\n[tls]\n"
                           f"SignatureAlgorithms = {SIGALGS}\nGroups = X25519:P-256:P-384\n")
    listen = ["127.0.0.1", "::1"] if spec.front else [spec.ipv4, spec.ipv6_address]
    main = [
        "compatibility_level = 3.6",
        f"queue_directory = {queue}",
        f"data_directory = {data}",
        "mail_owner = postfix",
        "setgid_group = postdrop",
        f"inet_interfaces = {', '.join(listen)}",
        "inet_protocols = all",
        f"myhostname = {spec.mx_name}",
        "mydestination =",
        "mynetworks = 127.0.0.0/8",
        "smtpd_banner = $myhostname ESMTP Baseline lab",
        "smtpd_peername_lookup = no",      # no reverse DNS of the client: the lab has none
        "import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG OPENSSL_CONF",
        "smtpd_tls_session_cache_database =",
        "tls_preempt_cipherlist = yes",
        "tls_eecdh_auto_curves = X25519 prime256v1 secp384r1",
    ]
    if spec.starttls:
        main += [
            "smtpd_tls_security_level = may",
            f"smtpd_tls_chain_files = {chain}",
            f"smtpd_tls_protocols = {spec.protocols}",
            "smtpd_tls_ciphers = high",
            f"tls_high_cipherlist = {spec.ciphers}",
        ]
    else:
        main.append("smtpd_tls_security_level = none")
    if spec.rate_limit:
        main += [f"smtpd_client_connection_rate_limit = {spec.rate_limit}",
                 f"anvil_rate_time_unit = {spec.rate_window}s",
                 "smtpd_client_event_limit_exceptions ="]
    (conf / "main.cf").write_text("\n".join(main) + "\n")
    master = [f"{where} inet n - n - - smtpd" for where in spec.postfix_listen()] + [
              "anvil unix - - n - 1 anvil",
              "proxymap unix - - n - - proxymap",
              "rewrite unix - - n - - trivial-rewrite",
              "tlsmgr unix - - n 1000 1 tlsmgr"]
    (conf / "master.cf").write_text("\n".join(master) + "\n")
    return ["env", f"OPENSSL_CONF={openssl_cnf}", POSTFIX_MASTER, "-c", str(conf), "-d"]


def write_servers(spec: SmtpSpec) -> list[tuple[str, list[str], list[str]]]:
    """Writes the scenario's server config; returns (name suffix, argv, probe targets) of each
    process: Postfix or a hostile server, and a front before Postfix."""
    out = SMTP_DIR / spec.scenario
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    out.chmod(0o755)
    ready = [f"tcpport:25:{a}" for a in spec.addresses()]
    if spec.hostile:
        return [("", [paths.PYTHON, str(HOSTILE_SMTP), spec.hostile] + spec.addresses(), ready)]
    if spec.front:
        backend_ready = [f"tcpport:{spec.backend_port}:{a}" for a in ("127.0.0.1", "::1")]
        front = [paths.PYTHON, str(HOSTILE_SMTP), spec.front, str(spec.backend_port)]
        return [("", _postfix(spec, out), backend_ready),
                ("-front", front + spec.addresses(), ready)]
    return [("", _postfix(spec, out), ready)]


def prepare() -> None:
    shutil.rmtree(SMTP_DIR, ignore_errors=True)
    SMTP_DIR.mkdir(parents=True)
    SMTP_DIR.chmod(0o755)
