"""What each selftest program expects, read as test_loader does.

test_loader.c:parse_test_spec() reads the `comment:test_*` BTF decl tags that
bpf_misc.h's annotations (__success, __failure, __msg, __success_unpriv,
__failure_unpriv, __msg_unpriv, __flag, __arch_*, __auxiliary, __btf_path,
...) attach to each program's BTF FUNC. This module reads the same tags
through libbpf (python ctypes on libbpf.so.1) and applies the same rules:

- a mode (privileged, unprivileged) is tested when a tag of that mode names
  it (__success/__failure/__msg/__retval/__xlated for privileged, the
  *_unpriv ones for unprivileged); no tag at all means privileged success;
- the unprivileged outcome, when not given, is the privileged one.

It also says why a program cannot be judged on this machine (a skip reason):
it is auxiliary, runs on other architectures only, needs a load flag bpfcheck
has no option for, a custom BTF, a kfunc, attach target or struct_ops type
that the running kernel's BTF lacks (bpf_testmod's), or has no BTF FUNC.
"""

import ctypes
import re

BTF_KIND_STRUCT, BTF_KIND_TYPEDEF, BTF_KIND_FUNC, BTF_KIND_VAR = 4, 8, 12, 14
BTF_KIND_DATASEC, BTF_KIND_DECL_TAG = 15, 17
BTF_MODIFIERS = {8, 9, 10, 11, 18}  # typedef, volatile, const, restrict, type_tag

# __flag()s that change what the verifier accepts on x86-64 and that bpfcheck
# has no option for; BPF_F_ANY_ALIGNMENT changes nothing where unaligned
# access is efficient, the BPF_F_TEST_* flags only test the verifier itself
VERDICT_FLAGS = {"BPF_F_STRICT_ALIGNMENT", "BPF_F_SLEEPABLE", "BPF_F_XDP_HAS_FRAGS"}


class _BtfType(ctypes.Structure):
    _fields_ = [("name_off", ctypes.c_uint32), ("info", ctypes.c_uint32),
                ("size_or_type", ctypes.c_uint32)]


class Btf:
    """One BTF blob through libbpf: (kind, name, type, vlen, address of the
    kind's trailing data) per type id."""

    _lib = None

    @classmethod
    def lib(cls):
        if cls._lib is None:
            lib = ctypes.CDLL("libbpf.so.1")
            lib.btf__parse_elf.restype = ctypes.c_void_p
            lib.btf__parse_elf.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            lib.btf__parse.restype = ctypes.c_void_p
            lib.btf__parse.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            lib.btf__type_cnt.restype = ctypes.c_uint32
            lib.btf__type_cnt.argtypes = [ctypes.c_void_p]
            lib.btf__type_by_id.restype = ctypes.POINTER(_BtfType)
            lib.btf__type_by_id.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
            lib.btf__name_by_offset.restype = ctypes.c_char_p
            lib.btf__name_by_offset.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
            lib.btf__free.argtypes = [ctypes.c_void_p]
            cls._lib = lib
        return cls._lib

    def __init__(self, path, elf):
        lib = self.lib()
        parse = lib.btf__parse_elf if elf else lib.btf__parse
        self.handle = parse(path.encode(), None)
        if not self.handle:
            raise OSError(f"{path}: no BTF")

    def close(self):
        self.lib().btf__free(self.handle)

    def types(self):
        lib = self.lib()
        for type_id in range(1, lib.btf__type_cnt(self.handle)):
            t = lib.btf__type_by_id(self.handle, type_id)
            info = t.contents.info
            name = lib.btf__name_by_offset(self.handle, t.contents.name_off) or b""
            extra = ctypes.addressof(t.contents) + ctypes.sizeof(_BtfType)
            yield (type_id, (info >> 24) & 0x1F, name.decode(), t.contents.size_or_type,
                   info & 0xFFFF, extra)


class Kernel:
    """Names in the running kernel's BTF that a program may need."""

    def __init__(self, path):
        self.funcs, self.structs, self.typedefs = set(), set(), set()
        btf = Btf(path, elf=False)
        sets = {BTF_KIND_FUNC: self.funcs, BTF_KIND_STRUCT: self.structs,
                BTF_KIND_TYPEDEF: self.typedefs}
        for _id, kind, name, _t, _vlen, _extra in btf.types():
            if kind in sets:
                sets[kind].add(name)
        btf.close()

    def attach_target_missing(self, section):
        """Why the kernel lacks the BTF attach target SECTION names (None: it
        has it or needs none)."""
        kind, _, target = section.lstrip("?").partition("/")
        if not target:
            return "freplace needs a target program" if kind == "freplace" else None
        kind = kind.removesuffix(".s")
        if kind in ("fentry", "fexit", "fmod_ret") and target not in self.funcs:
            return f"attach target {target} not in the kernel's BTF"
        if kind == "lsm" and "bpf_lsm_" + target not in self.funcs:
            return f"LSM hook {target} not in the kernel's BTF"
        if kind == "tp_btf" and "btf_trace_" + target not in self.typedefs:
            return f"BTF tracepoint {target} not in the kernel's BTF"
        if kind == "iter" and "bpf_iter_" + target not in self.funcs:
            return f"iterator {target} not in the kernel's BTF"
        if kind == "freplace":
            return "freplace needs a target program"
        return None


class Spec:
    """One program's expectations: priv and unpriv are 'success', 'failure'
    or None (mode not tested); msgs/unpriv_msgs the __msg patterns."""

    def __init__(self, program, section):
        self.program, self.section = program, section
        self.priv = self.unpriv = None
        self.msgs, self.unpriv_msgs = [], []
        self.skip = None  # why this machine cannot judge it


def _msg(tag, prefix):
    """test_loader's skip_dynamic_pfx: 'PREFIX<counter>=msg' -> msg."""
    if not tag.startswith(prefix):
        return None
    m = re.match(r"\d+=", tag[len(prefix):])
    return tag[len(prefix) + m.end():] if m else None


def parse_tags(spec, tags):
    """test_loader.c:parse_test_spec() on one program's decl tags."""
    priv_mode = unpriv_mode = False
    priv_failure = unpriv_failure = None
    auxiliary, arches, flags, btf_path = False, [], [], None
    for tag in tags:
        if tag == "comment:test_expect_failure":
            priv_failure, priv_mode = True, True
        elif tag == "comment:test_expect_success":
            priv_failure, priv_mode = False, True
        elif tag == "comment:test_expect_failure_unpriv":
            unpriv_failure, unpriv_mode = True, True
        elif tag == "comment:test_expect_success_unpriv":
            unpriv_failure, unpriv_mode = False, True
        elif tag == "comment:test_auxiliary":
            auxiliary, priv_mode = True, True
        elif tag == "comment:test_auxiliary_unpriv":
            auxiliary, unpriv_mode = True, True
        elif _msg(tag, "comment:test_expect_msg_unpriv=") is not None:
            spec.unpriv_msgs.append(_msg(tag, "comment:test_expect_msg_unpriv="))
            unpriv_mode = True
        elif _msg(tag, "comment:test_expect_msg=") is not None:
            spec.msgs.append(_msg(tag, "comment:test_expect_msg="))
            priv_mode = True
        elif tag.startswith(("comment:test_expect_xlated_unpriv=", "comment:test_retval_unpriv=")):
            unpriv_mode = True
        elif tag.startswith(("comment:test_expect_xlated=", "comment:test_retval=")):
            priv_mode = True
        elif tag.startswith("comment:test_jited_unpriv="):
            unpriv_mode = unpriv_mode or arches[-1:] == ["X86_64"]
        elif tag.startswith("comment:test_jited="):
            priv_mode = priv_mode or arches[-1:] == ["X86_64"]
        elif tag.startswith("comment:test_prog_flags="):
            flags.append(tag.split("=", 1)[1])
        elif tag.startswith("comment:test_arch="):
            arches.append(tag.split("=", 1)[1])
        elif tag.startswith("comment:test_btf_path="):
            btf_path = tag.split("=", 1)[1]
    if not priv_mode and not unpriv_mode:
        priv_mode = True
    priv_failure = bool(priv_failure)
    if unpriv_failure is None:
        unpriv_failure = priv_failure
    spec.priv = ("failure" if priv_failure else "success") if priv_mode else None
    spec.unpriv = ("failure" if unpriv_failure else "success") if unpriv_mode else None
    spec.unpriv_msgs = spec.unpriv_msgs or list(spec.msgs)
    verdict_flags = sorted(f for f in flags if f in VERDICT_FLAGS)
    if auxiliary:
        spec.skip = "auxiliary program (loaded beside the tests, not one)"
    elif arches and "X86_64" not in arches:
        spec.skip = "__arch_" + "/".join(a.lower() for a in arches) + " only"
    elif btf_path:
        spec.skip = f"__btf_path({btf_path}): a custom kernel BTF"
    elif verdict_flags:
        spec.skip = "__flag(" + ",".join(verdict_flags) + "): bpfcheck has no such option"


def object_specs(path, kernel, kfuncs_of):
    """Spec per program of the object at PATH, in object order. kfuncs_of
    maps a program to the kfuncs it calls, its subprograms included."""
    try:
        btf = Btf(path, elf=True)
    except OSError:
        specs = [Spec(program, section) for program, section in kfuncs_of.sections.items()]
        for spec in specs:
            spec.skip = "no BTF in the object: test_loader cannot read its tags"
        return specs
    funcs, tags, types, struct_ops_vars = {}, {}, {}, []
    for type_id, kind, name, target, vlen, extra in btf.types():
        types[type_id] = (kind, name, target)
        if kind == BTF_KIND_FUNC:
            funcs.setdefault(name, type_id)
        elif kind == BTF_KIND_DECL_TAG and ctypes.c_int32.from_address(extra).value == -1:
            tags.setdefault(target, []).append(name)
        elif kind == BTF_KIND_DATASEC and name.lstrip("?").startswith(".struct_ops"):
            # struct btf_var_secinfo { __u32 type, offset, size; }[vlen]
            struct_ops_vars += [ctypes.c_uint32.from_address(extra + 12 * i).value
                                for i in range(vlen)]
    btf.close()
    missing_struct_ops = set()
    for var in struct_ops_vars:
        type_id = types.get(var, (0, "", 0))[2]
        while types.get(type_id, (0,))[0] in BTF_MODIFIERS:
            type_id = types[type_id][2]
        kind, name, _ = types.get(type_id, (0, "", 0))
        if kind == BTF_KIND_STRUCT and name not in kernel.structs:
            missing_struct_ops.add(name)
    specs = []
    for program, section in kfuncs_of.sections.items():
        spec = Spec(program, section)
        if program not in funcs:
            parse_tags(spec, [])
            spec.skip = "no BTF FUNC for the program: test_loader cannot read its tags"
        else:
            parse_tags(spec, tags.get(funcs[program], []))
        if spec.skip is None:
            missing = sorted(k for k in kfuncs_of.kfuncs.get(program, ()) if k not in kernel.funcs)
            if missing:
                spec.skip = "kfunc not in the kernel's BTF: " + ",".join(missing)
            elif section.lstrip("?").startswith("struct_ops") and missing_struct_ops:
                spec.skip = ("struct_ops type not in the kernel's BTF: "
                             + ",".join(sorted(missing_struct_ops)))
            else:
                spec.skip = kernel.attach_target_missing(section)
        specs.append(spec)
    return specs
