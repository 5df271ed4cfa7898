// Member reads through kernel BTF pointers as the kernel's btf_struct_walk()
// makes them (kernel/bpf/btf.c), member extents, struct_ops callbacks and
// btf_struct_ids_match at offset 0; see kernel_btf_model.hpp.
#include "cfg/loader/btf/btf_functions.hpp"
#include "cfg/loader/btf/kernel_btf_model.hpp"

#include <bpf/btf.h>
#include <fmt/format.h>

namespace bpfcheck::loader::kernel_btf_detail {

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
                if (const btf_type* tag = type(pointee);
                    tag != nullptr && btf_is_type_tag(tag) && btf_kflag(tag) == 0 && name(tag->name_off) == "rcu") {
                    out.rcu_tagged = true;
                }
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

// btf_struct_ids_match without strict matching: the struct itself at
// offset 0, else each struct member that starts at the offset (the
// outermost first, then its first member's, and so on: WALK_STRUCT).
bool KernelBtf::struct_at_offset_is(std::uint32_t id, std::uint32_t offset, std::string_view wanted) const {
    const btf_type* t = skip_modifiers(id);
    if (t == nullptr) {
        return true;  // a type BTF lacks: cannot tell
    }
    if (offset == 0 && name(t->name_off) == wanted) {
        return true;
    }
    for (int depth = 0; depth < kMaxDepth; ++depth) {
        bool untrusted = false;
        std::uint32_t next = 0;
        MemberRead ignored;
        if (t == nullptr || !btf_is_composite(t) ||
            struct_walk(t, offset, 1, untrusted, next, ignored) != Walk::Struct) {
            return false;
        }
        t = skip_modifiers(next);
        if (t != nullptr && name(t->name_off) == wanted) {
            return true;
        }
        offset = 0;
    }
    return false;
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
                out.untrusted = untrusted;
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

}  // namespace bpfcheck::loader::kernel_btf_detail
