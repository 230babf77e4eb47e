# SPDX-License-Identifier: Apache-2.0
"""The lab mailbox: a complete Postfix instance (smtpd, pickup, cleanup, qmgr, virtual) that
accepts mail for every domain and delivers it all into one mbox file, so that a test can send
Baseline's notices into a real mail system and read what arrived.

  listens      198.18.20.250 port 25 and 587 (submission), STARTTLS with a lab-CA certificate for
               mailbox.lab (and IP 198.18.20.250)
  sendmail     run/mailbox/sendmail: /usr/sbin/sendmail with this instance's configuration
               (`sendmail -C`); what it is given goes through pickup like any local mail
  delivered    run/mailbox/mail/inbox (mbox; X-Original-To names the recipient), for every address
               but no-such-mailbox@ANY: that one bounces, and the delivery status notification
               comes back to the sender's address (local+tag@ extensions are delivered as well)
  mail log     run/mailbox/maillog (postlogd): every accepted, delivered or refused message

  DKIM         OpenDKIM (milter on 127.0.0.1:8891) signs the mail of SENDER_DOMAIN that reaches
               Postfix through sendmail or from the lab (selector `default`, RSA 2048, key kept in
               run/web-cache); scenarios/mail/notices-sender.toml publishes the key ({notices_dkim})
               with SPF, DMARC p=reject, MTA-STS and TLS-RPT.

Nothing leaves: the instance has no smtp client, and every domain is a virtual mailbox domain.
"""
import shutil
from pathlib import Path

from . import paths, web

MAILBOX_DIR = paths.RUN_DIR / "mailbox"
ADDRESS = "198.18.20.250"
NAME = "mailbox.lab"
POSTFIX_MASTER = "/usr/lib/postfix/sbin/master"
NOBODY = 65534
SENDER_DOMAIN = "notices-sender.lab"
DKIM_SELECTOR = "default"
MILTER = "127.0.0.1:8891"
NO_SUCH_MAILBOX = "no-such-mailbox"

MASTER_CF = """\
{address}:smtp inet n - n - - smtpd
{address}:submission inet n - n - - smtpd
pickup unix n - n 1 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
anvil unix - - n - 1 anvil
virtual unix - n n - - virtual
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
showq unix n - n - - showq
scache unix - - n - 1 scache
tlsmgr unix - - n 1000? 1 tlsmgr
postlog unix-dgram n - n - 1 postlogd
"""


def env() -> dict[str, str]:
    return {
        "LAB_MAILBOX": str(MAILBOX_DIR / "mail" / "inbox"),
        "LAB_MAILBOX_LOG": str(MAILBOX_DIR / "maillog"),
        "LAB_MAILBOX_SENDMAIL": str(MAILBOX_DIR / "sendmail"),
        "LAB_MAILBOX_SMTP": f"{ADDRESS}:587",
    }


def _dkim_key() -> Path:
    """The sending domain's DKIM key (RSA 2048), made once and kept with the lab's other keys."""
    web.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    key = web.CACHE_DIR / "dkim-notices.key"
    if not key.exists():
        web._run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                  "-out", str(key)])
    return key


def dkim_record() -> str:
    """The zone line publishing the key: default._domainkey TXT "v=DKIM1; k=rsa; p=…"."""
    der = web._run(["openssl", "pkey", "-in", str(_dkim_key()), "-pubout", "-outform", "DER"]).stdout
    import base64
    text = "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()
    chunks = " ".join(f'"{text[i:i + 250]}"' for i in range(0, len(text), 250))
    return f"{DKIM_SELECTOR}._domainkey TXT {chunks}"


def _opendkim(conf: Path) -> list[str]:
    key = conf / "dkim.key"
    shutil.copy(_dkim_key(), key)
    key.chmod(0o600)
    host, port = MILTER.split(":")
    cfg = conf / "opendkim.conf"
    cfg.write_text("\n".join([
        "Syslog no",
        "Background no",
        "Mode s",
        f"Domain {SENDER_DOMAIN}",
        f"Selector {DKIM_SELECTOR}",
        f"KeyFile {key}",
        f"Socket inet:{port}@{host}",
        "Canonicalization relaxed/relaxed",
        "OversignHeaders From",
        "InternalHosts 127.0.0.1, 198.18.0.0/15",
        "RequireSafeKeys no",
        f"PidFile {conf / 'opendkim.pid'}",
    ]) + "\n")
    return ["/usr/sbin/opendkim", "-f", "-x", str(cfg)]


def _certificate(conf: Path) -> Path:
    ca_key, ca_cert = web._ca()
    key = conf / "key.pem"
    web._run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-out", str(key)])
    csr, cert, ext = conf / "cert.csr", conf / "cert.pem", conf / "cert.ext"
    web._run(["openssl", "req", "-new", "-key", str(key), "-out", str(csr), "-subj", f"/CN={NAME}"])
    ext.write_text("basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\n"
                   f"extendedKeyUsage=serverAuth\nsubjectAltName=DNS:{NAME},IP:{ADDRESS}\n")
    web._run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
              "-CAcreateserial", "-out", str(cert), "-days", "90", "-sha256", "-extfile", str(ext)])
    chain = conf / "chain.pem"
    chain.write_text(key.read_text() + cert.read_text() + ca_cert.read_text())
    return chain


def write_servers() -> list[tuple[str, list[str], list[str]]]:
    """Writes OpenDKIM and the Postfix instance; returns (name, argv, probe targets) of each, in
    the order to start them."""
    shutil.rmtree(MAILBOX_DIR, ignore_errors=True)
    conf, queue, data, mail = (MAILBOX_DIR / d for d in ("conf", "queue", "data", "mail"))
    for d in (conf, queue, data, mail):
        d.mkdir(parents=True)
    MAILBOX_DIR.chmod(0o755)
    shutil.chown(data, user="postfix")
    import os
    os.chown(mail, NOBODY, NOBODY)
    chain = _certificate(conf)
    # Every address is a mailbox except NO_SUCH_MAILBOX, whose mail bounces (a delivery status
    # notification back to the sender, which the notices read as a bounce).
    (conf / "mailboxes").write_text(f"!/^{NO_SUCH_MAILBOX}@/ inbox\n")
    main = [
        "compatibility_level = 3.6",
        f"queue_directory = {queue}",
        f"data_directory = {data}",
        "mail_owner = postfix",
        "setgid_group = postdrop",
        f"inet_interfaces = {ADDRESS}",
        "inet_protocols = ipv4",
        f"myhostname = {NAME}",
        f"myorigin = {NAME}",
        "mydestination =",
        "relay_domains =",
        "mynetworks = 127.0.0.0/8 198.18.0.0/15",
        "alias_maps =",
        "alias_database =",
        "local_recipient_maps =",
        "virtual_mailbox_domains = static:all",
        f"virtual_mailbox_base = {mail}",
        f"virtual_mailbox_maps = regexp:{conf / 'mailboxes'}",
        "recipient_delimiter = +",
        f"virtual_uid_maps = static:{NOBODY}",
        f"virtual_gid_maps = static:{NOBODY}",
        "virtual_minimum_uid = 100",
        f"maillog_file = {MAILBOX_DIR / 'maillog'}",
        f"maillog_file_prefixes = {MAILBOX_DIR}",
        "smtpd_peername_lookup = no",
        "smtpd_recipient_restrictions = permit_mynetworks, reject",
        "smtpd_tls_security_level = may",
        "smtpd_tls_loglevel = 1",
        f"smtpd_tls_chain_files = {chain}",
        "smtpd_tls_session_cache_database =",
        "smtputf8_enable = no",
        "biff = no",
        "import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG",
        f"smtpd_milters = inet:{MILTER}",
        f"non_smtpd_milters = inet:{MILTER}",
        "milter_default_action = tempfail",
    ]
    # The queue's directories with their owners and modes (postdrop's maildrop among them), made
    # by `postfix check`; it runs outside the lab's namespace, where only loopback is local.
    outside = [line for line in main if not line.startswith("inet_interfaces")]
    (conf / "main.cf").write_text("\n".join(outside + ["inet_interfaces = loopback-only"]) + "\n")
    (conf / "master.cf").write_text(MASTER_CF.format(address="127.0.0.1"))
    web._run(["postfix", "-c", str(conf), "check"])
    (conf / "main.cf").write_text("\n".join(main) + "\n")
    (conf / "master.cf").write_text(MASTER_CF.format(address=ADDRESS))
    wrapper = MAILBOX_DIR / "sendmail"
    wrapper.write_text(f"#!/bin/sh\nexec /usr/sbin/sendmail -C {conf} \"$@\"\n")
    wrapper.chmod(0o755)
    host, port = MILTER.split(":")
    return [("mailbox-opendkim", _opendkim(conf), [f"tcpport:{port}:{host}"]),
            ("mailbox", [POSTFIX_MASTER, "-c", str(conf), "-d"],
             [f"tcpport:25:{ADDRESS}", f"tcpport:587:{ADDRESS}"])]
