#!/usr/bin/env python3
"""The `bpfcheck-source` pre-commit hook: compile each BPF C source named
on the command line and verify the objects with the `bpfcheck` on the PATH.

The compile command comes from, in order:
- the nearest .bpfcheck.yaml above the source (walking up), its
  `compile: {command: clang, flags: [-O2, -g, -target, bpf, ...]}`;
- the nearest compile_commands.json (in a directory above the source, or
  its build/ subdirectory) that has an entry for the file: its command,
  with its output replaced.
Objects go to a temporary directory; the config, when there is one, is
passed to bpfcheck with --config. Exit 1 when a source does not compile or
has no compile command; otherwise bpfcheck's exit code.
Standard library only (PyYAML when present; else the compile: block is read
by a small parser that knows the form above)."""

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path


def find_up(start, names):
    for directory in [start, *start.parents]:
        for name in names:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def compile_settings(config_path):
    """(command, flags) of the config's compile: block, or None."""
    text = config_path.read_text()
    try:
        import yaml
        compile_block = (yaml.safe_load(text) or {}).get("compile") or {}
        command = compile_block.get("command")
        flags = compile_block.get("flags") or []
        return (command, [str(f) for f in flags]) if command else None
    except ImportError:
        pass
    command, flags, in_block, in_flags = None, [], False, False
    for line in text.splitlines():
        stripped = line.split(" #")[0].rstrip()
        if not stripped.strip():
            continue
        if not line.startswith((" ", "\t")):
            in_block = stripped.startswith("compile:")
            in_flags = False
            continue
        if not in_block:
            continue
        key, _, value = stripped.strip().partition(":")
        if stripped.strip().startswith("- ") and in_flags:
            flags.append(stripped.strip()[2:].strip().strip("'\""))
        elif key == "command":
            command = value.strip().strip("'\"")
        elif key == "flags":
            value = value.strip()
            in_flags = not value
            if value.startswith("["):
                flags = [f.strip().strip("'\"") for f in value.strip("[]").split(",") if f.strip()]
    return (command, flags) if command else None


def from_compile_commands(source):
    database = find_up(source.parent, ["compile_commands.json", "build/compile_commands.json"])
    if not database:
        return None
    for entry in json.loads(database.read_text()):
        directory = Path(entry.get("directory", database.parent))
        if (directory / entry["file"]).resolve() != source:
            continue
        arguments = entry.get("arguments") or shlex.split(entry["command"])
        out = []
        skip = False
        for argument in arguments:
            if skip:
                skip = False
            elif argument == "-o":
                skip = True
            elif not argument.startswith("-o") or argument.startswith("-O"):
                out.append(argument)
        return out, directory
    return None


def main(paths):
    bpfcheck = os.environ.get("BPFCHECK", "bpfcheck")
    status = 0
    objects = []
    configs = set()
    with tempfile.TemporaryDirectory(prefix="bpfcheck-hook-") as temporary:
        for index, name in enumerate(paths):
            source = Path(name).resolve()
            output = Path(temporary) / f"{index}-{source.stem}.o"
            config = find_up(source.parent, [".bpfcheck.yaml"])
            settings = compile_settings(config) if config else None
            if settings:
                command, flags = settings
                argv, cwd = [command, *flags, "-c", str(source), "-o", str(output)], source.parent
                configs.add(config)
            else:
                found = from_compile_commands(source)
                if not found:
                    print(f"{name}: no compile command: add `compile:` to .bpfcheck.yaml or generate "
                          "compile_commands.json", file=sys.stderr)
                    status = 1
                    continue
                arguments, cwd = found
                argv = [*arguments, "-o", str(output)]
            done = subprocess.run(argv, cwd=cwd)
            if done.returncode != 0:
                print(f"{name}: does not compile: {shlex.join(argv)}", file=sys.stderr)
                status = 1
                continue
            objects.append(str(output))
        if objects:
            extra = ["--config", str(next(iter(configs)))] if len(configs) == 1 else []
            done = subprocess.run([bpfcheck, "check", *objects, *extra])
            status = status or done.returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
