"""Build the hostile corpus in a folder: the small committed files plus the generated ones.

    python tests/data/hostile/make_hostile.py OUT        # OUT/in is the folder to analyze
    python tests/data/hostile/make_hostile.py --small    # rewrite the committed small files

The small files (feeds with XXE and billion laughs, a page of script payloads, broken JSON
lines, a truncated WARC...) live in ``files/`` beside this script and are committed. What is
large or cannot be committed is made here: decompression bombs of 10 GB (10 MB on disk, never
built whole), a sparse file over the size limit, a line and an entity bomb over spaCy's length
limit, a feed of 50,000 entries, 1,200 nested directories, symbolic links out of the folder,
file names that are not UTF-8 or hold escape codes and newlines, and a named pipe.
``expected.json`` says what must come of every input: the code of its one failure, how many
articles it stores, or both.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SMALL = HERE / "files"
MANIFEST = HERE / "expected.json"

GB = 2**30
SECRET = "Secret text from outside the folder, never to be read."
ESC = "\x1b"
GOOD = (
    "Officials in Springfield said on Monday that the new bridge over the Columbia river will "
    "open next spring, two years later than planned. The project cost $45 million, Mayor Jane "
    "Doe said. "
)


def good_text(topic: str) -> str:
    """A short plain-text article about ``topic``: what a good input looks like."""
    return f"{topic.title()} opening delayed\n\n" + GOOD.replace("bridge", topic) * 3


def gzip_of_zeros(out: io.BufferedWriter | io.BytesIO, total: int, prefix: bytes = b"") -> None:
    """Write one gzip member holding ``prefix`` then ``total`` zero bytes (then CRLF CRLF when
    ``prefix`` is a WARC header), a block at a time: 10 GB of zeros is 10 MB written.

    Each 1 MiB block is compressed once after a full flush, which makes the compressed block
    independent of what came before, so the same bytes can be written again and again."""
    block = 2**20
    tail = b"\r\n\r\n" if prefix.startswith(b"WARC/") else b""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(block)
    crc = zlib.crc32(prefix)
    out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
    out.write(deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH))
    chunk = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    for _ in range(total // block):
        out.write(chunk)
        crc = zlib.crc32(zeros, crc)
    out.write(deflate.compress(tail) + deflate.flush(zlib.Z_FINISH))
    size = len(prefix) + total // block * block + len(tail)
    out.write(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))


def warc_bomb(path: Path, total: int = 10 * GB) -> None:
    """A ``.warc.gz`` whose one response record inflates to ``total`` bytes of zeros."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0b0b0b0b>\r\n"
        b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://bomb.example/\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % (len(http) + total)
    )
    with open(path, "wb") as out:
        gzip_of_zeros(out, total, header + http)


def gzip_bomb(path: Path, total: int = 10 * GB) -> None:
    """A ``.txt.gz`` that inflates to ``total`` bytes of zeros."""
    with open(path, "wb") as out:
        gzip_of_zeros(out, total)


def _warc_record(uri: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{zlib.crc32(uri.encode()):08x}>\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _page(title: str, body: str) -> str:
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><p>{body}</p></article></body></html>"


LOL = '<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)


def small_files() -> dict[str, bytes]:
    """The committed files: each small, each hostile in one way (and one good article)."""
    rss_item = (
        "<item><title>{t}</title><link>http://feed.example/{n}</link>"
        "<description>{d}</description></item>"
    )
    record = _warc_record(
        "http://warc.example/kept", _page("Kept record", GOOD.replace("bridge", "viaduct")).encode()
    )
    cut = _warc_record("http://warc.example/cut", _page("Cut", GOOD).encode())
    # mtime=0: the same bytes on every run, so the committed file is reproducible.
    truncated = gzip.compress(record, mtime=0) + gzip.compress(cut, mtime=0)
    files = {
        "good.txt": good_text("bridge").encode(),
        "xxe.rss": (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            '<!ENTITY web SYSTEM "http://127.0.0.1:9/leak">]><rss version="2.0"><channel>'
            "<title>XXE Daily &xxe;</title>"
            + rss_item.format(
                t="Leak &xxe;", n=1, d=f"Body &xxe; &web; {GOOD.replace('bridge', 'pier')}"
            )
            + "</channel></rss>"
        ).encode(),
        "xxe.atom": (
            '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>XXE Atom &xxe;</title>'
            "<entry><title>Leak &xxe;</title><id>urn:xxe:1</id>"
            f'<content type="html">Body &amp;xxe; &xxe; {GOOD.replace("bridge", "jetty")}</content>'
            "</entry></feed>"
        ).encode(),
        "billion-laughs.rss": (
            f'<?xml version="1.0"?><!DOCTYPE rss [{LOL}]><rss version="2.0"><channel>'
            "<title>Laughs &lol9;</title>"
            + rss_item.format(t="&lol9;", n=2, d=f"&lol9; {GOOD.replace('bridge', 'wharf')}")
            + "</channel></rss>"
        ).encode(),
        "billion-laughs.atom": (
            f'<?xml version="1.0"?><!DOCTYPE feed [{LOL}]>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Laughs &lol9;</title>'
            "<entry><title>&lol9;</title><id>urn:lol:1</id>"
            f'<content type="html">&lol9; {GOOD.replace("bridge", "quay")}</content></entry></feed>'
        ).encode(),
        "script.html": (
            f"<html><head><title>Hi <script>alert(1)</script> {ESC}]0;pwned\x07</title>"
            '<meta property="og:site_name" content="&lt;img src=x onerror=alert(4)&gt;">'
            "</head><body><article><h2>Sub &lt;img src=x onerror=alert(2)&gt;</h2>"
            f"<p>{GOOD * 3}</p>"
            '<p><a href="javascript:alert(5)" onclick="alert(6)">link</a></p>'
            "<p>&lt;script&gt;alert(3)&lt;/script&gt;</p></article></body></html>"
        ).encode(),
        "escape-title.html": _page(
            f"Title {ESC}[2J{ESC}[31mred{ESC}[0m \u202eevil", GOOD.replace("bridge", "tunnel") * 3
        ).encode(),
        "bad-lines.jsonl": (
            b'{"text": "' + GOOD.replace("bridge", "harbour").encode() * 2 + b'"}\n{not json\n'
        ),
        "number-text.jsonl": b'{"text": 123}\n',
        "empty.txt": b"",
        "blank.txt": b" \n\t\n   \n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "late-nul.txt": good_text("lock").encode() * 30 + b"\x00" * 64 + b"tail",
        "utf16-nobom.txt": good_text("dam").encode("utf-16-le"),
        "truncated.warc.gz": truncated[: len(truncated) - 200],
        "not-a-feed.xml": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "amp-name.rss": (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Amp</title>'
            b"<item><title>Bare</title><link>http://amp.example/1</link>"
            b"<description>&amp;name</description></item></channel></rss>"
        ),
        "deep.json": b"[" * 20_000 + b"]" * 20_000,
        "bidi\u202ename.txt": good_text("weir").encode(),
        # warcio logs the raw header of a target URI with spaces: escape codes and all.
        "escape-uri.warc": _warc_record(
            f"http://uri.example/a b{ESC}[2J{ESC}]0;pwned\x07",
            _page("Spaced address", GOOD.replace("bridge", "causeway") * 2).encode(),
        ),
    }
    return files


def generate(folder: Path, outside: Path) -> None:
    """Make the generated inputs in ``folder`` (links point into ``outside``)."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text((SECRET + " ") * 10, encoding="utf-8")
    (outside / "more").mkdir(exist_ok=True)
    (outside / "more" / "also-secret.txt").write_text(SECRET, encoding="utf-8")
    warc_bomb(folder / "bomb.warc.gz")
    gzip_bomb(folder / "bomb.txt.gz")
    with open(folder / "sparse.txt", "wb") as out:
        out.truncate(40 * 2**20)  # over the 32 MiB document limit, and no disk used
    (folder / "long-line.txt").write_bytes(b"One line\n\n" + b"The mayor said yes. " * 60_000)
    (folder / "entity-bomb.html").write_bytes(
        b"<html><head><title>Entities</title></head><body><p>"
        + b"&amp;" * 200_000
        + b"</p></body></html>"
    )
    entry = (
        "<entry><title>Same</title><id>urn:same</id><link href='http://many.example/1'/>"
        f"<content type='html'>&lt;p&gt;{GOOD.replace('bridge', 'ferry')}&lt;/p&gt;"
        "</content></entry>"
    ).encode()
    (folder / "many-entries.atom").write_bytes(
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Many</title>'
        + entry * 50_000
        + b"</feed>"
    )
    (folder / "link-outside.txt").symlink_to(outside / "secret.txt")
    (folder / "link-passwd.txt").symlink_to("/etc/passwd")
    (folder / "link-dir").symlink_to(outside / "more", target_is_directory=True)
    (folder / "loop").symlink_to(".", target_is_directory=True)
    current = folder / "deep"
    current.mkdir()
    for _ in range(1200):
        current = current / "d"
        current.mkdir()
    (current / "buried.txt").write_text(good_text("canal"), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad-\xff-name.txt"), "wb") as out:
        out.write(good_text("culvert").encode())
    name = f"esc-{ESC}[31mred{ESC}[0m-\nskipped fake.txt: forged [E999].txt"
    (folder / name).write_text(good_text("sluice"), encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")


def build(root: Path) -> Path:
    """The whole hostile corpus in ``root/in`` (links out point at ``root/outside``)."""
    folder = root / "in"
    folder.mkdir(parents=True)
    for path in sorted(SMALL.iterdir()):
        shutil.copyfile(path, folder / path.name)
    generate(folder, root / "outside")
    return folder


def remove_deep(folder: Path) -> None:
    """Remove the nested directories bottom up (recursive removal passes Python's limit)."""
    levels = [folder / "deep"]
    if not levels[0].is_dir():
        return
    while (levels[-1] / "d").is_dir():
        levels.append(levels[-1] / "d")
    for level in reversed(levels):
        for child in level.iterdir():
            if not child.is_dir():
                child.unlink()
        level.rmdir()


def expected() -> dict[str, dict[str, object]]:
    """Each input's expected outcome, from ``expected.json``."""
    data: dict[str, dict[str, object]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["inputs"]
    return data


def main(argv: list[str]) -> int:
    """Write the small files (``--small``) or build the corpus in the folder given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder to build the corpus in")
    parser.add_argument("--small", action="store_true", help="rewrite the committed files")
    args = parser.parse_args(argv)
    if args.small:
        SMALL.mkdir(exist_ok=True)
        for name, data in small_files().items():
            (SMALL / name).write_bytes(data)
        return 0
    if args.out is None:
        parser.error("give a folder, or --small")
    print(build(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
