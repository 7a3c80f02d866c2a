#!/usr/bin/env python3
"""Check a print page and a slide deck with other programs than planmap's own tests use.

    python3 tools/check_print.py DECK.pptx STEPS [PAGE.pdf TITLE]

DECK.pptx: opened with python-pptx (pip install python-pptx, in a scratch venv): 1 + STEPS
slides, each with a title, step slides with a picture and a text box. PAGE.pdf: pdftotext
(poppler-utils) must find TITLE in its text. Run by hand (CI installs neither): for example

    planmap export layouts/baoji.toml --slides --out /tmp/b.pptx
    planmap export layouts/baoji.toml --page A4 --landscape --out /tmp/b.pdf
    python3 tools/check_print.py /tmp/b.pptx 5 /tmp/b.pdf 宝鸡市
"""
import subprocess
import sys


def check_deck(path, steps):
    from pptx import Presentation  # python-pptx
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    deck = Presentation(path)
    slides = list(deck.slides)
    assert len(slides) == 1 + steps, f"{len(slides)} slides, expected 1 + {steps}"
    for i, slide in enumerate(slides, 1):
        title = slide.shapes.title
        assert title is not None and title.text_frame.text.strip(), f"slide {i} has no title"
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        texts = [s for s in slide.shapes if s.has_text_frame and s != title and s.text_frame.text.strip()]
        assert pictures, f"slide {i} has no map picture"
        assert texts, f"slide {i} has no text box"
        print(f"slide {i}: {title.text_frame.text} · {len(pictures)} picture(s) · {len(texts)} text box(es)")


def check_pdf(path, title):
    text = subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True).stdout
    pages = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    assert title in text, f"{title!r} is not in the PDF's text"
    print(f"{path}: {title!r} found; " + " ".join(l for l in pages.splitlines() if l.startswith(("Pages", "Page size"))))


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    check_deck(sys.argv[1], int(sys.argv[2]))
    if len(sys.argv) == 5:
        check_pdf(sys.argv[3], sys.argv[4])
