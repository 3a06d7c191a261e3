"""python/platform_tag.py MODULE: print the wheel platform tag that is true
of the shared object MODULE (trtc.so), and why on stderr.

    python3 python/platform_tag.py .libs/trtc.so
    # -> manylinux_2_17_x86_64.manylinux2014_x86_64

A manylinux_2_N tag promises that the file runs on any Linux with glibc
2.N or newer and needs no library beyond the few every such system has
(PEP 600). So: the architecture comes from the ELF header; the libraries
it needs (readelf -d) must all be in ALLOWED; the newest GLIBC_2.x symbol
version it needs (readelf -V) gives N, never below 17 (manylinux2014,
the oldest policy pip and auditwheel still build for; its legacy alias is
added for older pips). A module that needs anything else (a sanitizer
runtime, say) gets the plain linux_ARCH tag: it runs only where it was
built.
"""
import os
import re
import subprocess
import sys

ALLOWED = {"libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0"}
FLOOR = 17
# e_machine -> (architecture of 64-bit little-endian, of 32-bit, of 64-bit big-endian)
MACHINES = {62: "x86_64", 3: "i686", 183: "aarch64", 40: "armv7l", 21: "ppc64le", 22: "s390x"}


def arch_of(path):
    with open(path, "rb") as f:
        head = f.read(20)
    if head[:4] != b"\x7fELF":
        sys.exit("platform_tag.py: %s is not an ELF file" % path)
    endian = "little" if head[5] == 1 else "big"
    machine = int.from_bytes(head[18:20], endian)
    arch = MACHINES.get(machine)
    if arch == "ppc64le" and endian == "big":
        arch = "ppc64"
    if arch is None:
        sys.exit("platform_tag.py: %s: unknown ELF machine %d" % (path, machine))
    return arch


def readelf(args, path):
    return subprocess.run(["readelf", "-W"] + args + [path], check=True,
                          stdout=subprocess.PIPE, universal_newlines=True).stdout


def main(path):
    name = os.path.basename(path)
    arch = arch_of(path)
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", readelf(["-d"], path)))
    versions = [tuple(int(x) for x in v.split("."))
                for v in re.findall(r"Name: GLIBC_([0-9]+(?:\.[0-9]+)+)", readelf(["-V"], path))]
    newest = max(versions, default=(2, 0))
    others = sorted(needed - ALLOWED)
    if others:
        print("%s needs %s, which a manylinux system need not have: linux_%s" % (
            name, ", ".join(others), arch), file=sys.stderr)
        return "linux_" + arch
    minor = max(newest[1], FLOOR)
    tag = "manylinux_2_%d_%s" % (minor, arch)
    if minor == FLOOR:
        tag += ".manylinux2014_" + arch
    print("%s needs only %s and glibc symbol versions up to GLIBC_%s: %s" % (
        name, ", ".join(sorted(needed)) or "nothing", ".".join(map(str, newest)), tag), file=sys.stderr)
    return tag


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: platform_tag.py MODULE")
    print(main(sys.argv[1]))
