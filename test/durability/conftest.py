"""pytest setup for the durability tests (they start and kill their own stratus)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def pytest_configure(config):
    config.addinivalue_line("markers", "durability: kills the server with SIGKILL and checks "
                                       "that acknowledged state survived (starts its own stratus)")
