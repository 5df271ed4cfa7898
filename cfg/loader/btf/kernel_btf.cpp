// Kernel BTF through libbpf. The attach-target rules follow libbpf's section
// names and the kernel's bpf_check_attach_target(): fentry/fexit/fmod_ret
// name a kernel function, lsm/NAME the function bpf_lsm_NAME, tp_btf/NAME the
// typedef btf_trace_NAME (a pointer to a prototype whose first parameter, the
// tracepoint's void *__data, the program does not see), iter/NAME the
// function bpf_iter_NAME. Argument kinds follow btf_ctx_access(), member reads
// btf_struct_walk() (kernel/bpf/btf.c, Linux 6.x), including its relaxations:
// a flexible array at a struct's end may be read past the struct, an int
// array may be read as scratch space within its bounds, and once a union of
// several members was crossed the member-end check is dropped (the pointer is
// untrusted). Every walk is bounded, so hostile BTF with cycles cannot hang it.
#include "cfg/loader/btf/kernel_btf.hpp"

#include "cfg/loader/btf/btf_functions.hpp"
#include "cfg/loader/btf/kernel_btf_model.hpp"

#include <bpf/btf.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <mutex>

namespace bpfcheck::loader {
namespace kernel_btf_detail {
namespace {

enum class AttachKind : std::uint8_t { Fentry, Fexit, FmodRet, Lsm, TpBtf, Iter };

struct SectionRule {
    std::string_view prefix;
    AttachKind kind;
    std::string_view function_prefix;
};

constexpr std::array kRules = {
    SectionRule{"fentry/", AttachKind::Fentry, ""},
    SectionRule{"fentry.s/", AttachKind::Fentry, ""},
    SectionRule{"fexit/", AttachKind::Fexit, ""},
    SectionRule{"fexit.s/", AttachKind::Fexit, ""},
    SectionRule{"fmod_ret/", AttachKind::FmodRet, ""},
    SectionRule{"fmod_ret.s/", AttachKind::FmodRet, ""},
    SectionRule{"lsm/", AttachKind::Lsm, "bpf_lsm_"},
    SectionRule{"lsm.s/", AttachKind::Lsm, "bpf_lsm_"},
    SectionRule{"lsm_cgroup/", AttachKind::Lsm, "bpf_lsm_"},
    SectionRule{"tp_btf/", AttachKind::TpBtf, "btf_trace_"},
    SectionRule{"iter/", AttachKind::Iter, "bpf_iter_"},
    SectionRule{"iter.s/", AttachKind::Iter, "bpf_iter_"},
};

}  // namespace

std::string_view KernelBtf::name_of(std::uint32_t id) const {
    const btf_type* t = type(id);
    const char* text = t == nullptr ? nullptr : btf__name_by_offset(m_btf.get(), t->name_off);
    return text == nullptr ? std::string_view{} : std::string_view(text);
}

bool KernelBtf::named(std::uint32_t id, std::string_view name) const {
    const btf_type* t = type(id);
    const char* text = t == nullptr ? nullptr : btf__name_by_offset(m_btf.get(), t->name_off);
    // Most names differ in their first bytes: no strlen of each.
    return text != nullptr && std::strncmp(text, name.data(), name.size()) == 0 && text[name.size()] == '\0';
}

std::uint32_t KernelBtf::find_by_name_kind(std::string_view name, std::uint32_t kind) const {
    if (name.empty() || kind >= m_by_kind.size()) {
        return 0;
    }
    NameIndex& index = m_by_kind[kind];
    if (!index.built.load(std::memory_order_acquire)) {
        const std::scoped_lock guard(index.scanned_lock);
        for (const auto& [scanned, id] : index.scanned) {
            if (scanned == name) {
                return id;
            }
        }
        // A process asks a few names of a kind (a tp_btf typedef, the
        // functions it attaches to or calls, the structs they take): a scan
        // for each costs less than indexing all names of the kind (vmlinux
        // has ~60k functions) until it asks more.
        if (index.scanned.size() < kScansBeforeIndex) {
            std::uint32_t found = 0;
            const std::uint32_t count = btf__type_cnt(m_btf.get());
            for (std::uint32_t id = 1; id < count && found == 0; ++id) {
                if (btf_kind(type(id)) == kind && named(id, name)) {
                    found = id;
                }
            }
            index.scanned.emplace_back(std::string(name), found);
            return found;
        }
    }
    std::call_once(index.once, [&] { build_index(index, kind); });
    return probe_index(index, name);
}

void KernelBtf::build_index(NameIndex& index, std::uint32_t kind) const {
    const std::uint32_t count = btf__type_cnt(m_btf.get());
    std::vector<std::uint32_t> ids;
    for (std::uint32_t id = 1; id < count; ++id) {
        if (btf_kind(type(id)) == kind) {
            ids.push_back(id);
        }
    }
    std::size_t size = 16;
    while (size < 2 * ids.size()) {
        size *= 2;
    }
    index.slots.assign(size, 0);
    for (const std::uint32_t id : ids) {
        const std::string_view text = name_of(id);
        if (text.empty()) {
            continue;
        }
        std::size_t slot = std::hash<std::string_view>{}(text) & (size - 1);
        while (index.slots[slot] != 0) {
            slot = (slot + 1) & (size - 1);
        }
        index.slots[slot] = id;
    }
    index.built.store(true, std::memory_order_release);
}

std::uint32_t KernelBtf::probe_index(const NameIndex& index, std::string_view name) const {
    const std::size_t mask = index.slots.size() - 1;
    for (std::size_t slot = std::hash<std::string_view>{}(name)&mask; index.slots[slot] != 0;
         slot = (slot + 1) & mask) {
        const std::uint32_t id = index.slots[slot];
        if (named(id, name)) {
            return id;
        }
    }
    return 0;
}

std::string KernelBtf::type_name(std::uint32_t id) const {
    const btf_type* t = type(id);
    if (id == 0 || t == nullptr) {
        return "void";
    }
    const std::string own = name(t->name_off);
    switch (btf_kind(t)) {
        case BTF_KIND_STRUCT:
            return "struct " + own;
        case BTF_KIND_UNION:
            return "union " + own;
        case BTF_KIND_ENUM:
        case BTF_KIND_ENUM64:
            return "enum " + own;
        case BTF_KIND_FWD:
            return (btf_kflag(t) ? "union " : "struct ") + own;
        case BTF_KIND_PTR:
            return type_name(t->type) + " *";
        case BTF_KIND_CONST:
        case BTF_KIND_VOLATILE:
        case BTF_KIND_RESTRICT:
        case BTF_KIND_TYPE_TAG:
            return type_name(t->type);
        case BTF_KIND_ARRAY:
            return type_name(btf_array(t)->type) + fmt::format("[{}]", btf_array(t)->nelems);
        case BTF_KIND_FUNC_PROTO:
            return "function";
        default:
            return own.empty() ? "?" : own;
    }
}

// __btf_resolve_size(): sizes through typedefs, modifiers and (nested) arrays.
std::optional<KernelBtf::Resolved> KernelBtf::resolve_size(std::uint32_t id) const {
    Resolved out;
    out.id = id;
    const btf_type* t = type(id);
    std::uint64_t nelems = 1;
    for (int depth = 0; t != nullptr && depth < kMaxDepth; ++depth) {
        std::uint64_t size = 0;
        switch (btf_kind(t)) {
            case BTF_KIND_INT:
            case BTF_KIND_STRUCT:
            case BTF_KIND_UNION:
            case BTF_KIND_ENUM:
            case BTF_KIND_ENUM64:
            case BTF_KIND_FLOAT:
                size = t->size;
                break;
            case BTF_KIND_PTR:
                size = 8;
                break;
            case BTF_KIND_TYPEDEF:
            case BTF_KIND_VOLATILE:
            case BTF_KIND_CONST:
            case BTF_KIND_RESTRICT:
            case BTF_KIND_TYPE_TAG:
                id = t->type;
                out.id = id;
                t = type(id);
                continue;
            case BTF_KIND_ARRAY:
                if (out.type == nullptr) {
                    out.type = t;
                }
                nelems *= btf_array(t)->nelems;
                if (nelems > 0xffffffffULL) {
                    return std::nullopt;
                }
                id = btf_array(t)->type;
                t = type(id);
                continue;
            default:
                return std::nullopt;
        }
        if (nelems * size > 0xffffffffULL) {
            return std::nullopt;
        }
        out.size = static_cast<std::uint32_t>(nelems * size);
        out.nelems = static_cast<std::uint32_t>(nelems);
        out.elem_type = t;
        out.elem_id = id;
        if (out.type == nullptr) {
            out.type = t;
        }
        return out;
    }
    return std::nullopt;
}

KernelArg KernelBtf::classify(std::uint32_t id, std::string param_name) const {
    KernelArg arg;
    arg.name = std::move(param_name);
    arg.type_name = type_name(id);
    std::uint32_t resolved_id = id;
    const btf_type* t = skip_modifiers(resolved_id);
    if (t == nullptr) {
        arg.kind = KernelArg::Kind::Unreadable;
        return arg;
    }
    if ((btf_is_int(t) && t->size <= 8) || btf_is_any_enum(t) || btf_is_composite(t)) {
        arg.kind = KernelArg::Kind::Scalar;
        arg.size = t->size;
        return arg;
    }
    if (!btf_is_ptr(t)) {
        arg.kind = KernelArg::Kind::Unreadable;
        return arg;
    }
    std::uint32_t pointee = t->type;
    const btf_type* target = skip_modifiers(pointee);
    arg.size = 8;
    if (target != nullptr && btf_is_composite(target)) {
        arg.kind = KernelArg::Kind::StructPointer;
        arg.type_id = pointee;
    } else {
        arg.kind = KernelArg::Kind::OtherPointer;
    }
    return arg;
}

Expected<AttachTarget> KernelBtf::attach_target(std::string_view section) const {
    const SectionRule* rule = nullptr;
    for (const SectionRule& candidate : kRules) {
        if (section.starts_with(candidate.prefix)) {
            rule = &candidate;
            break;
        }
    }
    if (rule == nullptr) {
        return Error{fmt::format("section '{}' names no kernel function to attach to", section)};
    }
    std::string target{section.substr(rule->prefix.size())};
    if (const auto colon = target.find(':'); colon != std::string::npos) {
        const std::string module = target.substr(0, colon);
        if (module != "vmlinux") {
            return Error{fmt::format("'{}' is in module '{}', whose BTF is not loaded", target, module)};
        }
        target = target.substr(colon + 1);
    }
    if (target.empty()) {
        return Error{fmt::format("section '{}' names no kernel function to attach to", section)};
    }
    const std::string wanted = std::string(rule->function_prefix) + target;
    const bool tracepoint = rule->kind == AttachKind::TpBtf;
    const std::uint32_t found = find_by_name_kind(wanted, tracepoint ? BTF_KIND_TYPEDEF : BTF_KIND_FUNC);
    if (found == 0) {
        return Error{fmt::format("{} has no {} '{}'", m_path, tracepoint ? "tracepoint typedef" : "function", wanted)};
    }
    // FUNC -> FUNC_PROTO; tracepoints: TYPEDEF -> PTR -> FUNC_PROTO.
    const btf_type* t = type(found);
    t = t == nullptr ? nullptr : type(t->type);
    if (tracepoint && t != nullptr && btf_is_ptr(t)) {
        t = type(t->type);
    }
    if (t == nullptr || !btf_is_func_proto(t)) {
        return Error{fmt::format("'{}' in {} is not a function prototype", wanted, m_path)};
    }
    AttachTarget out;
    out.section = std::string(section);
    out.function = tracepoint ? target : wanted;
    out.iterator = rule->kind == AttachKind::Iter;
    const btf_param* params = btf_params(t);
    const std::uint16_t count = btf_vlen(t);
    for (std::uint16_t i = tracepoint ? 1 : 0; i < count; ++i) {
        if (params[i].type == 0) {
            break;  // variadic: the kernel refuses to attach
        }
        KernelArg arg = classify(params[i].type, name(params[i].name_off));
        if (arg.kind == KernelArg::Kind::StructPointer &&
            ((rule->kind == AttachKind::Iter && !out.args.empty()) || arg.name.ends_with("__nullable"))) {
            arg.nullable = true;  // iterators register their objects as PTR_TO_BTF_ID_OR_NULL
        }
        out.args.push_back(std::move(arg));
    }
    const bool has_return =
        rule->kind == AttachKind::Fexit || rule->kind == AttachKind::FmodRet || rule->kind == AttachKind::Lsm;
    if (has_return && t->type != 0) {
        KernelArg ret = classify(t->type, "");
        std::uint32_t ret_id = t->type;
        const btf_type* resolved = skip_modifiers(ret_id);
        if (rule->kind == AttachKind::FmodRet && (resolved == nullptr || !btf_is_int(resolved) || resolved->size > 8)) {
            ret.kind = KernelArg::Kind::Unreadable;  // "ret type %s not allowed for fmod_ret"
        }
        if (ret.kind != KernelArg::Kind::Scalar || ret.size <= 8) {
            out.ret = std::move(ret);
        }
    }
    return out;
}

}  // namespace kernel_btf_detail

Expected<std::unique_ptr<KernelTypes>> load_kernel_btf(const std::string& path) {
    btf* types = btf__parse(path.c_str(), nullptr);
    if (types == nullptr) {
        return Error{fmt::format("cannot read kernel BTF from '{}': {}", path, std::strerror(errno))};
    }
    return std::unique_ptr<KernelTypes>(std::make_unique<kernel_btf_detail::KernelBtf>(path, types));
}

const btf* libbpf_types(const KernelTypes& types) {
    const auto* read = dynamic_cast<const kernel_btf_detail::KernelBtf*>(&types);
    return read == nullptr ? nullptr : read->libbpf_types();
}

}  // namespace bpfcheck::loader
