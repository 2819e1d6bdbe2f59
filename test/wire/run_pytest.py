#!/usr/bin/env python3
"""Runs pytest under whichever python runs this file, even one without pytest installed.

  python3 test/wire/run_pytest.py test/wire [pytest args...]
  /usr/bin/python3 test/wire/run_pytest.py test/wire test/durability

A newer python (e.g. pyenv's, with a newer boto3) may lack pytest while Debian's
python3-pytest is pure Python. Then Debian's dist-packages is *appended* to
sys.path, so that interpreter's own boto3/botocore still win and only the
modules it lacks (pytest, pluggy, iniconfig, ...) come from Debian.
"""
import sys

DEBIAN_DIST_PACKAGES = "/usr/lib/python3/dist-packages"

try:
    import pytest
except ImportError:
    sys.path.append(DEBIAN_DIST_PACKAGES)
    import pytest

if __name__ == "__main__":
    sys.exit(pytest.main(sys.argv[1:]))
