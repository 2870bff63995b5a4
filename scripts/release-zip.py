#!/usr/bin/env python3
"""Pack the Windows release zip, byte-for-byte reproducibly.

Called by scripts/release.sh. Writes OUT (a .zip) holding, flat:
  oqscert.exe                    the built exe, as is
  はじめにお読みください.txt      assets/release/readme-ja.txt with the
                                 version and the help line from
                                 assets/codes.toml filled in; UTF-8 with
                                 BOM and CRLF, as Notepad expects
  ベンダー向け点検.txt            assets/release/vendor-check-ja.txt: what a
                                 vendor checks on the first real PC
                                 (selftest, docs/REAL-WINDOWS.md); BOM + CRLF
  LICENSE                        the project's licence, as is
  THIRD-PARTY-LICENSES.txt       from scripts/licenses.py (BOM + CRLF)
  answers-example.toml           assets/answers-example.toml, as is
  SHA256SUMS                     sha256sum format, over the files above

Reproducible: entries sorted by name, every timestamp the given epoch
(SOURCE_DATE_EPOCH), fixed permissions and creator system, fixed
compression level. The zip CLI would stamp the files' mtimes instead.
"""

import argparse
import hashlib
import os
import re
import sys
import time
import tomllib
import zipfile

README_NAME = "はじめにお読みください.txt"
VENDOR_CHECK_NAME = "ベンダー向け点検.txt"


def windows_text(text):
    """UTF-8 with BOM and CRLF line ends, from LF text."""
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def readme(root, version):
    with open(os.path.join(root, "assets/codes.toml"), "rb") as f:
        codes = tomllib.load(f)
    help_line = codes["help_line"]
    values = {
        "@VERSION@": version,
        "@HELP_NAME@": help_line["name_ja"],
        "@HELP_PHONE@": help_line["phone"],
        "@HELP_HOURS@": help_line["hours_ja"],
        "@OQS_ACCOUNT@": codes["windows"]["oqs_account"],
        "@MAIL_MIN_DAYS@": str(codes["lifetime"]["mail_expected_min_days"]),
        "@MAIL_MAX_DAYS@": str(codes["lifetime"]["mail_expected_max_days"]),
    }
    with open(os.path.join(root, "assets/release/readme-ja.txt"), encoding="utf-8") as f:
        text = f.read()
    for key, value in values.items():
        text = text.replace(key, value)
    leftover = re.findall(r"@[A-Z_]+@", text)
    if leftover:
        sys.exit(f"release-zip.py: unfilled placeholders in the readme: {leftover}")
    return windows_text(text)


def vendor_check(root, version):
    with open(os.path.join(root, "assets/release/vendor-check-ja.txt"), encoding="utf-8") as f:
        text = f.read().replace("@VERSION@", version)
    leftover = re.findall(r"@[A-Z_]+@", text)
    if leftover:
        sys.exit(f"release-zip.py: unfilled placeholders in the vendor check: {leftover}")
    return windows_text(text)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def zip_time(epoch):
    """The zip's (DOS) time for SOURCE_DATE_EPOCH, in UTC; DOS time
    starts in 1980."""
    t = time.gmtime(max(int(epoch), 315532800))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def main():
    ap = argparse.ArgumentParser(description="Pack the oqscert Windows release zip.")
    ap.add_argument("--root", required=True, help="the source tree")
    ap.add_argument("--exe", required=True)
    ap.add_argument("--third-party", required=True, help="licenses.py output")
    ap.add_argument("--version", required=True)
    ap.add_argument("--epoch", required=True, help="SOURCE_DATE_EPOCH")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    files = {
        "oqscert.exe": read(a.exe),
        README_NAME: readme(a.root, a.version),
        VENDOR_CHECK_NAME: vendor_check(a.root, a.version),
        "LICENSE": read(os.path.join(a.root, "LICENSE")),
        "THIRD-PARTY-LICENSES.txt": windows_text(read(a.third_party).decode("utf-8")),
        "answers-example.toml": read(os.path.join(a.root, "assets/answers-example.toml")),
    }
    names = sorted(files, key=lambda n: n.encode("utf-8"))
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in names
    ).encode("utf-8")

    when = zip_time(a.epoch)
    tmp = a.out + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for name in sorted(files, key=lambda n: n.encode("utf-8")):
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3  # Unix, so the mode bits below are read
            mode = 0o755 if name.endswith(".exe") else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            # Non-ASCII names (the readme) get the UTF-8 flag (bit 11)
            # from zipfile itself.
            z.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    os.replace(tmp, a.out)
    for name in sorted(files, key=lambda n: n.encode("utf-8")):
        print(f"  {len(files[name]):>10}  {name}")


if __name__ == "__main__":
    main()
