"""kill -9 the server while 4 clients PUT, replace and delete console dashboards
(PUT/DELETE /_stratus/dashboards/<id>); after a restart every acknowledged dashboard is there
whole, with its last acknowledged content, and every acknowledged delete stays deleted.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k console
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import json
import urllib.error
import urllib.request

import pytest

from kill9_driver import writers_survive_kill9


def _chart(n):
    return {"title": f"chart {n}", "database": "mydatabase",
            "query": f"SELECT dt, user_id, total_cost_usd FROM mydatabase.user_transactions -- {n}",
            "spec": {"kind": "bar", "dimension": "dt", "metric": "total_cost_usd",
                     "split": "user_id"}}


def _body(dashboard_id, version):
    return {"name": f"{dashboard_id} v{version}",
            "charts": [_chart(version * 10 + i) for i in range(1 + version % 3)]}


def _request(endpoint, method, dashboard_id, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{endpoint}/_stratus/dashboards/{dashboard_id}", data=data,
                                     method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def _work(endpoint, client_number, acked, stop):
    """Puts dashboards, replaces every one once and deletes every third, until `stop`."""
    i = 0
    while not stop.is_set():
        dashboard_id = f"c{client_number}-d{i}"
        try:
            _request(endpoint, "PUT", dashboard_id, _body(dashboard_id, 0))
            acked["put"].add((dashboard_id, 0))
            _request(endpoint, "PUT", dashboard_id, _body(dashboard_id, 1))
            acked["put"].add((dashboard_id, 1))
            if i % 3 == 2:
                status, _ = _request(endpoint, "DELETE", dashboard_id)
                assert status == 204
                acked["deleted"].add(dashboard_id)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return  # The server died under us; whatever was not acknowledged is unknown.
        i += 1


def _verify(endpoint, acked, _prepared, seed):
    with urllib.request.urlopen(f"{endpoint}/_stratus/dashboards", timeout=10) as response:
        listed = {d["id"]: d for d in json.loads(response.read())["dashboards"]}
    latest = {}
    for dashboard_id, version in acked["put"]:
        latest[dashboard_id] = max(version, latest.get(dashboard_id, -1))
    for dashboard_id, version in sorted(latest.items()):
        if dashboard_id in acked["deleted"]:
            assert dashboard_id not in listed, f"seed {seed}: deleted {dashboard_id} came back"
            continue
        if dashboard_id not in listed and version == 1 and int(dashboard_id.rsplit("d", 1)[1]) % 3 == 2:
            continue  # Its DELETE was sent; the kill cut off only the answer.
        assert dashboard_id in listed, f"seed {seed}: acknowledged {dashboard_id} lost"
        _, raw = _request(endpoint, "GET", dashboard_id)
        got = json.loads(raw)
        # The last acknowledged version, or a later one whose answer the kill cut off.
        expected = [_body(dashboard_id, v) for v in (version, version + 1) if v <= 1]
        assert {"name": got["name"], "charts": got["charts"]} in expected, (seed, dashboard_id, got)
        assert got["created"] <= got["updated"], (seed, got)
    for dashboard_id, summary in listed.items():  # Acknowledged or not: whole.
        _, raw = _request(endpoint, "GET", dashboard_id)
        got = json.loads(raw)
        assert summary["num_charts"] == len(got["charts"]), (seed, dashboard_id)
        assert got["name"].startswith(dashboard_id + " v"), (seed, got)
    return (f"{len(acked['put'])} puts and {len(acked['deleted'])} deletes acknowledged; "
            f"{len(listed)} dashboards after restart")


@pytest.mark.durability
def test_acknowledged_dashboards_survive_kill9():
    writers_survive_kill9("console", ["put", "deleted"], _work, _verify)
