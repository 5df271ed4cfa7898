// The kernel-BTF model's class, shared by its two files: kernel_btf.cpp
// (type names, argument kinds, attach targets, the name index) and
// kernel_btf_walk.cpp (member reads as btf_struct_walk, member extents,
// struct_ops callbacks). Internal to cfg/loader/btf/; see kernel_btf.hpp.
#pragma once

#include "cfg/loader/btf/kernel_btf.hpp"

#include <bpf/btf.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::loader::kernel_btf_detail {

inline constexpr int kMaxDepth = 32;  // the kernel's MAX_RESOLVE_DEPTH

inline bool is_modifier(const btf_type* t) {
    return btf_is_mod(t) || btf_is_typedef(t);
}

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
    [[nodiscard]] std::optional<std::uint32_t> type_size(std::uint32_t id) const override {
        const long long size = btf__resolve_size(m_btf.get(), id);
        return size < 0 || size > 0xffffffffLL ? std::nullopt : std::optional(static_cast<std::uint32_t>(size));
    }
    [[nodiscard]] std::optional<bool> has_symbol(std::string_view name) const override {
        return find_by_name_kind(name, BTF_KIND_FUNC) != 0 || find_by_name_kind(name, BTF_KIND_VAR) != 0;
    }
    [[nodiscard]] std::optional<bool> has_function(std::string_view name) const override {
        return find_by_name_kind(name, BTF_KIND_FUNC) != 0;
    }
    [[nodiscard]] const btf* libbpf_types() const { return m_btf.get(); }
    [[nodiscard]] std::optional<std::string> function_shape(std::string_view name) const override {
        const std::uint32_t id = find_by_name_kind(name, BTF_KIND_FUNC);
        if (id == 0) {
            return std::nullopt;
        }
        return core_shape(*m_btf, type(id)->type);
    }
    [[nodiscard]] std::string function_pointee_struct(std::string_view function, int index) const override {
        const btf_type* proto = function_proto(function);
        if (proto == nullptr || index >= static_cast<int>(btf_vlen(proto))) {
            return {};
        }
        std::uint32_t id = index < 0 ? proto->type : btf_params(proto)[index].type;
        const btf_type* pointer = skip_modifiers(id);
        if (pointer == nullptr || !btf_is_ptr(pointer)) {
            return {};
        }
        id = pointer->type;
        const btf_type* pointee = skip_modifiers(id);
        return pointee != nullptr && btf_is_struct(pointee) ? name(pointee->name_off) : std::string{};
    }
    [[nodiscard]] std::vector<std::string> function_param_names(std::string_view function) const override {
        const btf_type* proto = function_proto(function);
        if (proto == nullptr) {
            return {};
        }
        std::vector<std::string> names;
        for (unsigned i = 0; i < btf_vlen(proto); ++i) {
            names.push_back(name(btf_params(proto)[i].name_off));
        }
        return names;
    }
    [[nodiscard]] bool struct_begins_with(std::uint32_t id, std::uint32_t wanted) const override;
    [[nodiscard]] bool struct_at_offset_is(std::uint32_t id, std::uint32_t offset,
                                           std::string_view wanted) const override;
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
    // The prototype of the kernel function `function`, or nullptr.
    [[nodiscard]] const btf_type* function_proto(std::string_view function) const {
        const std::uint32_t func = find_by_name_kind(function, BTF_KIND_FUNC);
        const btf_type* proto = func == 0 ? nullptr : type(type(func)->type);
        return proto != nullptr && btf_is_func_proto(proto) ? proto : nullptr;
    }
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
    // asks), or 0. A kind's first few names are found by a scan each and
    // remembered (checks ask the same kfunc or struct name again for every
    // call they see); past them, a name index of the kind is built once, by
    // whichever worker thread asks then.
    [[nodiscard]] std::uint32_t find_by_name_kind(std::string_view name, std::uint32_t kind) const;
    [[nodiscard]] bool named(std::uint32_t id, std::string_view name) const;

    std::string m_path;
    std::unique_ptr<btf, BtfDeleter> m_btf;
    // One kind's type ids by name: an open-addressed table (0: empty), each
    // id at the first free slot from its name's hash, inserted in ascending
    // order (so a name's ids come in that order along its probe sequence).
    struct NameIndex {
        std::mutex scanned_lock;
        std::vector<std::pair<std::string, std::uint32_t>> scanned;  // names scanned for, and what was found
        std::atomic<bool> built{false};
        std::once_flag once;
        std::vector<std::uint32_t> slots;
    };
    void build_index(NameIndex& index, std::uint32_t kind) const;
    [[nodiscard]] std::uint32_t probe_index(const NameIndex& index, std::string_view name) const;
    static constexpr std::size_t kScansBeforeIndex = 8;
    static constexpr std::size_t kIndexedKinds = 20;  // BTF_KIND_UNKN .. BTF_KIND_ENUM64
    mutable std::array<NameIndex, kIndexedKinds> m_by_kind;
    [[nodiscard]] std::string_view name_of(std::uint32_t id) const;
};

}  // namespace bpfcheck::loader::kernel_btf_detail
