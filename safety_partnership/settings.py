"""Settings for the safety-partnership register, read from the environment.

Every value that differs between a laptop and a real deployment comes from an
environment variable; the defaults are for local development only.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Full-text search (search/): its lookups and indexes are used on PostgreSQL only, and
    # the app itself loads on SQLite too.
    "django.contrib.postgres",
    "simple_history",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "safety_partnership",
    "agreements",
    "actionplans",
    "pledges",
    "search",
    "followup",
    "law",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Attributes every history row to the logged-in user who made the change.
    "simple_history.middleware.HistoryRequestMiddleware",
]
# Why a change was made ("Återsänd: <the signatory's comment>", "Skapad utifrån <a title>")
# is kept whole: a text column in every history table, on every database.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

ROOT_URLCONF = "safety_partnership.urls"
WSGI_APPLICATION = "safety_partnership.wsgi.application"
ASGI_APPLICATION = "safety_partnership.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several web workers on one SQLite file: WAL lets readers work while one
    # writer writes, the timeout waits for a lock instead of failing at once,
    # and IMMEDIATE takes the write lock when a transaction starts, so two
    # transactions never deadlock upgrading read locks.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
# Swedish only for now: every text goes through gettext, so English can follow as a
# locale/en catalogue and an ("en", "English") entry here, once there is one to offer.
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Background work (e-mail after a signing, the archived PDF of a signed document): run at
# once in the same process by default; TASKS_BACKEND=database queues it in the database
# for `manage.py db_worker`, so that no request waits for a mail server or a render.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "immediate")
if _tasks_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {_tasks_backend!r}"
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend]}}

# PDFs are drawn in short-lived child processes (pdf/process.py): at most PDF_RENDERERS at once
# per web or task-worker process, each stopped after PDF_RENDER_TIMEOUT seconds. A plan of
# 2,600 measures (166 pages) took 16.6 s here, 18.0 s in its child process (1 December 2026).
PDF_RENDERERS = int(os.environ.get("PDF_RENDERERS", "1"))
PDF_RENDER_TIMEOUT = int(os.environ.get("PDF_RENDER_TIMEOUT", "300"))

# The register's own address, e.g. https://register.example.se: every link in an e-mail and
# the verification address printed on signed PDFs, which the archive keeps for good. Hence
# required, like SECRET_KEY; only development falls back to runserver's address.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off, e.g. https://register.example.se"
        )
    SITE_URL = "http://127.0.0.1:8000"
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(
        f"SITE_URL must be an address like https://register.example.se, not {SITE_URL!r}"
    )

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "trygghetsregistret@localhost")

# Optional: the certificate and key (PEM) that seal the archived PDFs of signed documents.
SEAL_CERT_FILE = os.environ.get("SEAL_CERT_FILE", "")
SEAL_KEY_FILE = os.environ.get("SEAL_KEY_FILE", "")
SEAL_KEY_PASSPHRASE = os.environ.get("SEAL_KEY_PASSPHRASE", "")

# The cache counts look-ups on the verification page per client (django-ratelimit). Memory is
# per process: with several gunicorn workers each counts on its own, so a client gets up to
# workers times the limit. CACHE_BACKEND=database shares the count between processes (run
# `manage.py createcachetable` once).
CACHE_BACKENDS = {
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "register_cache",
    },
}
_cache_backend = os.environ.get("CACHE_BACKEND", "memory")
if _cache_backend not in CACHE_BACKENDS:
    raise ImproperlyConfigured(f"CACHE_BACKEND must be memory or database, not {_cache_backend!r}")
CACHES = {"default": CACHE_BACKENDS[_cache_backend]}
# django-ratelimit asks for memcached or Redis, whose increments are atomic and shared. The
# memory cache (per process) and the database cache (two requests at the same moment may
# count as one) let a client a little past the limit; a throttle against trying codes by the
# thousand needs no more, and spares running a cache server. Hence these checks are silenced.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# The client's address is REMOTE_ADDR. Behind a reverse proxy that is the proxy's: set
# CLIENT_IP_HEADER to the header the proxy itself writes, e.g. HTTP_X_REAL_IP for nginx's
# `proxy_set_header X-Real-IP $remote_addr;`, never to X-Forwarded-For as a client sent it.
RATELIMIT_IP_META_KEY = os.environ.get("CLIENT_IP_HEADER") or None


# --- Security: HTTPS, the proxy, Content-Security-Policy, Permissions-Policy, sessions ------
# README, "Security settings". With DEBUG off the register assumes HTTPS: `manage.py check
# --deploy` with the environment documented there reports no issues. Development (DEBUG on,
# plain http on 127.0.0.1) gets none of it unless asked for; the tests turn it off
# (tests/settings.py).

# HTTPS=true (the default with DEBUG off): plain http is redirected to https, cookies go over
# https only, and browsers are told (HSTS) to use nothing else for SECURE_HSTS_SECONDS.
HTTPS = envbool("HTTPS", "false" if DEBUG else "true")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(HTTPS))
# The proxy's health check may ask over plain http, from inside (safety_partnership/health.py).
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", str(HTTPS))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# A year; start lower (e.g. 3600) on a first deployment, since a browser that has seen the
# header refuses plain http for that long.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
# Also the host names under the register's own (register.example.se): on by default.
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
# Preloading (browsers ship the name as https-only) is applied for by whoever owns the whole
# domain (the municipality's), at hstspreload.org, and is hard to undo: off unless chosen.
# While it is off, check --deploy's reminder to turn it on (security.W021) is silenced.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS += ["security.W021"]
# Behind a reverse proxy that ends TLS (nginx), the request reaches gunicorn as plain http;
# the proxy says it came over https in X-Forwarded-Proto. Set TRUST_X_FORWARDED_PROTO only
# when the proxy always sets that header itself (`proxy_set_header X-Forwarded-Proto
# $scheme;`, overwriting a client's) and nothing but the proxy reaches gunicorn.
if envbool("TRUST_X_FORWARDED_PROTO", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the register
# itself only, no inline script or style (htmx is told not to add its own: the htmx-config
# meta tag in templates/base.html), no plugins, no framing, forms post to the register only.
# `data:` images: the empty favicon of the pages (<link rel="icon" href="data:,">).
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy (security.PermissionsPolicyMiddleware): every browser feature below is
# off for the register's pages and anything they might embed; none of them is used.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "safety_partnership.security.PermissionsPolicyMiddleware",
)

# Sessions: a login lasts SESSION_IDLE_MINUTES after its latest request (sliding, kept on
# the server; security.IdleSessionMiddleware moves the end on), and a signatory's ends as
# well when the browser closes (security.session_at_login).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("SESSION_IDLE_MINUTES must be at least 1")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# A request moves the end on when it was last moved this long ago, not on every request.
SESSION_IDLE_REFRESH_SECONDS = 60
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "safety_partnership.security.IdleSessionMiddleware",
)

# --- Login protection ----------------------------------------------------------------------
# Failed logins (django-axes), password-reset requests and signing passwords are throttled,
# and an organisation may require a second factor (TOTP, django-otp) of its signatories.
# safety_partnership/logins.py and signing/confirmation.py use these values.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
# Axes' middleware turns a locked-out login into its page; it goes last.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After LOGIN_FAILURE_LIMIT failed logins of one user name from one address, that pair waits
# LOGIN_COOLOFF_MINUTES (counted from the latest failure); `manage.py axes_reset` unlocks.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safety_partnership.logins.locked_out"
AXES_CLIENT_IP_CALLABLE = "safety_partnership.logins.client_ip"
# Wrong signing passwords (or codes) of one user: after SIGNING_FAILURE_LIMIT, signing is
# refused for SIGNING_COOLOFF_MINUTES from the latest failure, even with the right password.
SIGNING_FAILURE_LIMIT = int(os.environ.get("SIGNING_FAILURE_LIMIT", "5"))
SIGNING_COOLOFF = timedelta(minutes=int(os.environ.get("SIGNING_COOLOFF_MINUTES", "15")))
# Password-reset e-mails asked for, per client address and per e-mail address.
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "5/h")
# The authenticator app shows this as the account's issuer.
OTP_TOTP_ISSUER = "Trygghetsregistret"
# Wrong codes are counted with wrong passwords (SIGNING_FAILURE_LIMIT); django-otp's own delay
# after each wrong code would refuse a right code typed quickly after, saying it was wrong.
OTP_TOTP_THROTTLE_FACTOR = 0
# --- Logging (observability) --------------------------------------------------------------
# One JSON object per line on stderr, which gunicorn, systemd or a container collect as they
# are: every request that ends in an error (django.request, with path, user id and status),
# and the register's own events (safety_partnership/observability.py names them). ADMINS,
# e.g. "drift@kommun.se,it@kommun.se", are e-mailed each server error besides.
ADMINS = [(address, address) for address in envlist("ADMINS", "")]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"json": {"()": "safety_partnership.observability.JsonFormatter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    # Every logger reaches the one handler on stderr through the root (and pytest's caplog).
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": [], "level": "WARNING"},
        "django.request": {"handlers": ["mail_admins"], "level": "WARNING"},
        "register": {"handlers": [], "level": LOG_LEVEL},
    },
}
# --- end of logging ------------------------------------------------------------------------

# --- Request guards (safety_partnership/readonly.py, input_guard.py) -----------------------
# A write refused by a read-only database gets a Swedish page (503), not a server error, and
# a session that cannot be saved leaves reading pages working. A NUL character in a query or
# a form is answered 400 before a view hands it to the database.
MIDDLEWARE = [
    "safety_partnership.readonly.ReadOnlyTolerantSessionMiddleware"
    if name == "django.contrib.sessions.middleware.SessionMiddleware"
    else name
    for name in MIDDLEWARE
] + [
    "safety_partnership.input_guard.NulCharacterMiddleware",
    "safety_partnership.readonly.ReadOnlyDatabaseMiddleware",
]
# --- end of request guards -----------------------------------------------------------------
