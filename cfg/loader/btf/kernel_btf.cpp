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

#include <bpf/btf.h>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace bpfcheck::loader {
namespace {

constexpr int kMaxDepth = 32;  // the kernel's MAX_RESOLVE_DEPTH

bool is_modifier(const btf_type* t) {
    return btf_is_mod(t) || btf_is_typedef(t);
}

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

struct BtfDeleter {
    void operator()(btf* b) const { btf__free(b); }
};

class KernelBtf final : public KernelTypes {
public:
    KernelBtf(std::string path, btf* types) : m_path(std::move(path)), m_btf(types) {}

    [[nodiscard]] std::string_view source() const override { return m_path; }
    [[nodiscard]] Expected<AttachTarget> attach_target(std::string_view section) const override;
    [[nodiscard]] MemberRead read_member(std::uint32_t struct_id, std::uint32_t offset,
                                         std::uint32_t size) const override;
    [[nodiscard]] std::string type_name(std::uint32_t id) const override;
    [[nodiscard]] std::uint32_t find_struct(std::string_view name) const override {
        return find_by_name_kind(name, BTF_KIND_STRUCT);
    }
    [[nodiscard]] std::optional<bool> has_symbol(std::string_view name) const override {
        return find_by_name_kind(name, BTF_KIND_FUNC) != 0 || find_by_name_kind(name, BTF_KIND_VAR) != 0;
    }
    [[nodiscard]] std::optional<std::string> function_shape(std::string_view name) const override {
        const std::uint32_t id = find_by_name_kind(name, BTF_KIND_FUNC);
        if (id == 0) {
            return std::nullopt;
        }
        return core_shape(*m_btf, type(id)->type);
    }
    [[nodiscard]] bool struct_begins_with(std::uint32_t id, std::uint32_t wanted) const override;
    [[nodiscard]] Expected<AttachTarget> struct_ops_target(std::string_view struct_ops,
                                                           std::string_view member) const override;
    [[nodiscard]] std::optional<MemberExtent> member_extent(std::string_view name,
                                                            std::string_view path) const override;

private:
    enum class Walk : std::uint8_t { Scalar, Ptr, PtrUntrusted, Struct, Error };
    struct Resolved {
        const btf_type* type = nullptr;       // the member's type; an array stays an array
        const btf_type* elem_type = nullptr;  // arrays: the innermost element type
        std::uint32_t elem_id = 0;
        std::uint32_t size = 0;  // total bytes
        std::uint32_t nelems = 1;
        std::uint32_t id = 0;  // the id past typedefs and modifiers
    };

    [[nodiscard]] const btf_type* type(std::uint32_t id) const { return btf__type_by_id(m_btf.get(), id); }
    [[nodiscard]] std::string name(std::uint32_t name_off) const {
        const char* text = btf__name_by_offset(m_btf.get(), name_off);
        return text == nullptr ? std::string{} : std::string{text};
    }
    // Skips typedefs and modifiers; `id` follows.
    const btf_type* skip_modifiers(std::uint32_t& id) const {
        const btf_type* t = type(id);
        for (int depth = 0; t != nullptr && is_modifier(t) && depth < kMaxDepth; ++depth) {
            id = t->type;
            t = type(id);
        }
        return t != nullptr && is_modifier(t) ? nullptr : t;
    }
    [[nodiscard]] std::optional<Resolved> resolve_size(std::uint32_t id) const;
    [[nodiscard]] KernelArg classify(std::uint32_t id, std::string param_name) const;
    Walk struct_walk(const btf_type* t, std::uint32_t off, std::uint32_t size, bool& untrusted, std::uint32_t& next_id,
                     MemberRead& out) const;
    // The member `wanted` of composite `t`, looking into anonymous members;
    // its byte offset is added to `offset`.
    const btf_member* find_member(const btf_type* t, std::string_view wanted, std::uint32_t& offset,
                                  int depth = 0) const;

    // The first type of `kind` named `name` (libbpf's btf__find_by_name_kind,
    // which scans every type: vmlinux has ~150k, and each tracing program
    // asks), or 0. The index is built once, on first use, by whichever
    // worker thread asks first.
    [[nodiscard]] std::uint32_t find_by_name_kind(std::string_view name, std::uint32_t kind) const;

    std::string m_path;
    std::unique_ptr<btf, BtfDeleter> m_btf;
    mutable std::once_flag m_index_once;
    mutable std::unordered_map<std::string_view, std::vector<std::uint32_t>> m_by_name;  // ids, ascending
};

std::uint32_t KernelBtf::find_by_name_kind(std::string_view name, std::uint32_t kind) const {
    std::call_once(m_index_once, [this] {
        const std::uint32_t count = btf__type_cnt(m_btf.get());
        m_by_name.reserve(count);
        for (std::uint32_t id = 1; id < count; ++id) {
            const btf_type* t = type(id);
            const char* text = t == nullptr ? nullptr : btf__name_by_offset(m_btf.get(), t->name_off);
            if (text != nullptr && *text != '\0') {
                m_by_name[std::string_view(text)].push_back(id);
            }
        }
    });
    const auto it = m_by_name.find(name);
    if (it == m_by_name.end()) {
        return 0;
    }
    for (const std::uint32_t id : it->second) {
        if (btf_kind(type(id)) == kind) {
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

const btf_member* KernelBtf::find_member(const btf_type* t, std::string_view wanted, std::uint32_t& offset,
                                         int depth) const {
    if (t == nullptr || !btf_is_composite(t) || depth >= kMaxDepth) {
        return nullptr;
    }
    const btf_member* members = btf_members(t);
    for (std::uint16_t i = 0; i < btf_vlen(t); ++i) {
        const std::uint32_t at = btf_member_bit_offset(t, i) / 8;
        if (name(members[i].name_off) == wanted) {
            offset += at;
            return &members[i];
        }
        if (members[i].name_off == 0) {
            std::uint32_t id = members[i].type;
            std::uint32_t inner = offset + at;
            if (const btf_member* found = find_member(skip_modifiers(id), wanted, inner, depth + 1)) {
                offset = inner;
                return found;
            }
        }
    }
    return nullptr;
}

std::optional<MemberExtent> KernelBtf::member_extent(std::string_view struct_name, std::string_view path) const {
    std::uint32_t id = find_struct(struct_name);
    const btf_type* t = id == 0 ? nullptr : type(id);
    MemberExtent out;
    while (t != nullptr) {
        const auto dot = path.find('.');
        const btf_member* member = find_member(t, path.substr(0, dot), out.offset);
        if (member == nullptr) {
            return std::nullopt;
        }
        id = member->type;
        const auto resolved = resolve_size(id);
        if (!resolved) {
            return std::nullopt;
        }
        if (dot == std::string_view::npos) {
            out.size = resolved->size;
            return out;
        }
        path = path.substr(dot + 1);
        t = skip_modifiers(id);
    }
    return std::nullopt;
}

Expected<AttachTarget> KernelBtf::struct_ops_target(std::string_view struct_ops, std::string_view member) const {
    const std::uint32_t id = find_struct(struct_ops);
    if (id == 0) {
        return Error{fmt::format("{} has no struct_ops type 'struct {}'", m_path, struct_ops)};
    }
    std::uint32_t offset = 0;
    const btf_member* found = find_member(type(id), member, offset);
    std::uint32_t member_type = found == nullptr ? 0 : found->type;
    const btf_type* t = found == nullptr ? nullptr : skip_modifiers(member_type);
    if (t != nullptr && btf_is_ptr(t)) {
        member_type = t->type;
        t = skip_modifiers(member_type);
    }
    if (t == nullptr || !btf_is_func_proto(t)) {
        return Error{fmt::format("struct {} in {} has no callback member '{}'", struct_ops, m_path, member)};
    }
    AttachTarget out;
    out.section = fmt::format("struct_ops {}.{}", struct_ops, member);
    out.function = fmt::format("{}:{}", struct_ops, member);
    out.struct_ops = std::string(struct_ops);
    out.void_return = t->type == 0;
    const btf_param* params = btf_params(t);
    for (std::uint16_t i = 0; i < btf_vlen(t); ++i) {
        if (params[i].type == 0) {
            break;
        }
        out.args.push_back(classify(params[i].type, name(params[i].name_off)));
    }
    return out;
}

// btf_struct_walk(): one level of the walk.
KernelBtf::Walk KernelBtf::struct_walk(const btf_type* t, std::uint32_t off, std::uint32_t size, bool& untrusted,
                                       std::uint32_t& next_id, MemberRead& out) const {
    for (int depth = 0; depth < kMaxDepth; ++depth) {
        std::uint32_t skipped = 0;
        if (t != nullptr && is_modifier(t)) {
            skipped = t->type;
            t = skip_modifiers(skipped);
        }
        if (t == nullptr) {
            out.error = "type is not a struct";
            return Walk::Error;
        }
        const std::string tname = name(t->name_off);
        if (!btf_is_composite(t)) {
            out.error = fmt::format("Type '{}' is not a struct", tname);
            return Walk::Error;
        }
        const std::uint16_t vlen = btf_vlen(t);
        if (btf_is_union(t) && vlen != 1) {
            untrusted = true;  // walking unions yields untrusted pointers
        }
        const btf_member* members = btf_members(t);
        if (static_cast<std::uint64_t>(off) + size > t->size) {
            // A flexible array at the end may be read past the struct.
            auto beyond = [&] {
                out.error = fmt::format("access beyond struct {} at off {} size {}", tname, off, size);
                return Walk::Error;
            };
            if (vlen == 0) {
                return beyond();
            }
            const btf_member& last = members[vlen - 1];
            std::uint32_t last_id = last.type;
            const btf_type* mtype = skip_modifiers(last_id);
            if (mtype == nullptr || !btf_is_array(mtype) || btf_array(mtype)->nelems != 0) {
                return beyond();
            }
            const std::uint32_t moff = btf_member_bit_offset(t, vlen - 1) / 8;
            if (off < moff) {
                return beyond();
            }
            std::uint32_t elem_id = btf_array(mtype)->type;
            const btf_type* elem = skip_modifiers(elem_id);
            if (elem != nullptr && btf_is_int(elem)) {
                out.field = name(last.name_off);
                return Walk::Scalar;
            }
            if (elem == nullptr || !btf_is_composite(elem) || elem->size == 0) {
                return beyond();
            }
            off = (off - moff) % elem->size;
            t = elem;
            continue;
        }
        bool descend = false;
        for (std::uint16_t i = 0; i < vlen; ++i) {
            std::uint32_t moff = btf_member_bit_offset(t, i) / 8;
            if (static_cast<std::uint64_t>(off) + size <= moff) {
                break;  // won't find anything, field is already too far
            }
            const std::string mname = name(members[i].name_off);
            if (const std::uint32_t bits = btf_member_bitfield_size(t, i); bits != 0) {
                const std::uint32_t end_bit = btf_member_bit_offset(t, i) + bits;
                if (off <= moff && (end_bit + 7) / 8 <= off + size) {
                    out.field = mname;
                    return Walk::Scalar;
                }
                continue;  // partial access to a bitfield: treated as not accessing it
            }
            if (off < moff) {
                break;  // a hole
            }
            const auto resolved = resolve_size(members[i].type);
            if (!resolved) {
                out.error = fmt::format("field {} doesn't have size", mname);
                return Walk::Error;
            }
            const std::uint32_t mtrue_end = moff + resolved->size;
            if (off >= mtrue_end) {
                continue;
            }
            const btf_type* mtype = resolved->type;
            std::uint32_t mid = resolved->id;
            std::uint32_t msize = resolved->size;
            if (btf_is_array(mtype)) {
                if (moff == mtrue_end || resolved->nelems == 0) {
                    continue;
                }
                msize /= resolved->nelems;
                if (msize == 0) {
                    continue;
                }
                moff += (off - moff) / msize * msize;
                mtype = resolved->elem_type;
                mid = resolved->elem_id;
            }
            if (btf_is_composite(mtype)) {
                if (off == moff) {
                    next_id = mid;
                    return Walk::Struct;
                }
                off -= moff;
                t = mtype;
                descend = true;
                break;
            }
            if (btf_is_ptr(mtype)) {
                if (msize != size || off != moff) {
                    out.error = fmt::format("cannot access ptr member {} with moff {} in struct {} with off {} size {}",
                                            mname, moff, tname, off, size);
                    return Walk::Error;
                }
                out.field = mname;
                std::uint32_t pointee = mtype->type;
                const btf_type* stype = skip_modifiers(pointee);
                if (stype != nullptr && btf_is_composite(stype)) {
                    next_id = pointee;
                    return Walk::Ptr;
                }
                return Walk::PtrUntrusted;
            }
            if (static_cast<std::uint64_t>(off) + size > mtrue_end && !untrusted) {
                out.error = fmt::format("access beyond the end of member {} (mend:{}) in struct {} with off {} size {}",
                                        mname, mtrue_end, tname, off, size);
                return Walk::Error;
            }
            out.field = mname;
            return Walk::Scalar;
        }
        if (!descend) {
            out.error = fmt::format("struct {} doesn't have field at offset {}", tname, off);
            return Walk::Error;
        }
    }
    out.error = "struct nesting too deep";
    return Walk::Error;
}

// btf_struct_ids_match with off 0: the struct itself, then the struct
// member at offset 0, and so on down (btf_struct_walk's WALK_STRUCT).
bool KernelBtf::struct_begins_with(std::uint32_t id, std::uint32_t wanted) const {
    const btf_type* t = skip_modifiers(id);
    for (int depth = 0; t != nullptr && depth < kMaxDepth; ++depth) {
        if (id == wanted) {
            return true;
        }
        if (!btf_is_struct(t) || btf_vlen(t) == 0 || btf_member_bit_offset(t, 0) != 0) {
            return false;
        }
        id = btf_members(t)[0].type;
        t = skip_modifiers(id);
    }
    return t == nullptr;  // a type BTF lacks: cannot tell
}

// btf_struct_access(): walks until a pointer or scalar member.
MemberRead KernelBtf::read_member(std::uint32_t struct_id, std::uint32_t offset, std::uint32_t size) const {
    MemberRead out;
    bool untrusted = false;
    const btf_type* t = type(struct_id);
    for (int depth = 0; depth < kMaxDepth; ++depth) {
        std::uint32_t next = 0;
        switch (struct_walk(t, offset, size, untrusted, next, out)) {
            case Walk::Ptr:
                out.kind = MemberRead::Kind::StructPointer;
                out.type_id = next;
                return out;
            case Walk::PtrUntrusted:
                out.kind = MemberRead::Kind::OtherPointer;
                return out;
            case Walk::Scalar:
                out.kind = MemberRead::Kind::Scalar;
                return out;
            case Walk::Struct:
                t = type(next);
                offset = 0;
                break;
            case Walk::Error:
                out.kind = MemberRead::Kind::Invalid;
                return out;
        }
    }
    out.kind = MemberRead::Kind::Invalid;
    out.error = "struct nesting too deep";
    return out;
}

}  // namespace

Expected<std::unique_ptr<KernelTypes>> load_kernel_btf(const std::string& path) {
    btf* types = btf__parse(path.c_str(), nullptr);
    if (types == nullptr) {
        return Error{fmt::format("cannot read kernel BTF from '{}': {}", path, std::strerror(errno))};
    }
    return std::unique_ptr<KernelTypes>(std::make_unique<KernelBtf>(path, types));
}

}  // namespace bpfcheck::loader
