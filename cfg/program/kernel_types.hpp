// The kernel's own types (vmlinux BTF), as tracing programs see them: the
// arguments of a program's attach target (fentry/fexit/fmod_ret, lsm,
// tp_btf, iter), and what a read at an offset of a kernel struct finds.
// The answers mirror kernel/bpf/btf.c: btf_ctx_access() for arguments and
// btf_struct_walk()/btf_struct_access() for member reads, with their error
// texts. An interface of plain data: platform knowledge the analyzer is
// handed (AnalysisContext), implemented by the loader (cfg/loader/btf/kernel_btf).
#pragma once

#include "cfg/expected.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::model {

// One argument of an attach target (or its return value), as the program's
// context holds it: 8-byte slots, a struct passed by value taking several.
struct KernelArg {
    enum class Kind : std::uint8_t {
        Scalar,         // int, enum, bool, or a struct passed by value
        StructPointer,  // pointer to a struct or union: PTR_TO_BTF_ID
        OtherPointer,   // pointer to anything else (char *, void *, pointer to pointer): a scalar to the kernel
        Unreadable,     // a type btf_ctx_access refuses (float, void return value)
    };
    Kind kind = Kind::Scalar;
    std::uint32_t size = 8;     // bytes (pointers: 8)
    std::uint32_t type_id = 0;  // StructPointer: the struct's id, modifiers and typedefs skipped
    std::string name;           // parameter name ("" for a return value)
    std::string type_name;      // "struct filename *", "int", ...
    bool nullable = false;      // PTR_MAYBE_NULL: iterator objects, `__nullable` parameters
    [[nodiscard]] std::uint32_t slots() const { return size <= 8 ? 1 : (size + 7) / 8; }
};

struct AttachTarget {
    std::string section;   // the program's section, e.g. "fentry/do_unlinkat"
    std::string function;  // the kernel function (or tracepoint) it attaches to, as the kernel names it
    std::vector<KernelArg> args;
    // fexit, fmod_ret, lsm: the return value, readable in the slot after the
    // arguments. Empty for fentry, tp_btf, iter, and void functions.
    std::optional<KernelArg> ret;
    // iter/NAME: pointer arguments other than to structs are buffers the
    // kernel types from the iterator's registration (PTR_TO_BUF_OR_NULL),
    // which BTF does not say.
    bool iterator = false;
    // struct_ops programs: the kernel struct_ops type whose callback the
    // program implements ("tcp_congestion_ops"); empty for other programs.
    std::string struct_ops;
    // struct_ops: the callback returns void, so the kernel checks no R0 at
    // exit (check_return_code: `!prog->aux->attach_func_proto->type`).
    bool void_return = false;
};

// Where a member lies in a kernel struct, in bytes.
struct MemberExtent {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

// What a read of `size` bytes at `offset` of a kernel struct finds.
struct MemberRead {
    enum class Kind : std::uint8_t {
        Scalar,         // an integer member (or part of an array of them)
        StructPointer,  // a pointer member to a struct: PTR_TO_BTF_ID of `type_id`
        OtherPointer,   // a pointer member to anything else (untrusted memory of unknown size)
        Invalid,        // the kernel refuses the read; `error` says why, in its words
    };
    Kind kind = Kind::Invalid;
    std::uint32_t type_id = 0;
    std::string field;  // the member read, when known
    std::string error;
    // StructPointer: found through a union of several members (btf_struct_walk
    // makes such pointers PTR_UNTRUSTED), and whether the member's pointer
    // carries the "rcu" type tag (__rcu: MEM_RCU).
    bool untrusted = false;
    bool rcu_tagged = false;
};

class KernelTypes {
public:
    KernelTypes() = default;
    KernelTypes(const KernelTypes&) = delete;
    KernelTypes& operator=(const KernelTypes&) = delete;
    virtual ~KernelTypes() = default;

    // Where the types come from (a path), for messages.
    [[nodiscard]] virtual std::string_view source() const = 0;
    // The attach target a section name (libbpf's conventions) names; an
    // error saying why when the section names none or BTF lacks it.
    [[nodiscard]] virtual Expected<AttachTarget> attach_target(std::string_view section) const = 0;
    [[nodiscard]] virtual MemberRead read_member(std::uint32_t struct_id, std::uint32_t offset,
                                                 std::uint32_t size) const = 0;
    // "struct task_struct", for messages.
    [[nodiscard]] virtual std::string type_name(std::uint32_t id) const = 0;
    // The id of a struct by name (e.g. "task_struct"), 0 when absent.
    [[nodiscard]] virtual std::uint32_t find_struct(std::string_view name) const = 0;
    // The size of a type in bytes, when known.
    [[nodiscard]] virtual std::optional<std::uint32_t> type_size(std::uint32_t id) const {
        (void)id;
        return std::nullopt;
    }
    // Whether the kernel's BTF has a function or variable named `name` (an
    // extern __ksym); nullopt when these types cannot tell.
    [[nodiscard]] virtual std::optional<bool> has_symbol(std::string_view name) const {
        (void)name;
        return std::nullopt;
    }
    // Whether the kernel's BTF has a function named `name` (libbpf resolves
    // a kfunc extern only to a FUNC); nullopt when these types cannot tell.
    [[nodiscard]] virtual std::optional<bool> has_function(std::string_view name) const {
        (void)name;
        return std::nullopt;
    }
    // The kernel function's prototype shape as libbpf compares it with a
    // kfunc extern's (FunctionSignature::core_shape); nullopt when unknown.
    [[nodiscard]] virtual std::optional<std::string> function_shape(std::string_view name) const {
        (void)name;
        return std::nullopt;
    }
    // The struct a kernel function's parameter `index` (-1: its return
    // value) points to, by name (typedefs and modifiers skipped); empty when
    // it is not a pointer to a struct, or unknown.
    [[nodiscard]] virtual std::string function_pointee_struct(std::string_view name, int index) const {
        (void)name;
        (void)index;
        return {};
    }
    // The names of a kernel function's parameters, in order (a kfunc's
    // "buf__sz" says its size argument); empty when unknown.
    [[nodiscard]] virtual std::vector<std::string> function_param_names(std::string_view name) const {
        (void)name;
        return {};
    }
    // btf_struct_ids_match (not strict): whether the kernel object of struct
    // `id` seen at byte `offset` is, or begins with, a struct named `wanted`
    // (walking the nested structs that start at that offset). True when it
    // cannot tell.
    [[nodiscard]] virtual bool struct_at_offset_is(std::uint32_t id, std::uint32_t offset,
                                                   std::string_view wanted) const {
        (void)id;
        (void)offset;
        (void)wanted;
        return true;
    }
    // btf_struct_ids_match at offset 0: whether struct `id` is struct
    // `wanted`, or begins with it (its first member, a struct, is or begins
    // with it). True when it cannot tell.
    [[nodiscard]] virtual bool struct_begins_with(std::uint32_t id, std::uint32_t wanted) const {
        (void)id;
        (void)wanted;
        return true;
    }
    // A struct_ops program's arguments: the parameters of the callback
    // `member` of the kernel's struct `struct_ops` (as the kernel prepares
    // them in bpf_struct_ops_desc_init); an error saying why when BTF lacks it.
    [[nodiscard]] virtual Expected<AttachTarget> struct_ops_target(std::string_view struct_ops,
                                                                   std::string_view member) const {
        return Error{"no kernel types to find " + std::string(struct_ops) + "." + std::string(member) + " in"};
    }
    // Where member `path` ("sk_pacing_rate", "icsk_ack.pending": names
    // through nested structs) lies in struct `name`; nullopt when absent.
    [[nodiscard]] virtual std::optional<MemberExtent> member_extent(std::string_view name,
                                                                    std::string_view path) const {
        (void)name;
        (void)path;
        return std::nullopt;
    }
};

}  // namespace bpfcheck::model
