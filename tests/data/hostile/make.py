"""Builds the hidden-row and hidden-column workbooks of tests/hostile.rs from the imigrasi sample
(stdlib only): `python3 tests/data/hostile/make.py` writes them beside this script."""
import re
import zipfile
from xml.sax.saxutils import escape

import os
HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "../../../samples/lke-contoh-kantor-imigrasi-nusantara-2025.xlsx")
SHEET = "xl/worksheets/sheet1.xml"


def col_num(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref):
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    return m.group(1), int(m.group(2))


class Book:
    def __init__(self, path=BASE):
        z = zipfile.ZipFile(path)
        self.names = z.namelist()
        self.parts = {n: z.read(n) for n in self.names}
        self.sheet = self.parts[SHEET].decode()
        self.sst = self.parts["xl/sharedStrings.xml"].decode()

    # ---- shared strings
    def strings(self):
        return re.findall(r"<si>(.*?)</si>", self.sst, re.S)

    def add_si(self, inner):
        """Append a raw <si> body; returns its index."""
        n = len(self.strings())
        self.sst = self.sst.replace("</sst>", "<si>%s</si></sst>" % inner)
        self.sst = re.sub(r'uniqueCount="\d+"', 'uniqueCount="%d"' % (n + 1), self.sst)
        return n

    def add_string(self, text):
        return self.add_si('<t xml:space="preserve">%s</t>' % escape(text))

    # ---- cells
    def get_cell(self, ref):
        m = re.search(r'<c r="%s"(?: [^>]*)?(?:/>|>.*?</c>)' % ref, self.sheet)
        return m.group(0) if m else None

    def set_cell(self, ref, cell_xml):
        """cell_xml: full <c ...> element with r=ref (or None to delete)."""
        old = self.get_cell(ref)
        if old is not None:
            self.sheet = self.sheet.replace(old, cell_xml or "", 1)
            return
        if cell_xml is None:
            return
        col, row = split_ref(ref)
        m = re.search(r'<row r="%d"[^>]*?(/>|>(.*?)</row>)' % row, self.sheet, re.S)
        assert m, "row %d missing" % row
        rowxml = m.group(0)
        if rowxml.endswith("/>"):
            new = rowxml[:-2] + ">" + cell_xml + "</row>"
        else:
            cells = list(re.finditer(r'<c r="([A-Z]+)%d"(?: [^>]*)?(?:/>|>.*?</c>)' % row, rowxml))
            pos = None
            for c in cells:
                if col_num(c.group(1)) > col_num(col):
                    pos = c.start()
                    break
            if pos is None:
                pos = rowxml.rindex("</row>")
            new = rowxml[:pos] + cell_xml + rowxml[pos:]
        self.sheet = self.sheet.replace(rowxml, new, 1)

    def set_str(self, ref, text, style=6):
        i = self.add_string(text)
        self.set_cell(ref, '<c r="%s" s="%d" t="s"><v>%d</v></c>' % (ref, style, i))

    def set_num(self, ref, v, style=6):
        self.set_cell(ref, '<c r="%s" s="%d"><v>%s</v></c>' % (ref, style, v))

    def row_xml(self, row):
        m = re.search(r'<row r="%d"[^>]*?(?:/>|>.*?</row>)' % row, self.sheet, re.S)
        return m.group(0) if m else None

    def set_row_attr(self, row, attrs):
        rx = self.row_xml(row)
        new = rx.replace('<row r="%d"' % row, '<row r="%d" %s' % (row, attrs), 1)
        self.sheet = self.sheet.replace(rx, new, 1)

    def insert_row_copy(self, src, after, attrs=""):
        """Insert a copy of row `src` right after row `after`, shifting later rows down."""
        rx = self.row_xml(src)

        def shift_ref(m):
            col, r = m.group(1), int(m.group(2))
            return "%s%d" % (col, r + 1 if r > after else r)

        # shift every reference in the sheet (cells, rows, merges, hyperlinks, dimension)
        head, rest = self.sheet.split("<sheetData>", 1)
        data, tail = rest.split("</sheetData>", 1)
        data = re.sub(r'<row r="(\d+)"',
                      lambda m: '<row r="%d"' % (int(m.group(1)) + (1 if int(m.group(1)) > after else 0)),
                      data)
        data = re.sub(r'(?<=r=")([A-Z]+)(\d+)(?=")', shift_ref, data)
        tail = re.sub(r'(?<=[":])([A-Z]+)(\d+)(?=[":])', shift_ref, tail)
        copy = re.sub(r'<row r="%d"' % src, '<row r="%d" %s' % (after + 1, attrs), rx, count=1)
        copy = re.sub(r'(?<=r=")([A-Z]+)%d(?=")' % src, lambda m: "%s%d" % (m.group(1), after + 1), copy)
        # place after row `after`
        ax = re.search(r'<row r="%d"[^>]*?(?:/>|>.*?</row>)' % after, data, re.S)
        data = data[:ax.end()] + copy + data[ax.end():]
        self.sheet = head + "<sheetData>" + data + "</sheetData>" + tail
        self.sheet = re.sub(r'<dimension ref="[^"]*"/>', "", self.sheet)
        # hyperlinks of the copied row are not duplicated (fine for our purposes)

    def save(self, path):
        self.parts[SHEET] = self.sheet.encode()
        self.parts["xl/sharedStrings.xml"] = self.sst.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n in self.names:
                z.writestr(n, self.parts[n])
        return path


def out(name):
    return os.path.join(HERE, name)


# A hidden copy of item row 9 (Tim Kerja b., answer A) inserted above it, answered C: the copy
# becomes row 9, the visible original row 10.
b = Book()
b.insert_row_copy(9, 8, 'hidden="1"')
b.set_str("K9", "C")
b.save(out("baris-tersembunyi.xlsx"))
# The same, the copy visible (a plain duplicated row).
b = Book()
b.insert_row_copy(9, 8)
b.set_str("K9", "C")
b.save(out("baris-ganda.xlsx"))
# Column K (Jawaban, last year's answers) hidden; this year's answers in column N under a second
# Jawaban header, IPAK 2.90 (N201) and IPKP 2.80 (N204) where K says 3.72 and 3.55.
b = Book()
b.sheet = b.sheet.replace('<col min="11" max="11" width="10.7109375" customWidth="1"/>',
                          '<col min="11" max="11" width="10.7109375" hidden="1" customWidth="1"/>')
b.sheet = b.sheet.replace('<col min="14" max="14" width="2.7109375" customWidth="1"/>',
                          '<col min="14" max="14" width="10.7109375" customWidth="1"/>')
for m in list(re.finditer(r'<c r="K(\d+)"((?: [^>]*)?)(/>|>(.*?)</c>)', b.sheet)):
    row = m.group(1)
    b.set_cell("N" + row, m.group(0).replace('r="K%s"' % row, 'r="N%s"' % row, 1))
b.set_num("N201", 2.9)
b.set_num("N204", 2.8)
b.save(out("kolom-tersembunyi.xlsx"))
