"""Shared by the CI tests (sarif, github, batch, baseline, min_kernel,
pre_commit): small BPF C programs compiled at test time with clang-19 -g,
so their BTF line info carries the source line text bpfcheck reads."""

import subprocess
import sys
from pathlib import Path

HEADER = "#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n\n"
LICENSE = '\nchar LICENSE[] SEC("license") = "GPL";\n'

# An XDP program that checks its bounds: passes.
PASS = HEADER + """SEC("xdp")
int read_checked(struct xdp_md *ctx)
{
    unsigned char *data = (void *)(long)ctx->data;
    unsigned char *end = (void *)(long)ctx->data_end;
    if (data + 15 > end)
        return XDP_PASS;
    return data[14] == 6 ? XDP_DROP : XDP_PASS;
}
""" + LICENSE

# An XDP program that reads the packet unchecked: packet.bounds at the
# line of `data[14]`. PREFIX lines go before the program (to move it).
def failing(prefix="", comment="", extra_read=False):
    extra = "    if (data[20] == 1)\n        return XDP_ABORTED;\n" if extra_read else ""
    return (HEADER + prefix + 'SEC("xdp")\nint read_unchecked(struct xdp_md *ctx)\n{\n'
            "    unsigned char *data = (void *)(long)ctx->data;\n" + extra +
            f"    return data[14] == 6 ? XDP_DROP : XDP_PASS;{comment}\n}}\n" + LICENSE)


def compile_c(clang, source_text, path):
    """Write SOURCE_TEXT next to PATH (.c) and compile it to PATH."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    source = path.with_suffix(".c")  # x.bpf.o -> x.bpf.c
    source.write_text(source_text)
    command = [clang, "-g", "-O2", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c", str(source), "-o",
               str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"cannot compile {source}: {done.stderr}")
    return path


class Checker:
    """Counts failed expectations; exits 1 at the end when any failed."""

    def __init__(self):
        self.failures = 0

    def expect(self, condition, message):
        if not condition:
            self.failures += 1
            print(f"FAIL: {message}")
        return condition

    def finish(self, name):
        if self.failures:
            print(f"{name}: {self.failures} failure(s)")
            sys.exit(1)
        print(f"{name}: ok")
        sys.exit(0)


def run(command, **kwargs):
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
