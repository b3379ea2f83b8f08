#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into DIR/<target>/, from testdata/ and patterns/.

Usage: fuzz/seeds.py SRC_DIR BUILD_DIR OUT_DIR
Nothing here is copied into the repository: seeds are made at run time, in a temporary directory.
BUILD_DIR's rpt-aggregate writes the partial seeds (so they are in the format of this version).
"""
import glob, hashlib, json, os, random, subprocess, sys

src, build, out = sys.argv[1:4]
random.seed(11)

def put(target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)

def small(path, limit=12000):
    with open(path, "rb") as f:
        return f.read(limit)

texts = sorted(glob.glob(os.path.join(src, "testdata/seeds/*.txt")))
pages = sorted(glob.glob(os.path.join(src, "testdata/pages/*.html")))[:8]
jsonls = sorted(glob.glob(os.path.join(src, "testdata/**/*.jsonl"), recursive=True))

# jsonl: a few lines of each JSON Lines file of testdata, and hand-made edges.
for p in jsonls[:12]:
    lines = small(p, 6000).split(b"\n")[:4]
    put("jsonl", b"\n".join(lines) + b"\n")
for edge in [b'\xef\xbb\xbf{"text":"a"}\n', b'{"a":1}\r{"b":2}\r', b'{"a":1}\r\n\r\n{"b":[1,2,{"c":null}]}',
             b'{"text":"x","m":tru}\n', b'{"n":1e400}\n{"n":18446744073709551616}\n', b'[1]\n"s"\n{}\n']:
    put("jsonl", edge)

# split: a mode byte (format, encoding) then a report. Text, HTML and JSON Lines; UTF-8, GB18030
# and UTF-16 encodings of a seed.
for i, p in enumerate(texts):
    body = small(p, 6000)
    put("split", bytes([0]) + body)
    t = body.decode("utf-8", "ignore")
    put("split", bytes([0 | (2 << 2)]) + t.encode("gb18030", "ignore"))
    put("split", bytes([0 | (3 << 2)]) + t.encode("utf-16-le"))
    put("split", bytes([2]) + json.dumps({"text": t[:2000], "title": "t", "year": 2024,
                                           "m": {"a": [1, 2.5, None, True]}}, ensure_ascii=False).encode() + b"\n")
for p in pages[:4]:
    put("split", bytes([1]) + small(p, 8000))

# html
for p in pages:
    put("html", small(p, 16000))

# numeral: sentences with numbers, two bytes a code point (see fuzz_numeral.cpp).
alphabet = "0123456789.,%-~ 〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟兩余多几约近超过逾以上下内左右第是分之点成倍个年月日号期级批届亿元人次、：——－～％．，"
def encode_numeral(s):
    b = bytearray()
    for ch in s:
        cp = ord(ch)
        if ch in alphabet:
            v = 0x8000 | alphabet.index(ch)
        elif cp < 0x4000:
            v = cp
        elif 0x4E00 <= cp < 0x4E00 + 0x4000:
            v = cp - 0x4E00 + 0x4000
        else:
            continue
        b += bytes([v >> 8, v & 255])
    return bytes(b)
sentences = []
for p in texts:
    for line in small(p, 40000).decode("utf-8", "ignore").split("。"):
        if any(c.isdigit() or c in "一二三四五六七八九十百千万亿" for c in line) and len(line) < 120:
            sentences.append(line)
random.shuffle(sentences)
for s in sentences[:150]:
    put("numeral", encode_numeral(s))
for s in ["一千二百三十四", "约3.5万亿元", "百分之八十五", "三、四个", "1 9 9 7 年", "十余", "三十万多亿", "1" + "0" * 400]:
    put("numeral", encode_numeral(s))

# pack: the small packs of patterns/tag, and edges.
for p in sorted(glob.glob(os.path.join(src, "patterns/tag/*.pack"))):
    put("pack", small(p, 3000))
put("pack", "[a.b]\nterms: 法治 依法\nregex: 法制审核(?:率|制度)\nunless: 人事三项制度\n".encode())

# partial: rpt aggregate --partial over generated records, with the fuzz target's aggregation.
recs = []
for i in range(40):
    v = random.choice([i, i * 1.5, -i, 1e300, "x%d" % i, None, True])
    recs.append(json.dumps({"k": random.choice(["a", "b", 3, None]), "v": v}))
inp = os.path.join(out, "records.jsonl")
with open(inp, "w") as f:
    f.write("\n".join(recs) + "\n")
agg = os.path.join(build, "rpt-aggregate")
for n in (5, 40):
    with open(inp, "w") as f:
        f.write("\n".join(recs[:n]) + "\n")
    r = subprocess.run([agg, "--quiet", "--partial", "-b", "k", "-c", "--sum", "v", "--mean", "v", "--min", "v",
                        "--max", "v", "--distinct", "v", "--approx-distinct", "v", "--top", "v:3",
                        "--percentiles", "v:50,90", "--values", "v:3", "--first", "v", "--last", "v", inp],
                       capture_output=True)
    if r.returncode == 0:
        put("partial", b"\x00" + r.stdout)
        put("partial", b"\x01" + r.stdout)
os.remove(inp)
