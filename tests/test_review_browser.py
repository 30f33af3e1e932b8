"""`stance review` in a real browser: Debian's headless Chromium, driven by Playwright,
works five comments of a real `stance review` process with the keyboard only, then the
labels and decisions files are checked. A screenshot is saved in the test's folder (and,
with REVIEW_SCREENSHOT=PATH, copied there: how docs/review.png is made).

Skipped, with the reason, only where no Chromium is installed (.ci/run installs it)."""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

import pandas as pd
import pytest

from stance.labels import read_labels
from test_review import ABUSE, FORMULA, JOKE, XSS, start_server, write_scored

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(),
    reason=f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)",
)


@pytest.fixture
def browser_page(tmp_path):
    from playwright import sync_api  # the dev extra's: a missing one fails, never skips

    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a fresh user-data-dir
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1100, "height": 620},
        )
        # generous waits: the machine may be busy (they bound a hang; nothing is timed)
        context.set_default_timeout(30_000)
        sync_api.expect.set_options(timeout=30_000)
        try:
            page = context.new_page()
            page.dialogs = []  # any alert() would land here
            page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
            yield page, sync_api.expect
        finally:
            context.close()


def test_five_comments_worked_with_the_keyboard(repo_root, tmp_path, browser_page) -> None:
    page, expect = browser_page
    scored = write_scored(tmp_path / "scored.csv")
    args = (str(scored), "--labels", "mine.csv", "--decisions", "decisions.csv")
    proc, url = start_server(repo_root, tmp_path, *args)
    try:
        page.goto(url)
        expect(page.locator("body")).to_have_attribute("data-ready", "true")
        count, text = page.locator("#count"), page.locator("#text")
        expect(count).to_have_text("0 / 6 decided")

        def work(expected_text: str, keys: str, done: int) -> None:
            expect(text).to_have_text(expected_text)
            for key in keys:
                page.keyboard.press(key)
            expect(count).to_have_text(f"{done} / 6 decided")

        # 1. a formula, shown as it is: stance none, tone civil, approve
        work(FORMULA, "34a", 1)
        # 2. markup is text: nothing runs, the tags are on screen
        expect(text).to_have_text(XSS)
        assert page.locator("#text script").count() == 0
        assert page.locator("#context dd").all_text_contents() == ["c3", "3", "<b>bold</b>"]
        work(XSS, "35r", 2)
        # 3. the spans are highlighted; the target, article and author are shown
        expect(text).to_have_text(JOKE)
        assert page.locator("#text mark").all_text_contents() == ["joke", "Pathetic"]
        assert "Phnom Penh city hall" in page.locator("#context").inner_text()
        page.keyboard.press("2")
        page.keyboard.press("5")
        expect(page.locator("button.label.on")).to_have_text(["2 against", "5 uncivil"])
        page.screenshot(path=str(tmp_path / "review.png"))
        if os.environ.get("REVIEW_SCREENSHOT"):
            shutil.copy(tmp_path / "review.png", os.environ["REVIEW_SCREENSHOT"])
        page.keyboard.press("r")
        expect(count).to_have_text("3 / 6 decided")
        # 4. skipped: it comes back at the end
        expect(text).to_have_text(re.compile("^Rice prices"))
        page.keyboard.press("s")
        expect(page.locator("#totals .skip .n")).to_have_text("1")
        # 5. rejected, undone (the labels come back with it), rejected again
        work(ABUSE, "26r", 4)
        expect(text).to_have_text(re.compile("^The new ring road"))
        page.keyboard.press("z")
        expect(count).to_have_text("3 / 6 decided")
        expect(text).to_have_text(ABUSE)
        expect(page.locator("button.label.on")).to_have_text(["2 against", "6 abusive"])
        page.keyboard.press("r")
        expect(count).to_have_text("4 / 6 decided")
        # the order switches with a key: file order now, then the skipped one comes back
        page.keyboard.press("o")
        expect(page.locator("#order")).to_have_value("uncertainty")
        page.keyboard.press("o")
        expect(page.locator("#order")).to_have_value("file")
        work("The new ring road cut my commute in half. Credit where it is due.", "14a", 5)
        work("Rice prices went up again and nobody in the ministry seems to care.", "3a", 6)
        expect(page.locator("#finished")).to_be_visible()
        # a reload shows the same place: everything decided
        page.reload()
        expect(page.locator("#count")).to_have_text("6 / 6 decided")
        assert page.dialogs == []
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode == 0  # Ctrl-C is how a review ends
    assert proc.stderr.read().splitlines()[-1] == (
        "stance: review stopped: 3 approved, 3 rejected, 0 skipped, 0 open"
    )
    assert (tmp_path / "review.png").stat().st_size > 10_000

    labels = read_labels(tmp_path / "mine.csv")
    assert labels[["id", "stance", "tone"]].values.tolist() == [
        ["c4", "none", "civil"],
        ["c3", "none", "uncivil"],
        ["c6", "against", "uncivil"],
        ["c2", "against", "abusive"],
        ["c1", "favor", "civil"],
        ["c5", "none", ""],
    ]
    assert labels.loc[2, "target"] == "Phnom Penh city hall"
    assert labels.loc[1, "text"] == XSS
    assert (tmp_path / "mine.csv").read_text().splitlines()[1].startswith("c4,\"'=HYPERLINK(")
    decisions = pd.read_csv(tmp_path / "decisions.csv", dtype=str, keep_default_na=False)
    assert decisions[["id", "action"]].values.tolist() == [
        ["c4", "approve"],
        ["c3", "reject"],
        ["c6", "reject"],
        ["c5", "skip"],
        ["c2", "reject"],
        ["c1", "approve"],
        ["c5", "approve"],
    ]
    assert decisions["decided_at"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()
