"""The PDF edition: ``python -m tools.pdf`` (``make pdf``) writes ``_build/pdf/nothing-but-numpy.pdf``.

The route: Jupyter Book builds the whole book, every chapter executed, as one HTML page
(``--builder singlehtml``, into ``_build/print``); headless Chromium (Playwright driving
Debian's ``/usr/bin/chromium``) opens it from a local server, waits until MathJax has
typeset every formula, reshapes it into a book and prints it:

- a title page, then a table of contents with page numbers: the book is printed twice,
  and the second print takes each chapter's page from the first one's outline;
- each part gets a heading of its own and each chapter starts on a new page; the
  chapters' headings move one level down under their part, so the PDF's outline
  (``page.pdf(outline=True)``, made from the headings) goes part > chapter > section;
- page numbers in the footer; the theme's navigation, buttons and sidebars left out;
- code wraps at the margin instead of being clipped; exercise solutions, folded away in
  the HTML, are shown after their exercise.

Numbers, equation numbers, figure numbers and cross-references are Sphinx's own, as in
the HTML book: the single page comes from the same sources with the same configuration.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tools.chromium import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
PRINT_BUILD = ROOT / "_build" / "print"  # jupyter-book's --path-output: the single page is in _build/singlehtml
PDF = ROOT / "_build" / "pdf" / "nothing-but-numpy.pdf"
MARGIN = {"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}
COLUMN_PX = round((210 - 18 - 18) / 25.4 * 96)  # A4's width less MARGIN's left and right
FOOTER = '<div style="width:100%; font-size:9px; color:#555; text-align:center;"><span class="pageNumber"></span></div>'

# Print styles: the page is the book's text column, nothing of the site around it.
PRINT_CSS = """
@page { size: A4; }
html, body { background: white !important; }
.bd-header, .bd-header-article, .header-article, .bd-sidebar-primary, .bd-sidebar-secondary,
.bd-footer, .bd-footer-article, .bd-footer-content, .footer, .prev-next-area, .navbar, .toggle-button,
.headerlink, .copybtn, .skip-link, #pst-back-to-top, .search-button-field, .sidebar-toggle,
.bd-header-announcement, #pst-scroll-pixel-helper, #jb-print-docs-body, .onlyprint { display: none !important; }
.bd-article h1, .bd-article h2 { display: block !important; }
.bd-container, .bd-container__inner, .bd-main, .bd-content, .bd-article-container, .bd-article, .bd-page-width {
  max-width: none !important; width: auto !important; padding: 0 !important; margin: 0 !important;
  display: block !important; overflow: visible !important; }
body { font-size: 10.5pt; }
pre, .highlight pre, div.highlight { white-space: pre-wrap !important; overflow-wrap: anywhere;
  overflow: visible !important; max-height: none !important; }
div.cell_output, .output { overflow: visible !important; max-height: none !important; }
img { max-width: 100% !important; height: auto; break-inside: avoid; }
figure, .figure, .math-wrapper, mjx-container[display="true"] { break-inside: avoid; }
mjx-container[display="true"] { overflow: visible !important; }
/* A superscript on a formula's first line reaches above the formula's box; where the formula starts a
   page, Chromium drew it at the foot of the page before. Padding keeps every glyph inside the box. */
mjx-container[display="true"] { padding-top: 0.5em !important; padding-bottom: 0.25em !important; }
h1, h2, h3, h4, h5 { break-after: avoid; }
.toggle-hidden, .dropdown .toggle-hidden, details > * { display: block !important; visibility: visible !important;
  opacity: 1 !important; height: auto !important; }
.print-chapter { break-before: page; }
.print-title { break-after: page; height: 230mm; display: flex; flex-direction: column; justify-content: center;
  text-align: center; }
.print-title .print-book-title { font-size: 34pt; font-weight: bold; margin-bottom: 8mm; }
.print-title .print-subtitle { font-size: 15pt; margin-bottom: 25mm; }
.print-title .print-author { font-size: 12pt; }
.print-contents { break-after: page; }
.print-contents ol { list-style: none; padding-left: 0; }
.print-contents li { display: flex; margin: 1.2mm 0; }
.print-contents li.part { font-weight: bold; margin-top: 5mm; }
.print-contents li.chapter { padding-left: 6mm; }
.print-contents .leader { flex: 1; border-bottom: 1px dotted #999; margin: 0 2mm 1.2mm; }
.print-part { break-before: page; padding-top: 70mm; text-align: center; font-size: 20pt; border: none; }
.bd-article h2.print-chapter-title { font-size: 19pt !important; margin-top: 0; }
.bd-article h3.print-demoted { font-size: 14pt !important; }
.bd-article h4.print-demoted { font-size: 12pt !important; }
h5.print-demoted, h6.print-demoted { font-size: 11pt; }
"""

# Runs in the page, laid out at the text column's width: a display formula wider than the
# column (in the HTML it scrolls sideways) is scaled down until every glyph is inside it.
FIT_MATH_JS = """
() => {
  let fitted = 0;
  for (const box of document.querySelectorAll('mjx-container[display="true"]')) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const column = box.parentElement.getBoundingClientRect();
      const glyphs = Array.from(box.querySelectorAll('mjx-c')).map(g => g.getBoundingClientRect());
      if (!glyphs.length) break;
      const left = Math.min(...glyphs.map(g => g.left)), right = Math.max(...glyphs.map(g => g.right));
      if (left >= column.left - 0.5 && right <= column.right + 0.5) break;
      // A numbered formula is centred in the room its number leaves, so it can stick out on the
      // left while narrower than the column: shrink by at least 5% a step until it fits.
      const zoom = (parseFloat(box.style.zoom) || 1) * Math.min(0.95, column.width / (right - left) * 0.97);
      box.style.zoom = zoom.toFixed(3);
      fitted += attempt === 0;
    }
  }
  return fitted;
}
"""

# Runs in the page: title page, contents, parts, chapters on new pages, headings moved down.
RESHAPE_JS = """
(book) => {
  const main = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  const chapterStart = (doc) => document.getElementById('document-' + doc);
  const sectionAfter = (marker) => {
    let node = marker.nextElementSibling;
    while (node && node.tagName !== 'SECTION') node = node.nextElementSibling;
    return node;
  };
  const demote = (root) => {
    for (let level = 5; level >= 1; level--) {
      for (const h of Array.from(root.querySelectorAll('h' + level))) {
        const lower = document.createElement('h' + (level + 1));
        for (const a of h.attributes) lower.setAttribute(a.name, a.value);
        lower.innerHTML = h.innerHTML;
        lower.classList.add('print-demoted');
        if (level === 1) lower.classList.add('print-chapter-title');
        h.replaceWith(lower);
      }
    }
  };
  const missing = [];
  for (const part of book.parts) {
    const first = chapterStart(part.chapters[0].doc);
    if (!first) { missing.push(part.chapters[0].doc); continue; }
    const heading = document.createElement('h1');
    heading.className = 'print-part';
    heading.id = 'print-part-' + part.index;
    heading.textContent = part.caption;
    first.parentNode.insertBefore(heading, first);
    for (const chapter of part.chapters) {
      const marker = chapterStart(chapter.doc);
      const section = marker && sectionAfter(marker);
      if (!section) { missing.push(chapter.doc); continue; }
      section.classList.add('print-chapter');
      demote(section);
    }
  }
  const title = document.createElement('section');
  title.className = 'print-title';
  title.innerHTML = '<div class="print-book-title"></div><div class="print-subtitle"></div><div class="print-author"></div>';
  title.querySelector('.print-book-title').textContent = book.title;
  title.querySelector('.print-subtitle').textContent = book.subtitle;
  title.querySelector('.print-author').textContent = book.author;
  const contents = document.createElement('section');
  contents.className = 'print-contents';
  const items = [];
  const entry = (cls, text, page, href) =>
    `<li class="${cls}"><a href="${href}"></a><span class="leader"></span><span class="page">${page ?? ''}</span></li>`;
  items.push(entry('chapter-intro', '', book.intro.page, '#' + book.intro.anchor));
  for (const part of book.parts) {
    items.push(entry('part', '', part.page, '#print-part-' + part.index));
    for (const chapter of part.chapters) items.push(entry('chapter', '', chapter.page, '#' + chapter.anchor));
  }
  contents.innerHTML = '<h1 class="print-contents-title">Contents</h1><ol>' + items.join('') + '</ol>';
  const texts = [book.intro.title];
  for (const part of book.parts) { texts.push(part.caption); for (const c of part.chapters) texts.push(c.number ? c.number + '. ' + c.title : c.title); }
  contents.querySelectorAll('li > a').forEach((a, i) => { a.textContent = texts[i]; });
  main.prepend(title, contents);
  document.title = book.title;
  return missing;
}
"""


def book_structure(root=ROOT):
    """Title, intro and parts (caption, chapters with their titles) from _config.yml and _toc.yml."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))

    def title(doc):
        for line in (root / f"{doc}.md").read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        raise ValueError(f"{doc}.md has no '# ' title line: every chapter needs one for the PDF's contents")

    def chapter(doc):
        return {"doc": doc, "title": title(doc), "anchor": "", "page": None}

    parts = [
        {
            "index": i,
            "caption": part["caption"],
            "page": None,
            "chapters": [chapter(c["file"]) for c in part["chapters"]],
        }
        for i, part in enumerate(toc["parts"], 1)
    ]
    return {
        "title": config["title"],
        "author": config["author"],
        "subtitle": "Neural networks from first principles, computed and checked",
        "intro": chapter(toc["root"]),
        "parts": parts,
    }


def build_single_page(root=ROOT):
    """Build the book as one executed HTML page; return its folder. Fails if Jupyter Book did."""
    out = PRINT_BUILD / "_build" / "singlehtml"
    shutil.rmtree(PRINT_BUILD, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.book",  # `make book`'s build: the chapters executed in parallel
            "build",
            "--builder",
            "singlehtml",
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(PRINT_BUILD),
            str(root),
        ],
        check=True,
        cwd=ROOT,
    )
    # Jupyter Book can log an error and still exit 0: the page must exist.
    page = out / "chapters" / "intro.html"  # the root document; index.html only redirects to it
    if not page.exists():
        raise SystemExit(f"the single-page build wrote no {page}: see the Jupyter Book log above")
    return out


def page_to_print(folder):
    """The single page, copied to the build's root: its _static/ and _images/ links are relative to it."""
    page = folder / "print.html"
    shutil.copyfile(folder / "chapters" / "intro.html", page)
    return page


def anchors(page_html, book):
    """Fill each chapter's anchor: the id of its first section (after Sphinx's document marker)."""
    section = re.compile(r'<section[^>]*\bid="([^"]+)"')
    book["intro"]["anchor"] = section.search(page_html).group(1)
    for chapter in [c for p in book["parts"] for c in p["chapters"]]:
        at = page_html.find(f'id="document-{chapter["doc"]}"')
        if at < 0:
            raise SystemExit(f"{chapter['doc']} is not in the single page: is it in _toc.yml?")
        chapter["anchor"] = section.search(page_html, at).group(1)


def outline_pages(pdf_path):
    """``[(depth, title, page number from 1)]`` for every entry of the PDF's outline."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_path)
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title.strip(), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return entries


TYPOGRAPHIC_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
CHAPTER_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+")


def chapter_number(title):
    """The number Sphinx gives a heading ("3" of "3. Batch gradient descent"), or None."""
    match = CHAPTER_NUMBER.match(title)
    return match.group(1) if match else None


def squeeze(title):
    """A heading's text without its number and its spaces, to match a title however it is printed.

    Chromium drops the space where a long heading wraps; Sphinx puts a chapter's number before its
    title in the HTML (and so in the PDF's outline), while ``_toc.yml``'s titles have none; and
    Sphinx's smart quotes print the apostrophe of "Squared error's" as a typographic one.
    """
    return re.sub(r"\s+", "", CHAPTER_NUMBER.sub("", title)).translate(TYPOGRAPHIC_QUOTES)


def number_contents(book, entries):
    """Put each part's and chapter's page (from a printed outline) into ``book``'s contents."""
    top = [(title, page) for depth, title, page in entries if depth == 0]
    second = [(title, page) for depth, title, page in entries if depth == 1]
    pages_of, numbers = {}, {}
    for title, page in top + second:
        pages_of.setdefault(squeeze(title), page)
        numbers.setdefault(squeeze(title), chapter_number(title))
    for item in [book["intro"]] + book["parts"] + [c for p in book["parts"] for c in p["chapters"]]:
        name = squeeze(item.get("title", item.get("caption")))
        if name not in pages_of:
            raise SystemExit(f"{name!r} is not in the PDF's outline {sorted(pages_of)}")
        item["page"] = pages_of[name]
        item["number"] = numbers[name]


def print_pdf(folder, book, target):
    """Open ``folder``/print.html in Chromium, reshape it into a book and print it to ``target``."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    with serve(folder) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        # The viewport is the text column (A4 less the margins, in CSS pixels): the page is laid out
        # as it will print, so what does not fit can be measured before printing.
        page = browser.new_page(viewport={"width": COLUMN_PX, "height": 1000})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/print.html", wait_until="load")
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=60_000)
        page.evaluate("MathJax.startup.promise")
        page.emulate_media(media="print")
        page.add_style_tag(content=PRINT_CSS)
        missing = page.evaluate(RESHAPE_JS, book)
        if missing:
            raise SystemExit(f"chapters not found in the single page: {missing}")
        page.evaluate(FIT_MATH_JS)
        page.evaluate("Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))")
        broken = page.evaluate("Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)")
        raw = page.evaluate("document.body.innerText.match(/\\\\\\(|\\$\\$|\\\\frac/g) || []")
        if broken or raw or errors:
            raise SystemExit(
                f"the page is not ready to print: images not loaded {broken}, "
                f"untypeset TeX {raw[:5]}, script errors {errors}"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=str(target),
            format="A4",
            margin=MARGIN,
            print_background=True,
            outline=True,
            tagged=True,
            display_header_footer=True,
            header_template="<div></div>",
            footer_template=FOOTER,
        )
        browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="print the single page already in _build/print (after an unchanged build)",
    )
    args = parser.parse_args(argv)
    folder = PRINT_BUILD / "_build" / "singlehtml" if args.no_build else build_single_page()
    book = book_structure()
    anchors(page_to_print(folder).read_text(encoding="utf-8"), book)
    draft = PDF.with_name("draft.pdf")
    print_pdf(folder, book, draft)  # first print: where each chapter starts
    number_contents(book, outline_pages(draft))
    print_pdf(folder, book, PDF)  # second print: the same pages, with the page numbers in the contents
    numbered = outline_pages(PDF)
    if [e[1:] for e in numbered] != [e[1:] for e in outline_pages(draft)]:
        raise SystemExit("the page numbers in the contents moved a chapter: the contents would be wrong")
    draft.unlink()
    print(f"wrote {PDF.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
