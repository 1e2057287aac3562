"""Issue #17, item 1: every query the plugin runs is bounded. A hostile search is refused or
stopped with a clear Vietnamese message (never a 500), it cannot keep the home page from
answering, and `vanban serve` still stops on SIGTERM while it runs."""
from __future__ import annotations

import asyncio
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import serving
from pipeline.publish import datasette_for
from pipeline.publish.limits import QueryTimedOut, deadline_for, plugin_slot, run_bounded
from pipeline.publish.search import (
    MAX_QUERY_CHARS, MAX_QUERY_WORDS, check_query, exact_fts_query, phrase_query, query_words,
)
from pipeline.store import fts_query
from test_publish import demo_db

WORST = "1/" * 2000                    # the probe's query: 4,000 characters
HOME_BAR_S = 1.0                       # the bound on the home page under attack
SIGTERM_BAR_S = 8.0                    # "within a few seconds" (serve's grace is 5 s)
TOO_LONG = "dài quá"
TOO_MANY = "quá 24 từ"
# A statement that never ends by itself: only the time limit stops it.
ENDLESS = ("with recursive c(x) as (select 1 union all select x + 1 from c) "
           "select count(*) from (select x from c limit 1000000000000)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_db(tmp_path_factory)


def search(db, query: str, exact: bool = False):
    url = "/-/vanban/search?" + urllib.parse.urlencode({"q": query, **({"exact": "1"} if exact else {})})

    async def fetch():
        return await datasette_for(db, immutable=True).client.get(url)
    return asyncio.run(fetch())


# query, expected status, text the page must show (None: an ordinary result page)
HOSTILE = [
    (WORST, 400, TOO_LONG),
    (("1/" * 65 + "ab ") * 2, 400, TOO_LONG),                      # 266 characters
    ("giải ngân " * 26, 400, TOO_LONG),                            # 260, marks and spaces
    ("x" * 4000, 400, TOO_LONG),                                   # one very long token
    ("x" * MAX_QUERY_CHARS, 200, None),                            # the longest allowed token
    (" ".join(f"w{i}" for i in range(30)), 400, TOO_MANY),         # 30 words in 119 characters
    (" ".join(f"w{i}" for i in range(MAX_QUERY_WORDS)), 200, None),
    ("1/" * 100, 200, None),                                       # 200 characters, one word
    ("NEAR(giai ngan, 5)", 200, None),
    ('"giai ngan', 200, None),
    ('""""""""""', 200, None),
    ("giai*", 200, None),
    ("^giai ngan", 200, None),
    ("-giai ngan", 200, None),
    ("giai OR ngan OR " * 6 + "von", 200, None),
    ("giai\x00ngan", 200, None),
    ("\x00" * 150, 200, None),
    ("{documents_fts} : giai", 200, None),
]


@pytest.mark.parametrize("query,status,text", HOSTILE, ids=[f"{i}-{q[:12]!r}" for i, (q, _, _) in enumerate(HOSTILE)])
def test_hostile_query_gets_a_clear_answer(demo, query, status, text):
    started = time.monotonic()
    response = search(demo, query)
    assert time.monotonic() - started < 5
    assert response.status_code == status, response.text[:500]
    page = response.text
    assert "Traceback" not in page and "Expression tree" not in page
    assert f'maxlength="{MAX_QUERY_CHARS}"' in page
    assert f"Tối đa {MAX_QUERY_CHARS} ký tự" in page
    if text:
        assert 'class="vanban-error"' in page and text in page
    else:
        assert 'class="vanban-error"' not in page


def test_exact_search_has_the_same_bounds(demo):
    assert search(demo, WORST, exact=True).status_code == 400
    response = search(demo, "NEAR(giải ngân) \"OR", exact=True)
    assert response.status_code == 200 and "Tìm đúng dấu" in response.text


@pytest.mark.parametrize("name", ["search_folded", "search_exact"])
def test_canned_searches_keep_24_words(demo, name):
    """The canned searches run under Datasette's own limit; their SQL functions keep the first
    24 distinct words, so the probe's query answers at once instead of running 12 s."""
    async def fetch():
        ds = datasette_for(demo, immutable=True)
        return await ds.client.get(f"/vanban/{name}.json?_shape=array&" + urllib.parse.urlencode({"q": WORST}))
    started = time.monotonic()
    response = asyncio.run(fetch())
    assert response.status_code == 200 and time.monotonic() - started < 3


def test_fts_syntax_is_quoted_and_words_are_distinct():
    assert phrase_query(query_words('NEAR(a b) "c* OR a')) == '"near" "a" "b" "c" "or"'
    assert phrase_query([]) == '""'
    assert exact_fts_query(" ".join(f"w{i}" for i in range(40))).count('"') == 2 * MAX_QUERY_WORDS
    assert fts_query("Đầu tư " * 100) == '"dau" "tu"'
    check_query("1/" * 100)                       # one distinct word, within 200 characters


def test_a_slow_plugin_query_stops_at_the_time_limit(demo):
    ds = datasette_for(demo, immutable=True)

    async def run():
        started = time.monotonic()
        with pytest.raises(QueryTimedOut) as refused:
            async with plugin_slot(ds, deadline_for(ds)):
                await run_bounded(ds, ds.get_database("vanban"), lambda conn: conn.execute(ENDLESS).fetchall())
        return time.monotonic() - started, refused.value.message
    took, message = asyncio.run(run())
    assert took < 2.5
    assert "quá 1 giây" in message


def test_slow_plugin_queries_leave_a_thread_for_the_home_page(demo):
    """Three plugin queries that would never end on their own, at once: the gate lets two
    run and stops the third at its deadline; Datasette's home page is answered meanwhile."""
    ds = datasette_for(demo, immutable=True)

    async def slow():
        try:
            async with plugin_slot(ds, deadline_for(ds)):
                await run_bounded(ds, ds.get_database("vanban"), lambda conn: conn.execute(ENDLESS).fetchall())
        except QueryTimedOut:
            return "timed out"
        return "finished"

    async def home():
        await asyncio.sleep(0.1)
        started = time.monotonic()
        response = await ds.client.get("/")
        return response.status_code, time.monotonic() - started

    async def run():
        await ds.client.get("/")          # warm up: counts and templates are cached
        return await asyncio.gather(slow(), slow(), slow(), home())
    *outcomes, (status, took) = asyncio.run(run())
    assert outcomes == ["timed out"] * 3
    print("home page beside three endless plugin queries:", round(took, 3), "s")
    assert status == 200 and took < HOME_BAR_S, took


@pytest.fixture
def server(demo, tmp_path):
    with serving(demo, tmp_path / "serve.log") as (url, process):
        yield url, process


def status_of(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:              # the server went away (after SIGTERM)
        return type(error).__name__


def test_server_answers_and_stops_under_attack(server):
    """Three threads keep firing the worst searches (the probe's 4,000 characters and the
    longest query allowed); the home page answers each time in under a second, and SIGTERM
    stops the server within a few seconds while they still fire."""
    url, process = server
    stop = threading.Event()
    statuses: list = []
    attack = [url + "/-/vanban/search?q=" + urllib.parse.quote(WORST),
              url + "/-/vanban/search?q=" + urllib.parse.quote("1/" * 100),
              url + "/-/vanban/search?exact=1&q=" + urllib.parse.quote("1/" * 100)]

    def fire(target: str):
        while not stop.is_set():
            statuses.append(status_of(target))

    threads = [threading.Thread(target=fire, args=(target,), daemon=True) for target in attack]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.3)
        timings = []
        for _ in range(5):
            started = time.monotonic()
            assert status_of(url + "/") == 200
            timings.append(time.monotonic() - started)
        print("home page under attack:", [round(t, 3) for t in timings])
        assert max(timings) < HOME_BAR_S, timings
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=SIGTERM_BAR_S + 2)
        print("stopped after SIGTERM in", round(time.monotonic() - started, 3), "s")
        assert time.monotonic() - started < SIGTERM_BAR_S
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
    answered = [s for s in statuses if isinstance(s, int)]
    assert answered and set(answered) <= {200, 400}, set(statuses)
