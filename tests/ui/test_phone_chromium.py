"""The phone page in a real headless Chromium: join, answer all 20, submit, answers stored;
a Wi-Fi drop and a restart of the server lose nothing and count nobody twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop.collect.http_server import PhoneServer
from workshop.collect.session import CollectSession
from workshop.participants import add_participant, get_participant, list_participants
from workshop.workshops import create_workshop

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PIN = "3579"

pytestmark = [
    pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                       reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)"),
    pytest.mark.slow,
]


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=390,844"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()
    shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


@pytest.fixture
def collecting(db):
    servers: list[PhoneServer] = []

    def start(language: str = "en", anonymous: bool = False):
        w = create_workshop(db, "Acme", "Kick-off", "2025-05-01", language=language)
        people = [add_participant(db, w.id, name, "sales")[0] for name in ("Anna de Wit", "Bram Jansen")]
        server = PhoneServer(CollectSession(db, w.id, anonymous, pin=PIN), "127.0.0.1", 0)
        servers.append(server)
        return w, people, server

    yield start
    for server in servers:
        server.stop()


def wait(driver, condition, timeout: float = 10):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def visible(driver, element_id: str) -> bool:
    return driver.find_element("id", element_id).is_displayed()


def answer_all(driver, scores: list[int]) -> None:
    for number, score in enumerate(scores, start=1):
        wait(driver, lambda d, n=number: visible(d, "screen-question")
             and d.find_element("id", "q-count").text.startswith(f"{n} "))
        driver.find_element("css selector", f"#q-scale button[data-value='{score}']").click()
    wait(driver, lambda d: visible(d, "screen-review"))


def test_a_participant_scores_all_20_on_a_phone(db, browser, collecting):
    w, (anna, _), server = collecting("en")
    browser.get(server.url)
    wait(browser, lambda d: visible(d, "screen-join"))
    assert browser.find_element("id", "join-title").text.lower() == "kick-off"
    from selenium.webdriver.support.ui import Select

    assert not visible(browser, "join-named")  # no names before the PIN
    browser.find_element("id", "join-pin").send_keys("0000")
    browser.find_element("id", "join-go").click()
    wait(browser, lambda d: visible(d, "join-error"))
    assert "not right" in browser.find_element("id", "join-error").text
    assert not visible(browser, "join-named")
    browser.find_element("id", "join-pin").clear()
    browser.find_element("id", "join-pin").send_keys(PIN)
    browser.find_element("id", "join-go").click()
    wait(browser, lambda d: visible(d, "join-named"))
    Select(browser.find_element("id", "join-name")).select_by_visible_text("Anna de Wit")
    browser.find_element("id", "join-go").click()

    scores = [1 + i % 5 for i in range(20)]
    first_text = wait(browser, lambda d: visible(d, "screen-question") and d.find_element("id", "q-text").text)
    assert first_text == "Our actual sales come close to what we forecast."
    labels = [b.text for b in browser.find_elements("css selector", "#q-scale button")]
    assert labels[0].endswith("Strongly disagree") and labels[4].endswith("Strongly agree")
    answer_all(browser, scores)

    # Review, change one answer, submit.
    values = [e.text for e in browser.find_elements("css selector", "#r-list .v")]
    assert values == [str(s) for s in scores]
    browser.find_elements("css selector", "#r-list button")[2].click()
    wait(browser, lambda d: visible(d, "screen-question"))
    browser.find_element("css selector", "#q-scale button[data-value='5']").click()
    wait(browser, lambda d: visible(d, "screen-review"))
    scores[2] = 5
    browser.find_element("id", "r-submit").click()
    wait(browser, lambda d: visible(d, "screen-thanks"))
    wait(browser, lambda d: "Your answers are in" in d.find_element("css selector", "#screen-thanks .lead").text)

    stored = get_participant(db, anna.id).answers
    assert stored == {f"q{i:02d}": s for i, s in enumerate(scores, start=1)}
    assert server.session.status().finished_names == ["Anna de Wit"]


def test_answers_survive_a_wifi_drop_and_a_reload(db, browser, collecting):
    w, people, server = collecting("nl", anonymous=True)
    browser.get(server.url)
    wait(browser, lambda d: visible(d, "screen-join"))
    assert browser.find_element("css selector", "#join-functions button").text == "Sales"
    browser.find_elements("css selector", "#join-functions button")[1].click()  # marketing
    browser.find_element("id", "join-pin").send_keys(PIN)
    browser.find_element("id", "join-go").click()
    wait(browser, lambda d: visible(d, "screen-question"))
    assert browser.find_element("id", "q-text").text.startswith("Onze werkelijke omzet")

    browser.set_network_conditions(offline=True, latency=0, download_throughput=-1, upload_throughput=-1)
    for number in range(1, 6):
        wait(browser, lambda d, n=number: d.find_element("id", "q-count").text.startswith(f"{n} "))
        browser.find_element("css selector", "#q-scale button[data-value='4']").click()
    wait(browser, lambda d: d.find_element("id", "q-count").text.startswith("6 "))
    assert not [p for p in list_participants(db, w.id) if p.name is None]  # nothing arrived
    wait(browser, lambda d: "Nog niet verstuurd" in d.find_element("id", "q-sync").text, timeout=15)
    browser.refresh()  # the page is cached nowhere, but the answers are kept on the phone
    browser.delete_network_conditions()
    browser.get(server.url)
    wait(browser, lambda d: visible(d, "screen-question") and d.find_element("id", "q-count").text.startswith("6 "))
    wait(browser, lambda d: "Opgeslagen" in d.find_element("id", "q-sync").text, timeout=15)
    anonymous = [p for p in list_participants(db, w.id) if p.name is None]
    assert len(anonymous) == 1 and anonymous[0].function == "marketing"
    assert anonymous[0].answers == {f"q{i:02d}": 4 for i in range(1, 6)}


def test_a_server_restart_counts_nobody_twice(db, browser, collecting):
    w, people, server = collecting("en", anonymous=True)
    port = server.port
    browser.get(server.url)
    wait(browser, lambda d: visible(d, "screen-join"))
    browser.find_elements("css selector", "#join-functions button")[0].click()  # sales
    browser.find_element("id", "join-pin").send_keys(PIN)
    browser.find_element("id", "join-go").click()
    scores = [1 + (i * 3) % 5 for i in range(20)]
    for number in range(1, 8):
        wait(browser, lambda d, n=number: visible(d, "screen-question")
             and d.find_element("id", "q-count").text.startswith(f"{n} "))
        browser.find_element("css selector", f"#q-scale button[data-value='{scores[number - 1]}']").click()
    wait(browser, lambda d: "Saved" in d.find_element("id", "q-sync").text)

    server.stop()  # the laptop's server goes away; the phone keeps answering
    for number in range(8, 12):
        wait(browser, lambda d, n=number: d.find_element("id", "q-count").text.startswith(f"{n} "))
        browser.find_element("css selector", f"#q-scale button[data-value='{scores[number - 1]}']").click()
    wait(browser, lambda d: "Not sent yet" in d.find_element("id", "q-sync").text, timeout=15)

    again = PhoneServer(CollectSession(db, w.id, True), "127.0.0.1", port)  # same workshop, same link
    try:
        assert again.url == server.url and again.session.pin == PIN
        browser.refresh()  # as if the participant reopened the page
        wait(browser, lambda d: visible(d, "screen-question")
             and d.find_element("id", "q-count").text.startswith("12 "), timeout=20)
        for number in range(12, 21):
            wait(browser, lambda d, n=number: d.find_element("id", "q-count").text.startswith(f"{n} "))
            browser.find_element("css selector", f"#q-scale button[data-value='{scores[number - 1]}']").click()
        wait(browser, lambda d: visible(d, "screen-review"))
        browser.find_element("id", "r-submit").click()
        wait(browser, lambda d: "Your answers are in" in d.find_element("css selector", "#screen-thanks .lead").text,
             timeout=20)
        anonymous = [p for p in list_participants(db, w.id) if p.name is None]
        assert len(anonymous) == 1 and anonymous[0].function == "sales"
        assert anonymous[0].answers == {f"q{i:02d}": s for i, s in enumerate(scores, start=1)}
        status = again.session.status()
        assert status.joined == 1 and status.finished == 1
    finally:
        again.stop()
