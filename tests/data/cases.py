"""The test-data cases (test-data/README.md): finding them, parsing and
validating their headers, compiling them, running bpfcheck on them, and
comparing its diagnostics with their `expect:` lines. Shared by run_cases.py
and kernel_compare.py; Python 3 standard library only."""

import concurrent.futures
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import time
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CASES = os.path.join(REPO, "test-data", "cases")

SINGLE_KEYS = ("case", "type", "program", "args", "kernel", "kernel-differs", "xfail", "requires")
# What a `requires:` line may name. A file this machine must have (both
# runners skip the case without it), or a feature of the running kernel that
# its build decides, not its version: the case's `kernel:` line is the
# verdict of a kernel with (without) private stacks. run_cases.py checks
# bpfcheck's expectations on every machine, stating the feature with
# `--private-stack yes|no`; kernel_compare.py loads the case only where the
# running kernel has the feature (running_kernel_features) and lets bpfcheck
# probe the kernel itself. `arena`: the running kernel creates arena maps
# (some refuse to); kernel_compare.py compares such cases only where it does.
# `dynptr-slice-rdwr`: the running kernel lets a tc program call
# bpf_dynptr_slice_rdwr (some builds refuse it: "... is not allowed").
# `non-gpl-btf-refused`: the running kernel refuses a non-GPL program that
# reads a kernel struct through a BTF pointer (a rule of Linux 6.2 on).
# `trampoline`: the running kernel loads fentry/fexit/fmod_ret programs (a
# BPF trampoline; some builds refuse the load with EPERM before the
# verifier). `bpf-lsm`: it loads BPF LSM programs (CONFIG_BPF_LSM).
# `raw-tp-error-args` / `raw-tp-nullable-args`: it hands a tp_btf program
# the raw tracepoint arguments its raw_tp_null_args table lists as numbers
# (may hold an ERR_PTR) / maybe-NULL pointers (Linux 6.13 on).
# `exception-callback`: the runners' loader appends a program's exception
# callback (libbpf 1.3 on) and the kernel takes it (Linux 6.7 on).
# `xdp-adjust-meta`: it offers bpf_xdp_adjust_meta to XDP programs (some
# builds leave it out: "program of this type cannot use helper").
# `neg-range-tracking`: it keeps a register's bounds through BPF_NEG (Linux
# 6.17 on; earlier kernels make the register unknown).
# `bswap-bit-tracking`: it keeps a register's known bits through a byte swap
# (Linux 7.0, and the 6.19 and 6.18 stable series; earlier kernels make the
# register unknown).
# `kernel-config`: the running kernel's build configuration, where libbpf
# reads it to fill CONFIG_ externs (/boot/config-$(uname -r), else
# /proc/config.gz); without it libbpf refuses such an object.
FILE_REQUIREMENTS = {
    "kernel-btf": ("/sys/kernel/btf/vmlinux",),
    "kernel-config": (f"/boot/config-{os.uname().release}", "/proc/config.gz"),
}
KERNEL_FEATURES = {
    "private-stack": ("private_stack", True),
    "no-private-stack": ("private_stack", False),
    "arena": ("arena", True),
    "dynptr-slice-rdwr": ("writable_dynptr_slice", True),
    "non-gpl-btf-refused": ("non_gpl_btf_refused", True),
    "trampoline": ("trampoline", True),
    "bpf-lsm": ("bpf_lsm", True),
    "raw-tp-error-args": ("raw_tp_error_args", True),
    "raw-tp-nullable-args": ("raw_tp_nullable_args", True),
    "exception-callback": ("exception_callback", True),
    "xdp-adjust-meta": ("xdp_adjust_meta_helper", True),
    "neg-range-tracking": ("neg_range_tracking", True),
    "bswap-bit-tracking": ("bswap_bit_tracking", True),
}
REQUIREMENTS = tuple(FILE_REQUIREMENTS) + tuple(KERNEL_FEATURES)
FEATURE_PROBES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "features")
KNOWN_KEYS = SINGLE_KEYS + ("expect", "explains")
KEY_LINE = re.compile(r"^\s*(?://|#)\s*([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")
EXPECT_VALUE = re.compile(r"^([A-Za-z0-9_.-]+)\s*@\s*(line|insn)\s+(\d+)$")

CHECK_TIMEOUT = 120  # seconds per bpfcheck or loader run


@dataclass(frozen=True, order=True)
class Expectation:
    id: str
    kind: str  # "line" or "insn"
    number: int

    def __str__(self):
        return f"{self.id} @ {self.kind} {self.number}"


@dataclass
class Case:
    path: str  # absolute
    name: str  # relative to the cases directory, e.g. "packet/oob_read.c"
    language: str  # "c" or "asm"
    description: str = ""
    type: str = ""
    programs: list = field(default_factory=list)
    args: list = field(default_factory=list)
    expects: list = field(default_factory=list)  # of Expectation
    expect_pass: bool = False
    explains: list = field(default_factory=list)  # texts some diagnostic's notes or hint must contain
    kernel: str = ""
    kernel_differs: str = ""
    xfail: str = ""
    requires: list = field(default_factory=list)  # names from REQUIREMENTS
    errors: list = field(default_factory=list)  # header errors

    @property
    def unprivileged(self):
        return "--unprivileged" in self.args


def find_cases(root, substring=""):
    """Every *.c and *.s under root, sorted by relative path."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in sorted(files):
            if name.endswith((".c", ".s")):
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                if substring in relative:
                    found.append((relative, path))
    return [parse_case(path, relative) for relative, path in sorted(found)]


def _is_comment(line, language):
    stripped = line.lstrip()
    if language == "c":
        return stripped.startswith("//")
    return stripped.startswith("#") or stripped.startswith("//")


def parse_case(path, name):
    language = "c" if path.endswith(".c") else "asm"
    case = Case(path=os.path.abspath(path), name=name, language=language)
    try:
        with open(path, encoding="utf-8") as source:
            lines = source.read().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        case.errors.append(f"cannot read: {error}")
        return case

    header_end = 0  # number of header lines
    while header_end < len(lines) and _is_comment(lines[header_end], language):
        header_end += 1
    seen = {}
    for number, line in enumerate(lines[:header_end], start=1):
        match = KEY_LINE.match(line)
        if not match:
            continue  # prose in the header
        key, value = match.group(1), match.group(2)
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key.lower(), KNOWN_KEYS, n=1, cutoff=0.75)
            if close or key.lower() in KNOWN_KEYS:
                case.errors.append(f"line {number}: unknown header key '{key}:' (did you mean '{close[0] if close else key.lower()}:'?)")
            continue
        if key in SINGLE_KEYS:
            if key in seen:
                case.errors.append(f"line {number}: '{key}:' given twice (first on line {seen[key]})")
                continue
            seen[key] = number
        _apply_key(case, key, value, number, len(lines), header_end)

    # Header keys further down are ignored by the format: say so.
    for number, line in enumerate(lines[header_end:], start=header_end + 1):
        if _is_comment(line, language):
            match = KEY_LINE.match(line)
            if match and match.group(1) in ("expect", "kernel", "kernel-differs", "xfail", "case"):
                case.errors.append(
                    f"line {number}: '{match.group(1)}:' after the header (the header is the comment lines "
                    f"opening the file, lines 1-{header_end})")

    if not case.description:
        case.errors.append("missing required 'case:' line")
    if not case.kernel:
        if "kernel" not in seen:
            case.errors.append("missing required 'kernel:' line (accept, reject or load-error)")
    if not case.expects and not case.expect_pass:
        case.errors.append("no 'expect:' line (give 'expect: pass' or one 'expect: ID @ line N' per diagnostic)")
    if case.expect_pass and case.expects:
        case.errors.append("'expect: pass' excludes other 'expect:' lines")
    if case.expect_pass and case.kernel and not case.xfail:
        agree = case.kernel == "accept"
        if agree and case.kernel_differs:
            case.errors.append("'kernel-differs:' but 'expect: pass' and 'kernel: accept' agree")
        if not agree and not case.kernel_differs:
            case.errors.append(f"'expect: pass' with 'kernel: {case.kernel}' needs 'kernel-differs:' (why the kernel "
                               f"refuses it)")
    return case


def _apply_key(case, key, value, number, line_count, header_end):
    if key != "expect" and key not in ("program", "args") and not value:
        case.errors.append(f"line {number}: '{key}:' has no value")
        return
    if key == "case":
        case.description = value
    elif key == "type":
        if not re.fullmatch(r"[A-Za-z0-9_/.-]+", value):
            case.errors.append(f"line {number}: 'type: {value}' is not one program type name")
        case.type = value
    elif key == "program":
        case.programs = [p for p in re.split(r"[\s,]+", value) if p]
        if not case.programs:
            case.errors.append(f"line {number}: 'program:' has no value")
    elif key == "args":
        try:
            case.args = shlex.split(value)
        except ValueError as error:
            case.errors.append(f"line {number}: 'args:' {error}")
        for arg in case.args:
            if arg.split("=")[0] in ("--format", "--program", "--type"):
                case.errors.append(f"line {number}: 'args:' must not give {arg} (use the header key / the runner sets it)")
    elif key == "kernel":
        if value not in ("accept", "reject", "load-error"):
            case.errors.append(f"line {number}: 'kernel: {value}' must be 'accept', 'reject' or 'load-error' "
                               f"(libbpf refuses the object before the verifier runs)")
        else:
            case.kernel = value
    elif key == "kernel-differs":
        case.kernel_differs = value
    elif key == "xfail":
        case.xfail = value
    elif key == "requires":
        for name in (n for n in re.split(r"[\s,]+", value) if n):
            if name not in REQUIREMENTS:
                case.errors.append(f"line {number}: 'requires: {name}' must be one of {', '.join(REQUIREMENTS)}")
            else:
                case.requires.append(name)
        features = [KERNEL_FEATURES[n][0] for n in case.requires if n in KERNEL_FEATURES]
        if len(features) != len(set(features)):
            case.errors.append(f"line {number}: 'requires: {value}' names one kernel feature twice")
    elif key == "explains":
        case.explains.append(value)
    elif key == "expect":
        if value == "pass":
            if case.expect_pass:
                case.errors.append(f"line {number}: 'expect: pass' given twice")
            case.expect_pass = True
            return
        match = EXPECT_VALUE.match(value)
        if not match:
            case.errors.append(f"line {number}: 'expect: {value}' is neither 'pass' nor 'ID @ line N' / 'ID @ insn N'")
            return
        expectation = Expectation(match.group(1), match.group(2), int(match.group(3)))
        if expectation.kind == "line":
            if case.language == "asm":
                case.errors.append(f"line {number}: 'expect: {value}': assembly has no line info, use '@ insn N'")
                return
            if expectation.number > line_count or expectation.number <= header_end:
                case.errors.append(f"line {number}: 'expect: {value}': line {expectation.number} is not a line of "
                                   f"the program (header ends at {header_end}, file has {line_count})")
                return
        if expectation in case.expects:
            case.errors.append(f"line {number}: 'expect: {value}' given twice")
            return
        case.expects.append(expectation)


# ---------------------------------------------------------------------------
# Tools

def find_tool(explicit, names):
    if explicit:
        return explicit
    for name in names:
        found = shutil.which(name) or shutil.which(name, path="/usr/lib/llvm-19/bin")
        if found:
            return found
    return None


def default_bpfcheck():
    found = shutil.which("bpfcheck")
    if found:
        return found
    for build in ("build", "build-cases", "build-unit"):
        candidate = os.path.join(REPO, build, "bpfcheck")
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def add_tool_arguments(parser):
    parser.add_argument("--bpfcheck", help="bpfcheck executable (default: PATH, then REPO/build/bpfcheck)")
    parser.add_argument("--cases", default=DEFAULT_CASES, help="cases directory (default: %(default)s)")
    parser.add_argument("--work", help="directory for compiled objects (default: a directory under /tmp)")
    parser.add_argument("--filter", default="", help="only cases whose relative path contains SUBSTRING")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="parallel cases")
    parser.add_argument("--clang", help="clang-19 (default: PATH or /usr/lib/llvm-19/bin)")
    parser.add_argument("--llvm-mc", help="llvm-mc-19 (default: PATH or /usr/lib/llvm-19/bin)")
    parser.add_argument("--timeout", type=float, default=30,
                        help="bpfcheck's --timeout per program in seconds, unless a case's args give one "
                             "(default: %(default)s; 0: bpfcheck's own default)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print bpfcheck's output for every case")


def resolve_tools(args, prog):
    """Fills in defaults; returns an error message or None."""
    args.bpfcheck = args.bpfcheck or default_bpfcheck()
    args.clang = find_tool(args.clang, ["clang-19"])
    args.llvm_mc = find_tool(args.llvm_mc, ["llvm-mc-19"])
    for option, value in (("--bpfcheck", args.bpfcheck), ("--clang", args.clang), ("--llvm-mc", args.llvm_mc)):
        if not value or not os.access(value, os.X_OK):
            return f"{prog}: cannot find an executable for {option} ({value or 'not found'})"
    if not os.path.isdir(args.cases):
        return f"{prog}: no cases directory {args.cases}"
    if not args.work:
        args.work = os.path.join("/tmp", f"bpfcheck-{prog}-{os.getuid()}")
    os.makedirs(args.work, exist_ok=True)
    args.jobs = max(1, args.jobs)
    return None


# ---------------------------------------------------------------------------
# Compiling and checking

def compile_case(case, args):
    """Returns (object path, None) or (None, error text)."""
    output = os.path.join(args.work, case.name + ".o")  # foo.c.o: foo.s may sit next to foo.c
    os.makedirs(os.path.dirname(output), exist_ok=True)
    if case.language == "c":
        command = [args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu",
                   "-c", case.path, "-o", output]
    else:
        command = [args.llvm_mc, "-triple", "bpfel", "-mcpu=v4", "-filetype=obj", case.path, "-o", output]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"{shlex.join(command)}: {error}"
    if done.returncode != 0:
        return None, f"$ {shlex.join(command)}\n{done.stdout}{done.stderr}".rstrip()
    return output, None


def stated_private_stack(case, args):
    """The --private-stack bpfcheck is given: the runner's --private-stack
    when it forces one (yes/no), else what the case's `requires:` names; none
    under --private-stack running (the kernel comparison: bpfcheck probes the
    running kernel), nor when the case names its target (--kernel) or the
    setting itself."""
    if any(a.split("=")[0] in ("--kernel", "--private-stack") for a in case.args):
        return None
    forced = getattr(args, "private_stack", "case")
    if forced in ("yes", "no"):
        return forced
    if forced == "running":
        return None
    for name in case.requires:
        if name in KERNEL_FEATURES and KERNEL_FEATURES[name][0] == "private_stack":
            return "yes" if KERNEL_FEATURES[name][1] else "no"
    return None


def bpfcheck_command(case, args, obj, output_format):
    command = [args.bpfcheck, "check", obj, "--format", output_format]
    stated = stated_private_stack(case, args)
    if stated:
        command += ["--private-stack", stated]
    for program in case.programs:
        command += ["--program", program]
    if case.type:
        command += ["--type", case.type]
    if args.timeout and not any(a.split("=")[0] == "--timeout" for a in case.args):
        command += ["--timeout", f"{args.timeout:g}"]
    return command + case.args


@dataclass
class CheckRun:
    command: list
    returncode: int = 0
    report: dict = None  # bpfcheck's JSON document
    stderr: str = ""
    error: str = ""  # why there is no usable report
    seconds: float = 0.0

    @property
    def programs(self):
        return self.report.get("programs", []) if self.report else []

    @property
    def verdict(self):
        """pass / fail / error over the programs checked."""
        if self.report is None or not self.programs:
            return "error"
        verdicts = [p.get("verdict") for p in self.programs]
        if "error" in verdicts:
            return "error"
        return "fail" if "fail" in verdicts else "pass"


def run_bpfcheck(case, args, obj):
    command = bpfcheck_command(case, args, obj, "json")
    run = CheckRun(command)
    start = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_TIMEOUT)
        run.seconds = time.monotonic() - start
    except subprocess.TimeoutExpired:
        run.error = f"bpfcheck did not finish in {CHECK_TIMEOUT} s"
        return run
    except OSError as error:
        run.error = str(error)
        return run
    run.returncode, run.stderr = done.returncode, done.stderr
    if done.returncode < 0:
        run.error = f"bpfcheck died with signal {-done.returncode}"
        return run
    try:
        report = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError as error:
        run.error = f"bpfcheck printed invalid JSON ({error})"
        return run
    if isinstance(report, list):  # one document per object; we pass one object
        report = report[0] if report else None
    if report is None:
        run.error = f"bpfcheck exited {done.returncode} without a report"
        return run
    run.report = report
    expected_exit = {"pass": 0, "fail": 1, "error": 2}[run.verdict]
    if done.returncode != expected_exit:
        run.error = f"bpfcheck exited {done.returncode} but its verdict is {run.verdict}"
    return run


def text_output(case, args, obj, run=None):
    """bpfcheck's text output, to show when a case fails. A check that took
    long is not run again: its JSON report is summarised instead."""
    if run is not None and run.seconds > 5:
        lines = [f"$ {shlex.join(run.command)}   (exit {run.returncode}, {run.seconds:.1f} s; not rerun for text)"]
        for program in run.programs:
            lines.append(f"{program.get('name')} ({program.get('type')}): {program.get('verdict')}"
                         + (f" ({program['error']})" if program.get("error") else ""))
            for d in program.get("diagnostics", []):
                lines.append(f"  {d.get('file')}:{d.get('line')}: insn {d.get('insn')}: {d.get('severity')}: "
                             f"{d.get('message')} [{d.get('id')}]")
        return "\n".join(lines)
    command = bpfcheck_command(case, args, obj, "text")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"$ {shlex.join(command)}\n{error}"
    return f"$ {shlex.join(command)}   (exit {done.returncode})\n{done.stdout}{done.stderr}".rstrip()


@dataclass
class Reported:
    id: str
    severity: str
    insn: int
    line: int  # None without line info, or when the line is in another file
    where: str  # "file:line" outside the case's file, else ""
    program: str
    explanation: str = ""  # the notes and the hint, one per line

    def matches(self, expectation):
        if self.id != expectation.id:
            return False
        if expectation.kind == "insn":
            return self.insn == expectation.number
        return self.line == expectation.number

    def __str__(self):
        if self.line is not None:
            text = f"{self.id} @ line {self.line} (insn {self.insn}"
        else:
            text = f"{self.id} @ insn {self.insn} ("
            text += f"at {self.where}" if self.where else "no line info"
        text += f", {self.severity}"
        return text + (f", program {self.program})" if self.program else ")")


def reported_diagnostics(case, run):
    """The errors and warnings of the checked programs."""
    found = []
    multiple = len(run.programs) > 1
    for program in run.programs:
        for diagnostic in program.get("diagnostics", []):
            if diagnostic.get("severity") not in ("error", "warning"):
                continue
            line, where = diagnostic.get("line"), ""
            file = diagnostic.get("file")
            if line is not None and file and os.path.basename(file) != os.path.basename(case.path):
                where, line = f"{os.path.basename(file)}:{line}", None
            explanation = "\n".join(diagnostic.get("notes", []) + [diagnostic.get("hint", "")])
            found.append(Reported(diagnostic.get("id", "?"), diagnostic.get("severity"), diagnostic.get("insn"),
                                  line, where, program.get("name", "?") if multiple else "", explanation))
    return found


def compare(case, reported):
    """(missing expectations, unexpected diagnostics)."""
    missing = [e for e in case.expects if not any(r.matches(e) for r in reported)]
    unexpected = [r for r in reported if not any(r.matches(e) for e in case.expects)]
    # One diagnostic per (id, line) is enough for the set comparison.
    seen, unique = set(), []
    for r in unexpected:
        key = (r.id, r.line, r.insn if r.line is None else None)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return missing, unique


def unexplained(case, reported):
    """The case's `explains:` texts that no reported diagnostic's notes or hint contain."""
    return [text for text in case.explains if not any(text in r.explanation for r in reported)]


def run_parallel(function, items, jobs):
    """function(item) for every item, results in the items' order."""
    if jobs <= 1 or len(items) <= 1:
        return [function(item) for item in items]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(function, items))


def indent(text, prefix="        "):
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def kallsyms_names():
    """The names the running kernel's symbol table (/proc/kallsyms) lists;
    empty where it cannot be read."""
    try:
        with open("/proc/kallsyms") as table:
            return {fields[2] for fields in (line.split() for line in table) if len(fields) >= 3}
    except OSError:
        return set()


def missing_requirement(case):
    """Why this machine cannot run the case ('' when it can): a missing file."""
    for name in case.requires:
        paths = FILE_REQUIREMENTS.get(name, ())
        if paths and not any(os.path.exists(path) for path in paths):
            return f"skipped: needs {name} ({' or '.join(paths)} is missing)"
    return ""


def left_out_by_running_kernel(missing, unexpected):
    """Why the case cannot pass on this machine ('' when it can): nothing
    expected is missing and every unexpected diagnostic is bpfcheck saying
    that the running kernel's build leaves out a helper the case calls, which
    it learns by asking that kernel through bpf() (helper.not_for_type, noted
    "asked through bpf()"; some builds leave out bpf_xdp_adjust_meta,
    bpf_override_return, bpf_probe_write_user). The case's expectations are
    for a kernel that offers the helper."""
    if missing or not unexpected:
        return ""
    if not all(r.id == "helper.not_for_type" and "asked through bpf()" in r.explanation for r in unexpected):
        return ""
    lines = ", ".join(str(r.line) if r.line is not None else f"insn {r.insn}" for r in unexpected)
    return (f"skipped: bpfcheck, asking the running kernel through bpf(), finds its build leaves out the helper the "
            f"case calls at line {lines} (helper.not_for_type): the case's expectations are for a kernel that "
            f"offers it")


def target_release(case):
    """(major, minor) of the newest release the case's `args: --kernel X.Y[,...]`
    names, or None."""
    newest = None
    for i, arg in enumerate(case.args):
        value = arg.split("=", 1)[1] if arg.startswith("--kernel=") else (
            case.args[i + 1] if arg == "--kernel" and i + 1 < len(case.args) else None)
        for release in (value or "").split(","):
            match = re.match(r"(\d+)\.(\d+)", release.strip())
            if match:
                newest = max(newest or (0, 0), (int(match.group(1)), int(match.group(2))))
    return newest


def running_release():
    match = re.match(r"(\d+)\.(\d+)", os.uname().release)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def missing_kernel_feature(case, features, ignored=()):
    """Why the running kernel cannot give the case's `kernel:` verdict ('' when
    it can). features: running_kernel_features(); features named in `ignored`
    are not asked for. A case that targets a release newer than the running
    kernel (`args: --kernel X.Y`) states that release's verdict, whose rules
    an older kernel may not have: skipped there."""
    target = target_release(case)
    if target and running_release() < target:
        return (f"skipped: the case's kernel: line is Linux {target[0]}.{target[1]}'s; the running kernel "
                f"({os.uname().release}) is older")
    for name in case.requires:
        if name not in KERNEL_FEATURES or KERNEL_FEATURES[name][0] in ignored:
            continue
        feature, wanted = KERNEL_FEATURES[name]
        has, how = features.get(feature, (None, "not probed"))
        if has is None:
            return f"skipped: needs {name}, and whether the running kernel has it is unknown ({how})"
        if has != wanted:
            state = "has" if has else "has no"
            return f"skipped: needs {name}; the running kernel {state} {feature.replace('_', ' ')}s ({how})"
    return ""


def load_feature_probe(name, args):
    """(verdict, log text) of loading tests/data/features/<name>.c with
    kernel_verdict; (None, why) when it could not be asked."""
    probe = parse_case(os.path.join(FEATURE_PROBES, f"{name}.c"), f"features/{name}.c")
    obj, error = compile_case(probe, args)
    if obj is None:
        return None, f"the probe does not compile: {error}"
    try:
        done = subprocess.run([args.kernel_verdict, obj], capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"kernel_verdict: {error}"
    results = []
    for line in done.stdout.splitlines():
        try:
            results.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    verdict = results[0].get("verdict") if results else None
    log = "\n".join(results[0].get("log_tail", [])) if results else done.stderr
    return verdict, log if log.strip() else f"exit {done.returncode}"


def running_kernel_features(args):
    """{feature: (True/False/None, how it was found)}: the running kernel's
    build-dependent features, each found by loading a program of
    tests/data/features with kernel_verdict. Needs bpf()."""
    features = {}
    verdict, log = load_feature_probe("private_stack", args)
    last = log.strip().splitlines()[-1] if log.strip() else ""
    if verdict == "accept":
        features["private_stack"] = (True, "a 528-byte kprobe call chain loads")
    elif verdict == "reject" and "combined stack size" in log:
        features["private_stack"] = (False, "the kernel refuses a 528-byte kprobe call chain: combined stack size")
    else:
        features["private_stack"] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    verdict, log = load_feature_probe("arena", args)
    last = log.strip().splitlines()[-1] if log.strip() else ""
    if verdict == "accept":
        features["arena"] = (True, "an arena map and a program writing a page of it load")
    elif verdict == "load_error" and "map 'arena'" in log:
        why = next(line.strip() for line in log.splitlines() if "map 'arena'" in line)
        features["arena"] = (False, f"the kernel does not create the arena map: {why}")
    else:
        features["arena"] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    verdict, log = load_feature_probe("dynptr_slice_rdwr", args)
    last = log.strip().splitlines()[-1] if log.strip() else ""
    if verdict == "accept":
        features["writable_dynptr_slice"] = (True, "a tc program writing through bpf_dynptr_slice_rdwr loads")
    elif verdict == "reject" and "is not allowed" in log:
        why = next(line.strip() for line in log.splitlines() if "is not allowed" in line)
        features["writable_dynptr_slice"] = (False, f"the kernel refuses the call: {why}")
    else:
        features["writable_dynptr_slice"] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    verdict, log = load_feature_probe("non_gpl_kernel_struct_read", args)
    last = log.strip().splitlines()[-1] if log.strip() else ""
    if verdict == "reject" and "non-GPL compatible program" in log:
        why = next(line.strip() for line in log.splitlines() if "non-GPL compatible program" in line)
        features["non_gpl_btf_refused"] = (True, f"the kernel refuses the read: {why}")
    elif verdict == "accept":
        features["non_gpl_btf_refused"] = (False, "a non-GPL tp_btf program reading task_struct loads")
    else:
        features["non_gpl_btf_refused"] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    for probe, feature, message, what in (
            ("raw_tp_error_arg", "raw_tp_error_args", "invalid mem access 'scalar'",
             "signal_deliver's info argument as a number"),
            ("raw_tp_nullable_arg", "raw_tp_nullable_args", "invalid mem access 'trusted_ptr_or_null_'",
             "sched_pi_setprio's pi_task argument as maybe-NULL")):
        verdict, log = load_feature_probe(probe, args)
        last = log.strip().splitlines()[-1] if log.strip() else ""
        if verdict == "reject" and message in log:
            features[feature] = (True, f"the kernel types {what} ({message})")
        elif verdict == "accept":
            features[feature] = (False, f"the kernel does not type {what}: the unchecked read loads")
        else:
            features[feature] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    verdict, log = load_feature_probe("exception_callback", args)
    last = log.strip().splitlines()[-1] if log.strip() else ""
    if verdict == "accept":
        features["exception_callback"] = (True, "a tc program with an exception callback loads")
    elif verdict in ("reject", "load_error") and ("exception callback" in log or "bpf_throw" in log):
        why = next(line.strip() for line in log.splitlines() if "exception callback" in line or "bpf_throw" in line)
        features["exception_callback"] = (False, f"the loader or the kernel does not take an exception callback: {why}")
    else:
        features["exception_callback"] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    # Probes that load where the kernel has the feature and are refused, with
    # `refusal` in the log, where it lacks it: (probe, feature, what loads,
    # the refusal, what it means).
    for probe, feature, loads, refusal, lacks in (
            ("xdp_adjust_meta", "xdp_adjust_meta_helper", "an XDP program calling bpf_xdp_adjust_meta loads",
             "cannot use helper", "the kernel refuses the call"),
            ("neg_range_tracking", "neg_range_tracking", "a cgroup_skb verdict negated twice keeps its [0, 1] bounds",
             "should have been in", "the kernel loses a register's bounds through BPF_NEG"),
            ("bswap_bit_tracking", "bswap_bit_tracking", "a be16 result indexes a 64 KiB map value",
             "unbounded min value", "the kernel loses a register's bits through a byte swap")):
        verdict, log = load_feature_probe(probe, args)
        last = log.strip().splitlines()[-1] if log.strip() else ""
        if verdict == "accept":
            features[feature] = (True, loads)
        elif verdict == "reject" and refusal in log:
            why = next(line.strip() for line in log.splitlines() if refusal in line)
            features[feature] = (False, f"{lacks}: {why}")
        else:
            features[feature] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    for probe, feature, what in (("trampoline", "trampoline", "an fentry program"),
                                 ("bpf_lsm", "bpf_lsm", "an lsm program")):
        verdict, log = load_feature_probe(probe, args)
        last = log.strip().splitlines()[-1] if log.strip() else ""
        if verdict == "accept":
            features[feature] = (True, f"{what} loads")
        elif verdict == "load_error":
            first = log.strip().splitlines()[0] if log.strip() else ""
            features[feature] = (False, f"the kernel does not load {what}: {first}")
        else:
            features[feature] = (None, f"the probe gave {verdict or 'nothing'}: {last}")
    return features
