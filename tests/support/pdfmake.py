"""Small, valid PDF files written by hand for tests, so that no PDF-writing dependency is needed.

Each page is a list of text lines drawn top to bottom in Helvetica; an empty string leaves
a gap of one line (which is how a paragraph break looks in a PDF). A page given as None has
no content stream at all, like a scanned page without a text layer.
"""

from __future__ import annotations

PAGE_WIDTH, PAGE_HEIGHT = 612, 792
LEADING = 14


def _literal(text: str) -> bytes:
    """`text` as a PDF string literal in WinAnsiEncoding (so that an em dash is one byte)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def content_stream(lines: list[str]) -> bytes:
    """BT/ET drawing `lines` from the top margin down, one Td move per line."""
    parts = [b"BT", b"/F1 11 Tf", b"72 %d Td" % (PAGE_HEIGHT - 72)]
    step = 0  # the first line is drawn where the text starts; each next one a line lower
    for line in lines:
        if not line:
            step += LEADING
            continue
        parts.append(b"0 %d Td" % -step)
        parts.append(_literal(line) + b" Tj")
        step = LEADING
    parts.append(b"ET")
    return b"\n".join(parts)


def _info_value(value: str) -> bytes:
    return _literal(value)


def make_pdf(
    pages: list[list[str] | None], info: dict[str, str] | None = None, raw_streams: dict[int, bytes] | None = None
) -> bytes:
    """The bytes of a PDF with `pages` and an /Info dictionary of `info` (keys without the slash:
    {"Title": ..., "Author": ..., "CreationDate": "D:20260314093000Z"}). `raw_streams` replaces
    the content stream of the page at that index with the given bytes, as they are."""
    raw_streams = raw_streams or {}
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree's number is known
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for index, lines in enumerate(pages):
        stream = raw_streams.get(index)
        if stream is None and lines is not None:
            stream = content_stream(lines)
        contents = b""
        if stream is not None:
            number = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
            contents = b" /Contents %d 0 R" % number
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >>%s >>"
                % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, font, contents)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info_ref = None
    if info:
        info_ref = add(
            b"<< "
            + b" ".join(b"/" + key.encode("ascii") + b" " + _info_value(value) for key, value in info.items())
            + b" >>"
        )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_ref:
        trailer += b" /Info %d 0 R" % info_ref
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
