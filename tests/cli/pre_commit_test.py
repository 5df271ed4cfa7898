#!/usr/bin/env python3
"""cli.pre_commit: the hooks of .pre-commit-hooks.yaml run through the real
`pre-commit` tool (`pre-commit try-repo`, in a temporary git repository):
`bpfcheck` on objects fails on a failing object and passes on a passing
one; `bpfcheck-source` compiles sources with the command of .bpfcheck.yaml
or of compile_commands.json, and likewise. Skipped (exit 77, with a
message) where pre-commit or git is missing."""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ci_fixtures import PASS, Checker, compile_c, failing, run  # noqa: E402

SKIP = 77


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpfcheck", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--hooks-repo", required=True, help="the repository holding .pre-commit-hooks.yaml")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    pre_commit = shutil.which("pre-commit")
    git = shutil.which("git")
    if not pre_commit or not git:
        print("skip: pre-commit or git is not installed (Debian: apt-get install pre-commit)")
        sys.exit(SKIP)
    work = Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    repo = work / "project"
    check = Checker()
    passing = compile_c(args.clang, PASS, repo / "pass.bpf.o")
    compile_c(args.clang, failing(), repo / "fail.bpf.o")
    shutil.copy(passing, repo / "probe_bpfel.o")  # what bpf2go commits
    env = {**os.environ, "PRE_COMMIT_HOME": str(work / "cache"), "GIT_CONFIG_GLOBAL": str(work / "gitconfig"),
           "PATH": f"{Path(args.bpfcheck).resolve().parent}:{os.environ['PATH']}", "BPFCHECK": args.bpfcheck}
    (work / "gitconfig").write_text("[user]\n\tname = test\n\temail = test@example.com\n"
                                    "[safe]\n\tdirectory = *\n")
    subprocess.run([git, "init", "-q", str(repo)], check=True, env=env)
    subprocess.run([git, "add", "-A"], cwd=repo, check=True, env=env)
    # The hooks as committed: try-repo reads a repository's tracked files, so
    # the hook files of this checkout (committed or not) go to a fresh one.
    hooks = work / "hooks"
    (hooks / "scripts").mkdir(parents=True)
    source_root = Path(args.hooks_repo)
    shutil.copy(source_root / ".pre-commit-hooks.yaml", hooks)
    shutil.copy(source_root / "scripts" / "pre-commit-bpf-source.py", hooks / "scripts")
    subprocess.run([git, "init", "-q", str(hooks)], check=True, env=env)
    subprocess.run([git, "add", "-A"], cwd=hooks, check=True, env=env)
    subprocess.run([git, "commit", "-qm", "hooks"], cwd=hooks, check=True, env=env)

    def hook(hook_id, *files):
        return subprocess.run([pre_commit, "try-repo", str(hooks), hook_id, "--files", *files], cwd=repo,
                              env=env, capture_output=True, text=True)

    done = hook("bpfcheck", "pass.bpf.o", "probe_bpfel.o")
    check.expect(done.returncode == 0 and "Passed" in done.stdout, f"passing objects pass: {done.stdout[-800:]}")
    done = hook("bpfcheck", "pass.bpf.o", "fail.bpf.o")
    check.expect(done.returncode == 1 and "Failed" in done.stdout and "[packet.bounds]" in done.stdout,
                 f"a failing object fails the hook: {done.returncode} {done.stdout[-800:]}")
    done = hook("bpfcheck", "fail.bpf.c")
    check.expect(done.returncode == 0 and "no files to check" in done.stdout.lower(),
                 f"sources are not objects: {done.stdout[-400:]}")

    # Sources, compiled with .bpfcheck.yaml's command.
    (repo / "src").mkdir()
    shutil.copy(repo / "pass.bpf.c", repo / "src" / "ok.bpf.c")
    shutil.copy(repo / "fail.bpf.c", repo / "src" / "bad.bpf.c")
    flags = '["-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu"]'
    (repo / ".bpfcheck.yaml").write_text(f"compile:\n  command: {args.clang}\n  flags: {flags}\n")
    subprocess.run([git, "add", "-A"], cwd=repo, check=True, env=env)
    done = hook("bpfcheck-source", "src/ok.bpf.c")
    check.expect(done.returncode == 0 and "Passed" in done.stdout, f"a passing source passes: {done.stdout[-800:]}")
    done = hook("bpfcheck-source", "src/ok.bpf.c", "src/bad.bpf.c")
    check.expect(done.returncode == 1 and "[packet.bounds]" in done.stdout,
                 f"a failing source fails: {done.stdout[-800:]}")

    # ... or with compile_commands.json's.
    (repo / ".bpfcheck.yaml").unlink()
    database = [{"directory": str(repo / "src"), "file": name,
                 "arguments": [args.clang, "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-c",
                               name, "-o", name.replace(".c", ".o")]} for name in ("ok.bpf.c", "bad.bpf.c")]
    (repo / "build").mkdir()
    (repo / "build" / "compile_commands.json").write_text(json.dumps(database))
    subprocess.run([git, "add", "-A"], cwd=repo, check=True, env=env)
    done = hook("bpfcheck-source", "src/ok.bpf.c")
    check.expect(done.returncode == 0, f"compile_commands.json: passing source passes: {done.stdout[-800:]}")
    done = hook("bpfcheck-source", "src/bad.bpf.c")
    check.expect(done.returncode == 1 and "[packet.bounds]" in done.stdout,
                 f"compile_commands.json: failing source fails: {done.stdout[-800:]}")
    (repo / "build" / "compile_commands.json").write_text("[]")
    done = hook("bpfcheck-source", "src/ok.bpf.c")
    check.expect(done.returncode == 1 and "no compile command" in done.stdout,
                 f"no compile command: fails saying so: {done.stdout[-800:]}")
    check.finish("cli.pre_commit")


if __name__ == "__main__":
    main()
