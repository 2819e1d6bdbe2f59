"""Fixtures for the wire tests: a stratus server, boto3 clients (SQS, S3), the AWS CLI.

Targets, in order of precedence:
  --aws                      real AWS (credentials and region from the usual AWS env/config)
  --endpoint URL / STRATUS_ENDPOINT=URL   any running endpoint (stratus, moto_server, ...)
  (default)                  starts `stratus serve` ($STRATUS_BIN or build/release/stratus)
                             on a free 127.0.0.1 port with a temporary data dir

The same tests run under both boto3 protocols: Debian's boto3 1.26 speaks the
query (form/XML) protocol, newer boto3 speaks JSON 1.0. The `protocol` fixture
says which one this interpreter's client uses.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

import boto3
import botocore
import pytest
from botocore.config import Config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import s3_calls  # noqa: E402
import signed_request  # noqa: E402
from queue_names import unique_name  # noqa: E402
from stratus_process import StratusProcess, fetch_health  # noqa: E402

REGION = "us-east-1"
ACCESS_KEY = "x"
SECRET_KEY = "x"


def pytest_addoption(parser):
    parser.addoption("--endpoint", default=None,
                     help="run against this endpoint instead of starting stratus "
                          "(also env STRATUS_ENDPOINT)")
    parser.addoption("--aws", action="store_true", default=False,
                     help="run against real AWS with the usual AWS credentials")


def pytest_configure(config):
    config.addinivalue_line("markers", "stratus_only: checks a stratus-specific endpoint")
    config.addinivalue_line("markers", "moto_gap(reason): AWS behaviour moto_server lacks; "
                                       "xfail (not strict) when the endpoint is moto_server")
    config.addinivalue_line("markers", "slow: large or long tests; skipped unless "
                                       "STRATUS_SLOW_TESTS=1")


def _given_endpoint(config):
    if config.getoption("--aws"):
        return None
    given = config.getoption("--endpoint") or os.environ.get("STRATUS_ENDPOINT")
    return given.rstrip("/") if given else None


def _is_moto(endpoint):
    # /moto-api/data.json answers 500 once moto holds some S3 state; the dashboard does not.
    for path, marker in (("/moto-api/data.json", b""), ("/moto-api/", b"<title>Moto</title>")):
        try:
            with urllib.request.urlopen(endpoint + path, timeout=2) as r:
                if r.status == 200 and marker in r.read(4096):
                    return True
        except (OSError, ValueError):
            pass
    return False


def _is_stratus(endpoint):
    try:
        return fetch_health(endpoint)[0] == 200
    except (OSError, ValueError):
        return False


def pytest_collection_modifyitems(config, items):
    given = _given_endpoint(config)
    moto = given is not None and _is_moto(given)
    if config.getoption("--aws"):
        stratus = False
    else:
        stratus = given is None or _is_stratus(given)
    for item in items:
        gap = item.get_closest_marker("moto_gap")
        if moto and gap is not None:
            reason = gap.args[0] if gap.args else "moto_server lacks this AWS behaviour"
            item.add_marker(pytest.mark.xfail(reason=f"moto gap: {reason}", strict=False))
        if not stratus and item.get_closest_marker("stratus_only") is not None:
            item.add_marker(pytest.mark.skip(reason="stratus-specific; endpoint is not stratus"))
        if item.get_closest_marker("slow") is not None and \
                os.environ.get("STRATUS_SLOW_TESTS") != "1":
            item.add_marker(pytest.mark.skip(reason="slow; set STRATUS_SLOW_TESTS=1"))


def pytest_report_header(config):
    return (f"boto3 {boto3.__version__}, botocore {botocore.__version__}, "
            f"python {sys.version.split()[0]} ({sys.executable})")


@pytest.fixture(scope="session")
def target(request):
    """'aws', 'endpoint' (given) or 'stratus' (started here)."""
    if request.config.getoption("--aws"):
        return "aws"
    if request.config.getoption("--endpoint") or os.environ.get("STRATUS_ENDPOINT"):
        return "endpoint"
    return "stratus"


@pytest.fixture(scope="session")
def endpoint(request, target):
    """Base URL of the server under test, or None for real AWS."""
    if target == "aws":
        yield None
        return
    given = request.config.getoption("--endpoint") or os.environ.get("STRATUS_ENDPOINT")
    if given:
        yield given.rstrip("/")
        return
    tmp = tempfile.mkdtemp(prefix="stratus-wire-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    server.start(timeout=10.0)
    try:
        yield server.endpoint
    finally:
        code = server.stop(grace=5.0)
        if code not in (0, None, -15):
            print(f"\nstratus exited with {code}; log kept at {server.log_path}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _client_kwargs(endpoint, target):
    if target == "aws":
        return {}
    return {"endpoint_url": endpoint, "region_name": REGION,
            "aws_access_key_id": ACCESS_KEY, "aws_secret_access_key": SECRET_KEY}


@pytest.fixture(scope="session")
def sqs(endpoint, target):
    """A boto3 SQS client (no retries, so errors surface as they are)."""
    cfg = Config(retries={"max_attempts": 0}, read_timeout=40, connect_timeout=5)
    return boto3.client("sqs", config=cfg, **_client_kwargs(endpoint, target))


@pytest.fixture(scope="session")
def sqs_unvalidated(endpoint, target):
    """A boto3 SQS client that skips client-side parameter validation."""
    cfg = Config(retries={"max_attempts": 0}, read_timeout=40, connect_timeout=5,
                 parameter_validation=False)
    return boto3.client("sqs", config=cfg, **_client_kwargs(endpoint, target))


@pytest.fixture(scope="session")
def protocol(sqs):
    """'json' or 'query': what this boto3 speaks to SQS."""
    return sqs.meta.service_model.protocol


@pytest.fixture(scope="session")
def account_id(sqs):
    """The account id the server puts in queue URLs and ARNs."""
    name = unique_name("acct")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    try:
        return url.rstrip("/").split("/")[-2]
    finally:
        sqs.delete_queue(QueueUrl=url)


@pytest.fixture
def queue_name(request):
    return unique_name(request.node.name)


class QueueFactory:
    """Creates queues for one test and deletes them afterwards."""

    def __init__(self, client, hint):
        self.client = client
        self.hint = hint
        self.urls = []

    def __call__(self, name=None, fifo=False, attributes=None, tags=None):
        attributes = dict(attributes or {})
        if fifo:
            attributes.setdefault("FifoQueue", "true")
        name = name or unique_name(self.hint, ".fifo" if fifo else "")
        kwargs = {"QueueName": name, "Attributes": attributes}
        if tags:
            kwargs["tags"] = tags
        url = self.client.create_queue(**kwargs)["QueueUrl"]
        self.urls.append(url)
        return url

    def cleanup(self):
        for url in self.urls:
            try:
                self.client.delete_queue(QueueUrl=url)
            except botocore.exceptions.ClientError:
                pass


@pytest.fixture
def make_queue(sqs, request):
    """make_queue(name=None, fifo=False, attributes=None, tags=None) -> QueueUrl, deleted at teardown."""
    factory = QueueFactory(sqs, request.node.name)
    yield factory
    factory.cleanup()


@pytest.fixture
def queue(make_queue):
    """A fresh standard queue's URL."""
    return make_queue()


@pytest.fixture
def fifo_queue(make_queue):
    """A fresh FIFO queue's URL."""
    return make_queue(fifo=True)


class RawSqs:
    """Signed hand-built SQS requests (see signed_request.py) bound to the endpoint under test."""

    def __init__(self, endpoint, target):
        self.endpoint = endpoint or f"https://sqs.{REGION}.amazonaws.com"
        if target == "aws":
            creds = boto3.session.Session().get_credentials().get_frozen_credentials()
            self.keys = {"access_key": creds.access_key, "secret_key": creds.secret_key}
        else:
            self.keys = {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY}

    def json(self, target, body, **kwargs):
        return signed_request.json_call(self.endpoint, target, body, **self.keys, **kwargs)

    def query(self, params, path="/", **kwargs):
        return signed_request.query_call(self.endpoint, params, path=path, **self.keys, **kwargs)

    def send(self, body=b"", headers=None, **kwargs):
        return signed_request.send(self.endpoint, body, headers, **self.keys, **kwargs)


@pytest.fixture(scope="session")
def raw_sqs(endpoint, target):
    return RawSqs(endpoint, target)


# --------------------------------------------------------------------------
# The AWS CLI.


class AwsCli:
    """Runs `aws [--endpoint-url E] sqs ...` and returns parsed JSON output."""

    def __init__(self, endpoint, target):
        self.endpoint = endpoint
        self.program = os.environ.get("STRATUS_AWS_CLI", "aws")
        self.env = dict(os.environ)
        if target != "aws":
            self.env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                             "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION})
            self.env.pop("AWS_PROFILE", None)
        self.env["AWS_PAGER"] = ""
        self.env["AWS_RETRY_MODE"] = "standard"
        self.env["AWS_MAX_ATTEMPTS"] = "1"

    def run_raw(self, *args, timeout=60):
        argv = [self.program]
        if self.endpoint:
            argv += ["--endpoint-url", self.endpoint]
        argv += ["--output", "json", *args]
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=timeout)

    def __call__(self, *args, timeout=60):
        p = self.run_raw(*args, timeout=timeout)
        assert p.returncode == 0, f"aws {' '.join(args)} exited {p.returncode}: {p.stderr}"
        out = p.stdout.strip()
        return json.loads(out) if out else None


@pytest.fixture(scope="session")
def aws_cli(endpoint, target):
    cli = AwsCli(endpoint, target)
    if shutil.which(cli.program) is None:
        pytest.skip(f"AWS CLI '{cli.program}' not found (set STRATUS_AWS_CLI)")
    return cli


# --------------------------------------------------------------------------
# S3.


def _s3_config(addressing_style="path", **extra):
    settings = {"retries": {"max_attempts": 0}, "read_timeout": 60, "connect_timeout": 5,
                "s3": {"addressing_style": addressing_style}}
    settings.update(extra)
    return Config(**settings)


def _localhost_endpoint(endpoint):
    """http://127.0.0.1:PORT -> http://localhost:PORT, so BUCKET.localhost:PORT is the bucket's host."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.hostname in ("127.0.0.1", "::1", "localhost"):
        return f"{parts.scheme}://localhost:{parts.port}"
    return endpoint


@pytest.fixture(scope="session")
def s3_region(target):
    """The region the S3 clients sign for (the usual AWS config's against real AWS)."""
    if target == "aws":
        return boto3.session.Session().region_name or REGION
    return REGION


class S3ClientFactory:
    """make_s3_client(region=None, addressing_style="path", **config) -> a boto3 S3 client."""

    def __init__(self, endpoint, target):
        self.endpoint = endpoint
        self.target = target

    def __call__(self, region=None, addressing_style="path", **config):
        kwargs = _client_kwargs(self.endpoint, self.target)
        if region is not None:
            kwargs["region_name"] = region
        if addressing_style == "virtual" and self.endpoint:
            s3_calls.resolve_localhost_subdomains()
            kwargs["endpoint_url"] = _localhost_endpoint(self.endpoint)
        return boto3.client("s3", config=_s3_config(addressing_style, **config), **kwargs)


@pytest.fixture(scope="session")
def make_s3_client(endpoint, target):
    return S3ClientFactory(endpoint, target)


@pytest.fixture(scope="session")
def s3(make_s3_client):
    """A boto3 S3 client with path-style addressing (http://host:port/BUCKET/KEY), no retries."""
    return make_s3_client()


@pytest.fixture(scope="session")
def s3_virtual(make_s3_client):
    """A boto3 S3 client with virtual-hosted addressing (http://BUCKET.localhost:port/KEY)."""
    return make_s3_client(addressing_style="virtual")


@pytest.fixture(scope="session")
def s3_unvalidated(make_s3_client):
    """A path-style S3 client that skips client-side parameter validation."""
    return make_s3_client(parameter_validation=False)


class BucketFactory:
    """Creates buckets for one test; empties (versions, delete markers, uploads) and deletes them."""

    def __init__(self, client, hint, region):
        self.client = client
        self.hint = hint
        self.region = region
        self.created = []  # (client, name)

    def __call__(self, name=None, versioning=False, client=None, **kwargs):
        client = client or self.client
        name = name or s3_calls.unique_bucket_name(self.hint)
        region = client.meta.region_name
        if region != "us-east-1" and "CreateBucketConfiguration" not in kwargs:
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": region}
        client.create_bucket(Bucket=name, **kwargs)
        self.created.append((client, name))
        if versioning:
            client.put_bucket_versioning(Bucket=name,
                                         VersioningConfiguration={"Status": "Enabled"})
        return name

    def cleanup(self):
        for client, name in reversed(self.created):
            try:
                s3_calls.delete_bucket_fully(client, name)
            except botocore.exceptions.ClientError as e:
                print(f"cleanup of bucket {name} failed: {e}")


@pytest.fixture
def make_bucket(s3, s3_region, request):
    """make_bucket(name=None, versioning=False, client=None, **create_kwargs) -> bucket name.

    Buckets are emptied (every version, delete marker and multipart upload) and
    deleted at teardown.
    """
    factory = BucketFactory(s3, request.node.name, s3_region)
    yield factory
    factory.cleanup()


@pytest.fixture
def bucket(make_bucket):
    """A fresh, empty, unversioned bucket's name."""
    return make_bucket()


@pytest.fixture
def versioned_bucket(make_bucket):
    """A fresh bucket with versioning Enabled."""
    return make_bucket(versioning=True)


@pytest.fixture(scope="session")
def raw_s3(endpoint, target, s3_region):
    """Signed hand-built S3 requests (s3_calls.RawS3), path-style against the endpoint."""
    if target == "aws":
        creds = boto3.session.Session().get_credentials().get_frozen_credentials()
        keys = {"access_key": creds.access_key, "secret_key": creds.secret_key}
        base = f"https://s3.{s3_region}.amazonaws.com"
    else:
        keys = {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY}
        base = endpoint
    return s3_calls.RawS3(base, keys, s3_region)


class S3Cli(AwsCli):
    """One AWS CLI program for the S3 tests: `s3 ...` text commands and `s3api ...` JSON ones."""

    def __init__(self, endpoint, target, program):
        super().__init__(endpoint, target)
        self.program = program

    def s3(self, *args, timeout=120):
        """Runs `aws s3 ARGS`, asserts it succeeded and returns its stdout."""
        p = self.run_raw("s3", *args, timeout=timeout)
        assert p.returncode == 0, f"{self.program} s3 {' '.join(args)} exited {p.returncode}: " \
                                  f"{p.stderr}"
        return p.stdout


def _cli_programs():
    """$STRATUS_AWS_CLI if set, else both the CLI on PATH and Debian's /usr/bin/aws."""
    given = os.environ.get("STRATUS_AWS_CLI")
    if given:
        return [given]
    programs = []
    for program in ("aws", "/usr/bin/aws"):
        path = shutil.which(program)
        if path and os.path.realpath(path) not in {os.path.realpath(shutil.which(p))
                                                    for p in programs}:
            programs.append(program)
    return programs or ["aws"]


@pytest.fixture(scope="session", params=_cli_programs())
def s3_cli(request, endpoint, target):
    """Each AWS CLI to test (the v1 on PATH and /usr/bin/aws v2, or $STRATUS_AWS_CLI)."""
    cli = S3Cli(endpoint, target, request.param)
    if shutil.which(cli.program) is None:
        pytest.skip(f"AWS CLI '{cli.program}' not found (set STRATUS_AWS_CLI)")
    return cli
