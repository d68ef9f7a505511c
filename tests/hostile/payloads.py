"""A fixed corpus of hostile values, kept as data: every service field and every file reader is
tried with all of them (tests/hostile/). Each entry is (name, value); names are unique so a
failure says which payload did it.

Add to it freely: a new payload is tried everywhere at once.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

# ---------------------------------------------------------------------------------------- text
CONTROL = [
    ("nul", "\x00"),
    ("nul inside", "Amina\x00Okafor"),
    ("nul at end", "note\x00"),
    ("bell", "\x07"),
    ("backspace", "abc\x08\x08\x08xyz"),
    ("escape sequence", "\x1b[31mred\x1b[0m"),
    ("vertical tab", "a\x0bb"),
    ("form feed", "a\x0cb"),
    ("delete", "a\x7fb"),
    ("c1 next line", "a\x85b"),
    ("c1 csi", "a\x9b31mb"),
    ("lone carriage return", "first\rsecond"),
    ("windows line ends", "first\r\nsecond\r\n"),
    ("line feed", "first\nsecond"),
    ("tab", "a\tb"),
    ("only tab", "\t"),
    ("only newlines", "\n\n\n"),
    ("unit separator", "a\x1fb"),
    ("start of heading", "\x01\x02\x03"),
]

UNICODE = [
    ("lone high surrogate", "\ud800"),
    ("lone low surrogate", "\udfff"),
    ("surrogate inside", "Zo\udc80e"),
    ("reversed surrogate pair", "\udc00\ud800"),
    ("rtl override", "invoice\u202egnp.exe"),
    ("rtl embedding", "\u202bשלום\u202c"),
    ("ltr override", "\u202dabc\u202c"),
    ("bidi isolate", "\u2066isolated\u2069"),
    ("unclosed bidi", "\u202e"),
    ("zero width space", "Amina\u200bOkafor"),
    ("zero width joiner alone", "\u200d"),
    ("zero width non joiner", "a\u200cb"),
    ("word joiner", "a\u2060b"),
    ("byte order mark", "\ufeffname"),
    ("only zero width", "\u200b\u200b"),
    ("soft hyphen", "Ok\u00adafor"),
    ("combining accent", "Zoe\u0301"),
    ("zalgo", "Z\u0338\u0322\u0353\u0325\u034da\u0334l\u0337g\u0336o\u0338"),
    ("emoji", "😀"),
    ("emoji zwj family", "👨\u200d👩\u200d👧\u200d👦"),
    ("emoji zwj rainbow flag", "🏳\ufe0f\u200d🌈"),
    ("emoji skin tone zwj", "👩🏽\u200d⚕\ufe0f"),
    ("regional flag", "🇬🇧"),
    ("broken zwj sequence", "\u200d👩\u200d"),
    ("mathematical letters", "𝕳𝖊𝖑𝖑𝖔"),
    ("highest code point", "\U0010ffff"),
    ("noncharacter fffe", "\ufffe"),
    ("noncharacter ffff", "\uffff"),
    ("private use", "\ue000\uf8ff"),
    ("replacement character", "\ufffd"),
    ("line separator", "a\u2028b"),
    ("paragraph separator", "a\u2029b"),
    ("no break space", "\u00a0"),
    ("ideographic space", "\u3000"),
    ("en quad and em space", "a\u2000\u2003b"),
    ("welsh", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"),
    ("gaelic", "Ciorstaidh NicDhòmhnaill"),
    ("accents", "Åsa Ñúñez-Zoë O'Brien"),
    ("cjk", "山田太郎"),
    ("arabic", "محمد"),
    ("hebrew", "שָׁלוֹם"),
    ("devanagari", "अमीना"),
    ("cyrillic homoglyph", "аdmin"),
    ("turkish dotted i", "İstanbul ı"),
    ("german sharp s", "Straße"),
    ("ligature", "ﬁnance"),
    ("fullwidth", "ＡＢＣ１２３"),
    ("arabic digits", "١٢٣"),
    ("superscript digits", "²³"),
]

MARKUP = [
    ("script tag", "<script>alert(1)</script>"),
    ("img onerror", '<img src=x onerror="alert(1)">'),
    ("svg onload", "<svg onload=alert(1)>"),
    ("iframe", '<iframe src="https://example.com"></iframe>'),
    ("attribute breakout", '"><script>alert(1)</script>'),
    ("single quote breakout", "' onmouseover='alert(1)"),
    ("javascript url", "javascript:alert(1)"),
    ("markdown js link", "[click me](javascript:alert(1))"),
    ("markdown image", "![x](http://127.0.0.1:9/p.png)"),
    ("markdown link", "[NHS](https://nhs.uk)"),
    ("autolink", "<https://example.com>"),
    ("bare url", "https://example.com/?a=1&b=2"),
    ("atx heading", "# Heading"),
    ("setext heading", "Title\n====="),
    ("setext heading h2", "Title\n-----"),
    ("material icon", ":material/home:"),
    ("emoji shortcode", ":smile:"),
    ("emphasis", "**bold** _it_ ~~gone~~"),
    ("inline code", "`rm -rf /`"),
    ("code fence", "```\ncode\n```"),
    ("table", "| a | b |\n|---|---|\n| 1 | 2 |"),
    ("html comment", "<!-- hidden -->"),
    ("entities", "&lt;script&gt; &amp; &#x27;"),
    ("latex", "$x^2$ $$\\frac{1}{0}$$"),
    ("template braces", "{{7*7}}"),
    ("dollar braces", "${7*7}"),
    ("jinja block", "{% for x in y %}"),
    ("html style", "<style>body{display:none}</style>"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'),
    ("streamlit colour", ":red[danger]"),
    ("blockquote", "> quoted"),
    ("list marker", "- item\n* item\n1. item"),
    ("horizontal rule", "***"),
    ("backslash escapes", "\\*not bold\\*"),
]

SQL = [
    ("sql drop", "'; DROP TABLE people; --"),
    ("sql tautology", "' OR '1'='1"),
    ("sql union", "' UNION SELECT password_hash FROM users--"),
    ("sql sleep", "1; SELECT pg_sleep(5)--"),
    ("sql cast error", "1' AND 1=CAST((SELECT version()) AS int)--"),
    ("sql comment", "admin'/*"),
    ("sql like percent", "%"),
    ("sql like underscore", "_"),
    ("sql escape", "\\'"),
    ("sql dollar quote", "$$ DROP TABLE users $$"),
    ("sql hex escape", "E'\\x00'"),
    ("sql semicolon", ";"),
    ("sql double quote", '"users"'),
]

CSV_FORMULAS = [
    ("formula equals", "=1+1"),
    ("formula hyperlink", '=HYPERLINK("https://evil.example","click")'),
    ("formula dde", "=cmd|' /C calc'!A0"),
    ("formula plus", "+1+1"),
    ("formula minus", "-1+1"),
    ("formula at", "@SUM(A1:A2)"),
    ("formula tab", "\t=1+1"),
    ("formula carriage return", "\r=1+1"),
    ("already quoted formula", "'=1+1"),
    ("quote only", "'"),
    ("csv quote", 'a,"b",c'),
    ("csv newline in cell", 'a\n"b"'),
    ("semicolon separated", "a;b;c"),
]

TRAVERSAL = [
    ("dot dot slash", "../../etc/passwd"),
    ("dot dot backslash", "..\\..\\windows\\win.ini"),
    ("absolute path", "/etc/passwd"),
    ("windows drive", "C:\\Windows\\System32"),
    ("file url", "file:///etc/passwd"),
    ("encoded traversal", "%2e%2e%2f%2e%2e%2f"),
    ("double dot trick", "....//....//"),
    ("home", "~/.ssh/id_rsa"),
    ("unc path", "\\\\server\\share"),
    ("windows device", "CON"),
    ("windows device ext", "NUL.txt"),
    ("dot", "."),
    ("dot dot", ".."),
]

FORMATS = [
    ("printf", "%s%s%s%n"),
    ("format index", "{0}"),
    ("format empty", "{}"),
    ("format dunder", "{__class__.__mro__}"),
    ("percent mapping", "%(password)s"),
    ("yaml tag", "!!python/object/apply:os.system ['id']"),
    ("yaml anchor", "&a [*a, *a]"),
    ("json object", '{"a": 1}'),
    ("json null", "null"),
    ("word true", "true"),
    ("word none", "None"),
]

LENGTHS = [
    ("empty", ""),
    ("space", " "),
    ("spaces", "   "),
    ("padded", "  padded  "),
    ("single letter", "a"),
    ("199 letters", "x" * 199),
    ("200 letters", "x" * 200),
    ("201 letters", "x" * 201),
    ("200 padded by spaces", " " + "x" * 200 + " "),
    ("4000 letters", "x" * 4000),
    ("4001 letters", "x" * 4001),
    ("64001 letters", "x" * 64_001),
    ("one megabyte", "x" * 1_000_000),
    ("200 accented", "é" * 200),
    ("201 emoji", "😀" * 201),
    ("many lines", "line\n" * 1000),
    ("trailing newline", "text\n"),
]

DATE_TEXT = [
    ("date text first day", "0001-01-01"),
    ("date text last day", "9999-12-31"),
    ("date text not a leap day", "2023-02-29"),
    ("date text leap day", "2024-02-29"),
    ("date text month 13", "2024-13-01"),
    ("date text uk order", "31/12/2024"),
    ("date text word", "today"),
    ("date text with time", "2024-01-01T12:00:00"),
]

NUMBER_TEXT = [
    ("number text one", "1"),
    ("number text zero", "0"),
    ("number text minus one", "-1"),
    ("number text 2^63", "9223372036854775808"),
    ("number text nan", "NaN"),
    ("number text inf", "inf"),
    ("number text 1e309", "1e309"),
    ("number text hex", "0x10"),
    ("number text spaced", " 1 "),
    ("number text decimal", "1.0"),
]

TEXTS: list[tuple[str, str]] = [
    *CONTROL,
    *UNICODE,
    *MARKUP,
    *SQL,
    *CSV_FORMULAS,
    *TRAVERSAL,
    *FORMATS,
    *LENGTHS,
    *DATE_TEXT,
    *NUMBER_TEXT,
]

# ------------------------------------------------------------------------------- numbers and dates
NUMBERS: list[tuple[str, object]] = [
    ("int zero", 0),
    ("int minus one", -1),
    ("int one", 1),
    ("int 2^31 - 1", 2**31 - 1),
    ("int 2^31", 2**31),
    ("int 2^63 - 1", 2**63 - 1),
    ("int 2^63", 2**63),
    ("int 2^64", 2**64),
    ("int -2^63", -(2**63)),
    ("int googol", 10**100),
    ("bool true", True),
    ("bool false", False),
    ("float one", 1.0),
    ("float half", 0.5),
    ("float nan", math.nan),
    ("float inf", math.inf),
    ("float minus inf", -math.inf),
    ("float 1e309", float("1e309")),
    ("float minus zero", -0.0),
    ("decimal one", Decimal(1)),
    ("fraction half", Fraction(1, 2)),
    ("complex", 1 + 2j),
]

DATES: list[tuple[str, object]] = [
    ("date first day", date(1, 1, 1)),
    ("date last day", date(9999, 12, 31)),
    ("date leap day", date(2024, 2, 29)),
    ("date unix epoch", date(1970, 1, 1)),
    ("datetime naive", datetime(2024, 1, 1, 12, 0)),
    ("datetime aware", datetime(2024, 1, 1, 12, 0, tzinfo=UTC)),
    ("time", time(12, 0)),
    ("timedelta", timedelta(days=1)),
    ("date as int", 20240101),
    ("date as ordinal", 738_886),
]

OTHERS: list[tuple[str, object]] = [
    ("none", None),
    ("bytes", b"bytes"),
    ("bytes nul", b"\x00"),
    ("bytearray", bytearray(b"x")),
    ("empty list", []),
    ("list of text", ["a"]),
    ("list of none", [None]),
    ("empty dict", {}),
    ("dict", {"a": 1}),
    ("tuple", ("a",)),
    ("set", {"a"}),
    ("object", object()),
    ("type", str),
    ("function", len),
    ("exception", ValueError("x")),
]

VALUES: list[tuple[str, object]] = [*TEXTS, *NUMBERS, *DATES, *OTHERS]
"""Every hostile value, whatever its type: each is tried in every service field."""

# ------------------------------------------------------------------------------------------ files
_BILLION_LAUGHS_YAML = (
    b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    b"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    b"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)
_BILLION_LAUGHS_XML = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<log><trace><event><string key="concept:name" value="&lol9;"/></event></trace></log>\n'
)
_XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<log><trace><string key="concept:name" value="&xxe;"/>'
    b'<event><string key="concept:name" value="x"/></event></trace></log>\n'
)
_CSV_HEADER = b"case_id,activity,timestamp\n"

FILES: list[tuple[str, bytes]] = [
    ("file empty", b""),
    ("file one newline", b"\n"),
    ("file nul bytes", b"\x00" * 64),
    ("file nul in text", _CSV_HEADER + b"c1,ST0\x00,2024-01-01\n"),
    ("file random binary", bytes(range(256)) * 4),
    ("file invalid utf-8", b"\xff\xfe\xfa\xc3\x28 not utf-8\n"),
    ("file truncated utf-8", "case_id,activity\nc1,Zoë".encode()[:-1]),
    ("file latin-1", "case_id,activity,timestamp\nc1,Zoë café,2024-01-01\n".encode("latin-1")),
    (
        "file utf-16 le bom",
        "\ufeffcase_id,activity,timestamp\nc1,ST0,2024-01-01\n".encode("utf-16-le"),
    ),
    (
        "file utf-16 be bom",
        "\ufeffcase_id,activity,timestamp\nc1,ST0,2024-01-01\n".encode("utf-16-be"),
    ),
    (
        "file utf-16 without bom",
        "case_id,activity,timestamp\nc1,ST0,2024-01-01\n".encode("utf-16-le"),
    ),
    ("file utf-32", "case_id,activity,timestamp\nc1,ST0,2024-01-01\n".encode("utf-32")),
    ("file utf-8 bom", b"\xef\xbb\xbf" + _CSV_HEADER + b"c1,ST0,2024-01-01\n"),
    ("file lone surrogate escaped", b'{"a": "\\ud800"}'),
    ("csv header only", _CSV_HEADER),
    (
        "csv unclosed quote",
        _CSV_HEADER + b'c1,"ST0,2024-01-01\nc2,ST1,2024-01-02\nc3,ST2,2024-01-03\n',
    ),
    ("csv ragged rows", _CSV_HEADER + b"c1\nc2,ST0,2024-01-01,extra,extra\n,,\n"),
    ("csv formulas", _CSV_HEADER + b'=1+1,@SUM(A1),+1\n"=HYPERLINK(""x"")",-1,\t=1\n'),
    ("csv bad dates", _CSV_HEADER + b"c1,ST0,2023-02-29\nc2,ST0,0001-01-01\nc3,ST0,99999-01-01\n"),
    ("csv cr only", b"case_id,activity,timestamp\rc1,ST0,2024-01-01\r"),
    ("csv huge field", _CSV_HEADER + b"c1," + b"x" * 2_000_000 + b",2024-01-01\n"),
    ("csv many columns", b",".join(b"c%d" % i for i in range(5000)) + b"\n"),
    ("csv semicolons", b"case_id;activity;timestamp\nc1;ST0;2024-01-01\n"),
    ("csv markup cells", _CSV_HEADER + b"<script>alert(1)</script>,# Heading,:material/home:\n"),
    ("xml malformed", b"<log><trace><event></log>"),
    ("xml xxe", _XXE),
    ("xml billion laughs", _BILLION_LAUGHS_XML),
    ("xml deep nesting", b"<log>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</log>"),
    ("xml wrong root", b'<?xml version="1.0"?><html><body>hi</body></html>'),
    ("xml utf-16", '<?xml version="1.0" encoding="UTF-16"?><log/>'.encode("utf-16")),
    ("yaml billion laughs", _BILLION_LAUGHS_YAML),
    ("yaml deep nesting", b"[" * 10_000 + b"]" * 10_000),
    ("yaml deep mapping", b"a:\n" + b"".join(b" " * i + b"a:\n" for i in range(1, 2000))),
    ("yaml python tag", b"!!python/object/apply:os.system ['echo pwned']\n"),
    ("yaml tabs", b"a:\n\tb: 1\n"),
    ("yaml duplicate keys", b"version: 1\nversion: 2\n"),
    ("yaml huge int", b"version: " + b"9" * 5000 + b"\n"),
    ("yaml scalar", b"just a string\n"),
    ("yaml list", b"- 1\n- 2\n"),
    ("yaml unclosed quote", b'title: "unclosed\n'),
    ("json deep nesting", b"[" * 100_000 + b"]" * 100_000),
    ("json nan", b'{"a": NaN, "b": Infinity}'),
    ("json huge number", b'{"a": 1e999, "b": ' + b"9" * 5000 + b"}"),
    ("json duplicate keys", b'{"a": 1, "a": 2}'),
    ("json truncated", b'{"format": "risk-app evidence pack", "a": [1, 2'),
    ("json wrong top level", b"[1, 2, 3]"),
    ("json string", b'"just a string"'),
]
