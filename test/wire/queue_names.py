"""Queue names unique to one test run, valid for SQS."""
import uuid


def unique_name(hint="q", suffix=""):
    """A queue name unique to this run: letters, digits, '-' and '_' only, at most 80 chars."""
    clean = "".join(c if c.isalnum() or c in "-_" else "-" for c in hint)
    tail = "-" + uuid.uuid4().hex[:12] + suffix
    return "w-" + clean[: 80 - 2 - len(tail)] + tail
