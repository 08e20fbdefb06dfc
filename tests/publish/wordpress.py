"""A real WordPress for the tests, started on 127.0.0.1 and stopped after.

Debian's packages: MariaDB (mariadb-server) on a temporary datadir, reached
through a socket only (--skip-networking, --skip-grant-tables: nothing but
this process can reach it), and PHP's built-in server (php-cli, php-mysql)
serving /usr/share/wordpress (wordpress) on a free port.

Debian's wordpress reads its settings from /etc/wordpress/config-NAME.php,
where NAME is the request's host or the WORDPRESS_CONFIG server variable
(what Apache's SetEnv gives it). The site config is written under a name of
its own (config-reads-test-RANDOM.php) and PHP is given that name through
an auto_prepend_file, so two runs at once never share a site; the file is
the only thing written outside the temporary folder, and stop() removes it.
The site's content folder (uploads, mu-plugins) is in the temporary folder;
a must-use plugin stops the site from making HTTP requests of its own
(update checks; the loopback test install.php runs against the
single-threaded server would stall it for 10 s).
"""
import base64
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

WORDPRESS = "/usr/share/wordpress"
PACKAGES = "wordpress mariadb-server php-cli php-mysql"


def missing():
    """Why this machine cannot run the site, or None."""
    need = {"wordpress": os.path.join(WORDPRESS, "wp-load.php"),
            "mariadb-install-db": shutil.which("mariadb-install-db"),
            "mariadbd": shutil.which("mariadbd") or (os.path.exists("/usr/sbin/mariadbd") and "/usr/sbin/mariadbd"),
            "mariadb": shutil.which("mariadb"), "php": shutil.which("php")}
    absent = [name for name, path in need.items() if not path or not os.path.exists(path)]
    if absent:
        return f"not installed: {', '.join(absent)} (apt-get install {PACKAGES})"
    mods = subprocess.run(["php", "-m"], capture_output=True, text=True, timeout=30).stdout.split()
    if "mysqli" not in mods:
        return "PHP has no mysqli (apt-get install php-mysql)"
    if not os.access("/etc/wordpress", os.W_OK):
        return "cannot write the site config in /etc/wordpress (run the tests as root)"
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {seconds} s")


class WordPress:
    """start() installs a fresh site; stop() removes everything it made."""

    USER = "lamia"

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="reads-wp-")
        self.name = "reads-test-" + secrets.token_hex(6)
        self.site_config = f"/etc/wordpress/config-{self.name}.php"
        self.db = None
        self.php = None
        self.port = None
        self.password = None

    # --- life cycle ---

    def start(self):
        try:
            self._start_database()
            self._write_site()
            self._start_php()
            self._install()
            self.password = self.php_eval(
                "$r = WP_Application_Passwords::create_new_application_password(1, array('name' => 'reads'));"
                "if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message()); exit(1); } echo $r[0];")
        except BaseException:
            self._show_logs()
            self.stop()
            raise
        return self

    def _show_logs(self):
        """The tails of the servers' logs on stderr: stop() removes them."""
        for name in ("install-db.log", "mariadbd.log", "php.log"):
            try:
                with open(os.path.join(self.dir, name), errors="replace") as f:
                    tail = f.read()[-1500:]
            except OSError:
                continue
            sys.stderr.write(f"--- {name} (tail)\n{tail}\n")

    def stop(self):
        for proc in (self.php, self.db):
            if proc and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=15)
        self.php = self.db = None
        try:
            os.unlink(self.site_config)
        except FileNotFoundError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _log(self, name):
        return open(os.path.join(self.dir, name), "wb")

    def _start_database(self):
        data = os.path.join(self.dir, "db")
        self.socket = os.path.join(self.dir, "db.sock")
        import pwd
        user = pwd.getpwuid(os.getuid()).pw_name
        common = ["--no-defaults", f"--datadir={data}", f"--user={user}", "--skip-log-bin",
                  "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M", "--innodb-flush-method=nosync",
                  "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0"]
        with self._log("install-db.log") as log:
            subprocess.run(["mariadb-install-db", *common, "--auth-root-authentication-method=socket",
                            "--skip-test-db", "--skip-name-resolve"],
                           stdout=log, stderr=subprocess.STDOUT, check=True, timeout=120)
        mariadbd = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        with self._log("mariadbd.log") as log:
            self.db = subprocess.Popen(
                [mariadbd, *common, f"--socket={self.socket}", "--skip-networking", "--skip-grant-tables",
                 f"--pid-file={os.path.join(self.dir, 'db.pid')}", "--skip-name-resolve"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

        def ready():
            if self.db.poll() is not None:
                raise RuntimeError("mariadbd exited: " + open(os.path.join(self.dir, "mariadbd.log")).read()[-2000:])
            return os.path.exists(self.socket) and subprocess.run(
                ["mariadb", "--no-defaults", f"--socket={self.socket}", "-e", "CREATE DATABASE IF NOT EXISTS wp"],
                capture_output=True, timeout=30).returncode == 0
        wait_for("MariaDB", ready, 60)

    def _write_site(self):
        content = os.path.join(self.dir, "content")
        for sub in ("themes", "plugins", "mu-plugins", "uploads"):
            os.makedirs(os.path.join(content, sub))
        with open(os.path.join(content, "mu-plugins", "no-http.php"), "w") as f:
            f.write("<?php\n/* The test site makes no HTTP requests of its own. */\n"
                    "add_filter('pre_http_request', function () {\n"
                    "    return new WP_Error('http_request_blocked', 'no HTTP from the test site');\n"
                    "}, 1);\n")
        keys = "".join(f"define('{k}', '{secrets.token_hex(16)}');\n" for k in (
            "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
            "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"))
        with open(self.site_config, "w") as f:
            f.write("<?php\n/* Written by reads' tests (tests/publish/wordpress.py); removed when they end. */\n"
                    "define('DB_NAME', 'wp');\ndefine('DB_USER', 'wp');\ndefine('DB_PASSWORD', '');\n"
                    f"define('DB_HOST', 'localhost:{self.socket}');\n"
                    f"define('WP_CONTENT_DIR', '{content}');\n"
                    "define('WP_ENVIRONMENT_TYPE', 'local');\n"
                    "define('DISABLE_WP_CRON', true);\n"
                    "define('AUTOMATIC_UPDATER_DISABLED', true);\n"
                    "define('WP_DEBUG', false);\n" + keys)
        self.prepend = os.path.join(self.dir, "prepend.php")
        with open(self.prepend, "w") as f:
            f.write(f"<?php $_SERVER['WORDPRESS_CONFIG'] = '{self.name}';\n")

    def _start_php(self):
        for _ in range(5):
            self.port = free_port()
            with self._log("php.log") as log:
                self.php = subprocess.Popen(
                    ["php", "-d", f"auto_prepend_file={self.prepend}", "-d", "display_errors=stderr",
                     "-S", f"127.0.0.1:{self.port}", "-t", WORDPRESS],
                    stdout=log, stderr=subprocess.STDOUT, cwd=self.dir, start_new_session=True)

            def listening():
                if self.php.poll() is not None:
                    return True
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    return True
                except OSError:
                    return False
            wait_for("PHP's server", listening, 20)
            if self.php.poll() is None:
                self.url = f"http://127.0.0.1:{self.port}"
                return
        raise RuntimeError("PHP's server could not listen on a free port")

    def _install(self):
        form = urllib.parse.urlencode({
            "weblog_title": "Reads test blog", "user_name": self.USER, "admin_password": "login-password-1",
            "admin_password2": "login-password-1", "pw_weak": "1", "admin_email": "lamia@example.org",
            "blog_public": "0", "language": ""})
        status, body = self.http("POST", "/wp-admin/install.php?step=2", body=form.encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"}, auth=False)
        if status != 200 or b"<h1>Success!</h1>" not in body:
            raise RuntimeError(f"install.php answered {status}: {body[:500]!r}")

    # --- talking to the site ---

    def php_eval(self, code, *args):
        """Runs PHP code inside the site (wp-load.php loaded), as WordPress's
        own admin screens would; returns what it prints."""
        script = os.path.join(self.dir, "eval.php")
        with open(script, "w") as f:
            f.write("<?php\n"
                    f"$_SERVER['WORDPRESS_CONFIG'] = '{self.name}';\n"
                    f"$_SERVER['HTTP_HOST'] = '127.0.0.1:{self.port}';\n"
                    f"require '{WORDPRESS}/wp-load.php';\n" + code + "\n")
        p = subprocess.run(["php", script, *map(str, args)], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise RuntimeError(f"php failed: {p.stderr or p.stdout}")
        return p.stdout.strip()

    def http(self, method, path, body=None, headers=None, auth=True, password=None):
        h = dict(headers or {})
        if auth:
            token = f"{self.USER}:{password or self.password}".encode()
            h["Authorization"] = "Basic " + base64.b64encode(token).decode()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def rest(self, method, route, **params):
        """A REST call through ?rest_route= (works whatever the permalinks)."""
        query = urllib.parse.urlencode({"rest_route": route, **params})
        status, body = self.http(method, "/?" + query)
        return status, json.loads(body) if body else None

    def set_pretty_permalinks(self, on):
        self.php_eval("global $wp_rewrite; $wp_rewrite->set_permalink_structure($argv[1] === '1' ? '/%postname%/' : '');"
                      "flush_rewrite_rules(false);", "1" if on else "0")
