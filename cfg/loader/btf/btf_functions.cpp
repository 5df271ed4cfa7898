#include "cfg/loader/btf/btf_functions.hpp"

#include <bpf/btf.h>

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bpfcheck::loader {
namespace {

// Follows typedefs and qualifiers to the type they name (0: void, or a
// chain that does not end).
std::uint32_t skip_modifiers(const btf& types, std::uint32_t id) {
    for (int hops = 0; id != 0 && hops < 64; ++hops) {
        const btf_type* type = btf__type_by_id(&types, id);
        if (type == nullptr) {
            return 0;
        }
        if (!btf_is_mod(type) && !btf_is_typedef(type)) {
            return id;
        }
        id = type->type;
    }
    return 0;
}

std::string name_of(const btf& types, const btf_type& type) {
    const char* name = btf__name_by_offset(&types, type.name_off);
    return name == nullptr ? std::string{} : std::string{name};
}

FunctionParam param_of(const btf& types, std::uint32_t type_id) {
    FunctionParam param;
    const std::uint32_t id = skip_modifiers(types, type_id);
    const btf_type* type = id == 0 ? nullptr : btf__type_by_id(&types, id);
    if (type == nullptr) {
        return param;
    }
    if (btf_is_int(type) || btf_is_any_enum(type)) {
        param.kind = ParamKind::Scalar;
        return param;
    }
    if (!btf_is_ptr(type)) {
        return param;  // structs by value and the like: the kernel refuses them too
    }
    param.kind = ParamKind::Pointer;
    const std::uint32_t pointee_id = skip_modifiers(types, type->type);
    if (pointee_id == 0) {
        param.pointee = "void";
        return param;
    }
    const btf_type* pointee = btf__type_by_id(&types, pointee_id);
    param.pointee = pointee == nullptr ? std::string{} : name_of(types, *pointee);
    const long long size = btf__resolve_size(&types, pointee_id);
    param.pointee_size = size > 0 && size < (1LL << 30) ? static_cast<std::uint32_t>(size) : 0;
    return param;
}

// The decl tags naming a FUNC: on the function itself (component -1),
// "exception_callback:NAME"; on a global function's parameter, the argument
// tags "arg:ctx" / "arg:nonnull" / "arg:trusted" / "arg:nullable" /
// "arg:arena" (btf_prepare_func_args).
void apply_decl_tags(const btf& types, std::span<const std::uint32_t> tags, FunctionSignature& signature) {
    constexpr std::string_view kExceptionCallback = "exception_callback:";
    for (const std::uint32_t id : tags) {
        const btf_type* tag = btf__type_by_id(&types, id);
        const int index = btf_decl_tag(tag)->component_idx;
        const std::string name = name_of(types, *tag);
        if (index == -1 && name.starts_with(kExceptionCallback)) {
            signature.exception_callbacks.push_back(name.substr(kExceptionCallback.size()));
            continue;
        }
        if (!signature.global_linkage || index < 0 || static_cast<std::size_t>(index) >= signature.params.size()) {
            continue;
        }
        FunctionParam& param = signature.params[static_cast<std::size_t>(index)];
        param.tag_ctx = param.tag_ctx || name == "arg:ctx";
        param.tag_nonnull = param.tag_nonnull || name == "arg:nonnull";
        param.tag_trusted = param.tag_trusted || name == "arg:trusted";
        param.tag_nullable = param.tag_nullable || name == "arg:nullable";
        param.tag_arena = param.tag_arena || name == "arg:arena";
    }
}

}  // namespace

std::string core_shape(const btf& types, std::uint32_t id, int depth) {
    std::string out;
    id = skip_modifiers(types, id);
    const btf_type* type = id == 0 ? nullptr : btf__type_by_id(&types, id);
    if (depth <= 0) {
        out.push_back('!');
    } else if (type == nullptr) {
        out.push_back('v');
    } else if (btf_is_int(type)) {
        out.push_back(btf_int_offset(type) == 0 ? 'i' : '!');
    } else if (btf_is_any_enum(type)) {
        out.push_back('e');
    } else if (btf_is_ptr(type)) {
        out.push_back('p');
        out.append(core_shape(types, type->type, depth - 1));
    } else if (btf_is_array(type)) {
        out.push_back('a');
        out.append(core_shape(types, btf_array(type)->type, depth - 1));
    } else if (btf_is_func_proto(type)) {
        out.push_back('(');
        const btf_param* params = btf_params(type);
        for (std::uint16_t i = 0; i < btf_vlen(type); ++i) {
            out.append(core_shape(types, params[i].type, depth - 1));
            out.push_back(',');
        }
        out.push_back(')');
        out.append(core_shape(types, type->type, depth - 1));
    } else {
        // struct, union, fwd, float, ...: compatible by kind alone.
        out.push_back('k');
        out.append(std::to_string(btf_kind(type)));
    }
    return out;
}

void read_btf_functions(const btf& types, ElfImage& image) {
    const std::uint32_t count = btf__type_cnt(&types);
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> decl_tags;  // by the type they tag
    for (std::uint32_t id = 1; id < count; ++id) {
        if (const btf_type* tag = btf__type_by_id(&types, id); tag != nullptr && btf_is_decl_tag(tag)) {
            decl_tags[tag->type].push_back(id);
        }
    }
    for (std::uint32_t id = 1; id < count; ++id) {
        const btf_type* func = btf__type_by_id(&types, id);
        if (func == nullptr || !btf_is_func(func)) {
            continue;
        }
        const btf_type* proto = btf__type_by_id(&types, func->type);
        if (proto == nullptr || !btf_is_func_proto(proto)) {
            continue;
        }
        FunctionSignature signature;
        signature.global_linkage = btf_vlen(func) == BTF_FUNC_GLOBAL;  // a FUNC keeps its linkage in vlen
        const btf_param* params = btf_params(proto);
        for (std::uint16_t i = 0; i < btf_vlen(proto); ++i) {
            signature.params.push_back(param_of(types, params[i].type));
        }
        const std::uint32_t ret = skip_modifiers(types, proto->type);
        const btf_type* ret_type = ret == 0 ? nullptr : btf__type_by_id(&types, ret);
        signature.returns_scalar = ret_type != nullptr && (btf_is_int(ret_type) || btf_is_any_enum(ret_type));
        signature.return_type = ret_type == nullptr ? "void" : name_of(types, *ret_type);
        signature.core_shape = core_shape(types, func->type);
        if (const auto tags = decl_tags.find(id); tags != decl_tags.end()) {
            apply_decl_tags(types, tags->second, signature);
        }
        image.btf_functions.emplace(name_of(types, *func), std::move(signature));
    }
}

}  // namespace bpfcheck::loader
