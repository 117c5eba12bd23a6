"""The service layer, the JSON API and the pages, in process over a real analysed store."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsprism.cli.app import app as cli
from newsprism.records import Span, TimelineEntry
from newsprism.service import EventSummary, NotFound, Service
from newsprism.store import SQLiteStore
from newsprism.web.app import create_app
from newsprism.web.charts import sparkline, timeline_chart
from newsprism.web.marks import shown_paragraphs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sochi-2020"
HOSTILE = ROOT / "tests" / "e2e" / "hostile"
SOCHI = "st-1ef489989abc"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    for source in (EXAMPLE, HOSTILE):
        done = CliRunner().invoke(cli, ["analyze", str(source), "--db", str(path)])
        assert done.exit_code == 0, done.output
    return path


@pytest.fixture(scope="module")
def service(db: Path) -> Service:
    return Service(SQLiteStore(db))


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_stories_page_through_and_filter(service: Service) -> None:
    every = service.stories()
    assert every.total == 2 and every.pages == 1
    first = service.stories(per_page=1)
    second = service.stories(per_page=1, page=2)
    assert first.pages == 2 and {first.items[0].id, second.items[0].id} == {
        s.id for s in every.items
    }
    assert [s.id for s in service.stories(outlet="TASS").items] == [SOCHI]
    assert [s.id for s in service.stories(query="Peskov").items] == [SOCHI]
    assert service.stories(query="harbour").items[0].id != SOCHI
    # Dated inside the range only: the undated harbour story drops out of any range.
    assert [s.id for s in service.stories(since=dt.date(2020, 11, 1)).items] == [SOCHI]
    assert service.stories(until=dt.date(2020, 1, 1)).total == 0


def test_story_by_prefix_and_event(service: Service) -> None:
    story = service.story("st-1ef4")
    assert story.id == SOCHI and story.storyline is None
    assert set(story.outlets) == {"BNS", "France 24", "Meduza", "TASS", "WNU"}
    event = service.story(story.events[-1].id)
    assert event.storyline is not None and event.storyline.id == SOCHI
    assert [a.outlet for a in event.articles] == ["TASS"]
    for key in ("st-", "st-0000", "", "../../etc/passwd"):
        with pytest.raises(NotFound):
            service.story(key)


def test_article_outlet_and_speaker(service: Service) -> None:
    meduza = next(a for a in service.story(SOCHI).articles if a.outlet == "Meduza")
    detail = service.article(meduza.doc_id[:8])
    assert detail.story is not None and detail.story.id == SOCHI
    assert any(p.role == "comments" for p in detail.article.removed)
    assert detail.quotes and detail.figures and detail.entities
    with pytest.raises(NotFound):
        service.article("1")  # row numbers are for the terminal, not for URLs
    tass = service.outlet("TASS")
    assert [s.id for s in tass.stories] == [SOCHI] and tass.terms
    assert [f.what for f in service.outlet("BNS").conflicts] == ["arrested: 10,000"]
    peskov = service.speaker("Dmitry Peskov")
    loved = [
        f for f in peskov.statements if "love them all" in " ".join(c.text for c in f.citations)
    ]
    assert loved and {c.outlet for c in loved[0].citations} >= {"BNS", "Meduza"}
    for missing in (service.outlet, service.speaker):
        with pytest.raises(NotFound):
            missing("nobody at all")


def test_marked_pieces_rebuild_every_paragraph(service: Service) -> None:
    for ref in service.articles(per_page=100).items:
        detail = service.article(ref.doc_id)
        cited = Span(ref.doc_id, 10, 40)
        shown = shown_paragraphs(detail, cited)
        assert [p.paragraph for p in shown] == list(detail.article.paragraphs)
        for p in shown:
            assert "".join(piece.text for piece in p.pieces) == p.paragraph.text
        assert sum(piece.anchor for p in shown for piece in p.pieces) <= 1


def test_api_answers_typed_json_and_404s(client: TestClient) -> None:
    stories = client.get("/api/v1/stories", params={"per_page": 1}).json()
    assert stories["total"] == 2 and len(stories["items"]) == 1
    story = client.get(f"/api/v1/stories/{SOCHI}").json()
    kinds = {f["kind"] for f in story["comparison"]["findings"]}
    assert {"conflict", "corroborated", "statement"} <= kinds
    assert story["brief"]["sentences"] and story["brief"]["timeline"]
    doc = story["articles"][0]["doc_id"]
    article = client.get(f"/api/v1/articles/{doc}").json()
    assert article["article"]["doc_id"] == doc and article["article"]["paragraphs"]
    hits = client.get("/api/v1/search", params={"q": "kinship"}).json()
    assert [h["article"]["outlet"] for h in hits] == ["TASS"]
    assert client.get("/api/v1/speakers").json()[0]["name"] == "Dmitry Peskov"
    assert client.get("/api/v1/outlets/TASS").status_code == 200
    for path in ("/api/v1/stories/st-zzzz", "/api/v1/articles/zzzz", "/api/v1/speakers/x"):
        answer = client.get(path)
        assert answer.status_code == 404 and answer.json()["status"] == 404
    assert client.get("/api/v1/stories", params={"page": 0}).status_code == 422
    assert client.get("/api/v1/search").status_code == 422


def test_openapi_schema_lists_every_operation(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/stories",
        "/api/v1/stories/{key}",
        "/api/v1/articles",
        "/api/v1/articles/{key}",
        "/api/v1/search",
        "/api/v1/outlets",
        "/api/v1/outlets/{name}",
        "/api/v1/speakers",
        "/api/v1/speakers/{name}",
    }
    assert "StoryDetail" in schema["components"]["schemas"]
    # The interactive docs would load their script from another origin: not served.
    assert client.get("/docs").status_code == 404


def test_pages_render_and_errors_are_pages(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/stories"
    story = client.get(f"/stories/{SOCHI}").text
    assert 'class="matrix"' in story and "10,000" in story and "7,000" in story
    assert client.get("/stories", params={"since": "not a date"}).status_code == 422
    missing = client.get("/stories/nothing-here")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "Content-Security-Policy" in missing.headers


@pytest.mark.parametrize(
    "command, module",
    [(["serve"], "fastapi"), (["report", SOCHI, "-o", "x.html"], "jinja2")],
)
def test_without_the_web_extra_the_install_line_is_given(
    db: Path, tmp_path: Path, command: list[str], module: str
) -> None:
    # A module set to None in sys.modules fails to import, as when it is not installed.
    code = (
        f"import sys; sys.modules[{module!r}] = None; "
        "from newsprism.cli.app import main; sys.argv = ['newsprism', *sys.argv[1:]]; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "pip install 'newsprism[web]'" in done.stderr


def test_charts_escape_labels_and_carry_a_text_alternative() -> None:
    hostile = '<script>alert(1)</script>"><svg onload=alert(1)>'
    event = EventSummary("ev-1", hostile, dt.date(2020, 1, 2), 3, ("A",))
    entry = TimelineEntry(dt.date(2019, 12, 1), hostile, (), background=True)
    chart = str(timeline_chart([event], [entry]))
    assert "<script" not in chart and "<svg onload" not in chart
    assert 'role="img"' in chart and 'tabindex="0"' in chart
    assert 'aria-label="Timeline. 2020-01-02: &lt;script&gt;' in chart
    assert str(sparkline([])) == ""


def test_wire_copies_are_marked_as_one_group_on_the_coverage_chart(tmp_path: Path) -> None:
    folder = tmp_path / "reprint"
    folder.mkdir()
    bns = next(EXAMPLE.glob("001_*.txt")).read_text(encoding="utf-8")
    (folder / "a.txt").write_text(bns, encoding="utf-8")
    # The same wire text under another outlet's rights line: a reprint, not a new source.
    (folder / "b.txt").write_text(bns.rstrip() + "\n\n\u00a9 2020 Harbour Daily News\n", "utf-8")
    # France 24's article of the same day dates the wire text, which states no date itself.
    france24 = next(EXAMPLE.glob("004_*.txt")).read_text(encoding="utf-8")
    (folder / "c.txt").write_text(france24, encoding="utf-8")
    db = tmp_path / "reprint.db"
    done = CliRunner().invoke(cli, ["analyze", str(folder), "--db", str(db)])
    assert done.exit_code == 0, done.output
    service = Service(SQLiteStore(db))
    detail = service.story(service.stories().items[0].id)
    assert [set(m.outlets) for m in detail.syndication] == [{"BNS", "Harbour Daily News"}]
    page = TestClient(create_app(db)).get(f"/stories/{detail.id}").text
    assert "wire copy group 1: BNS, Harbour Daily News" in page or (
        "wire copy group 1: Harbour Daily News, BNS" in page
    )
    assert "group 1 with Harbour Daily News" in page


def test_report_of_an_unknown_story_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.html"
    done = CliRunner().invoke(cli, ["report", "st-nothing", "-o", str(out), "--db", str(db)])
    assert done.exit_code == 2 and "no story matches" in done.output
    assert not out.exists()
