// Kfuncs the running kernel lacks (see kfunc_presence.hpp).
#include "cli/kernel/kfunc_presence.hpp"

#include "analyzer/platform/kfuncs/kfunc_table.hpp"
#include "cfg/loader/btf/kernel_btf.hpp"

#include <bpf/btf.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace bpfcheck::cli {

namespace {

constexpr const char* kBtfDir = "/sys/kernel/btf";

struct BtfFree {
    void operator()(btf* b) const { btf__free(b); }
};
using BtfPtr = std::unique_ptr<btf, BtfFree>;

// The FUNC names of `types` from its first own type id on (views into its
// strings: `types` must outlive `out`).
void add_functions(const btf* types, std::uint32_t first, std::unordered_set<std::string_view>& out) {
    const std::uint32_t count = btf__type_cnt(types);
    for (std::uint32_t id = first; id < count; ++id) {
        const btf_type* type = btf__type_by_id(types, id);
        if (type != nullptr && btf_is_func(type)) {
            if (const char* name = btf__name_by_offset(types, type->name_off)) {
                out.emplace(name);
            }
        }
    }
}

class KernelFunctions {
public:
    // Whether the running kernel has function `name` (nullopt: unknown).
    // `vmlinux`: the running kernel's types as the command read them, or
    // null (then this reads them itself, once).
    std::optional<bool> has(const std::string& name, const model::KernelTypes* vmlinux) {
        const std::scoped_lock guard(m_lock);
        const btf* base = vmlinux == nullptr ? nullptr : loader::libbpf_types(*vmlinux);
        bool in_vmlinux = false;
        if (base != nullptr) {
            in_vmlinux = vmlinux->has_function(name).value_or(false);
        } else {
            read_own_vmlinux();
            if (!m_own_vmlinux) {
                return std::nullopt;
            }
            base = m_own_vmlinux.get();
            in_vmlinux = m_own_names.contains(name);
        }
        if (in_vmlinux) {
            return true;
        }
        read_modules(base);
        return m_module_names.contains(name);
    }

private:
    void read_own_vmlinux() {
        if (m_own_vmlinux_read) {
            return;
        }
        m_own_vmlinux_read = true;
        m_own_vmlinux.reset(btf__parse((std::string(kBtfDir) + "/vmlinux").c_str(), nullptr));
        if (m_own_vmlinux) {
            m_own_names.reserve(btf__type_cnt(m_own_vmlinux.get()) / 2);
            add_functions(m_own_vmlinux.get(), 1, m_own_names);
        }
    }

    // The loaded modules' functions, their split BTF read against `base`
    // (again only if the base is another).
    void read_modules(const btf* base) {
        if (m_modules_base == base) {
            return;
        }
        m_modules_base = base;
        m_module_names.clear();
        m_modules.clear();
        std::error_code error;
        const std::uint32_t base_count = btf__type_cnt(base);
        for (const auto& entry : std::filesystem::directory_iterator(kBtfDir, error)) {
            if (entry.path().filename() == "vmlinux") {
                continue;
            }
            // libbpf's parse takes a mutable base but does not change it.
            BtfPtr module(btf__parse_split(entry.path().c_str(), const_cast<btf*>(base)));
            if (module) {
                add_functions(module.get(), base_count, m_module_names);
                m_modules.push_back(std::move(module));  // m_module_names holds views into its strings
            }
        }
    }

    std::mutex m_lock;
    bool m_own_vmlinux_read = false;
    BtfPtr m_own_vmlinux;
    std::unordered_set<std::string_view> m_own_names;  // views into m_own_vmlinux's strings
    const btf* m_modules_base = nullptr;
    std::vector<BtfPtr> m_modules;
    std::unordered_set<std::string_view> m_module_names;  // views into m_modules' strings
};

KernelFunctions& kernel_functions() {
    static KernelFunctions functions;
    return functions;
}

}  // namespace

std::vector<std::string> kfuncs_missing_on_running_kernel(const model::Program& program,
                                                          const model::KernelTypes* vmlinux) {
    std::vector<std::string> missing;
    for (std::size_t pc = 0; pc < program.insns.size() && pc < program.refs.size(); ++pc) {
        const auto* call = std::get_if<isa::Call>(&program.insns[pc]);
        if (call == nullptr || call->kind != isa::CallKind::Kfunc || program.refs[pc].weak) {
            continue;
        }
        // libbpf looks a ksym up by its essential name (without a ___flavor).
        const std::string& symbol = program.refs[pc].symbol;
        const std::string name(analyzer::essential_name(symbol));
        if (name.empty() || std::find(missing.begin(), missing.end(), symbol) != missing.end()) {
            continue;
        }
        if (kernel_functions().has(name, vmlinux) == false) {
            missing.push_back(symbol);
        }
    }
    return missing;
}

}  // namespace bpfcheck::cli
