// Kernel variables missing from the running kernel's symbol table (see
// kallsyms_presence.hpp).
#include "cli/kernel/kallsyms_presence.hpp"

#include "analyzer/platform/kfuncs/kfunc_table.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_set>

namespace bpfcheck::cli {

namespace {

constexpr const char* kKallsyms = "/proc/kallsyms";

class KernelSymbols {
public:
    // Whether /proc/kallsyms names `name` (nullopt: unknown).
    std::optional<bool> has(const std::string& name) {
        const std::scoped_lock guard(m_lock);
        if (!m_read) {
            m_read = true;
            read();
        }
        if (m_names.empty()) {
            return std::nullopt;
        }
        return m_names.contains(name);
    }

private:
    // Lines are "ADDRESS TYPE NAME [MODULE]"; names are listed without
    // privileges too (only the addresses are hidden).
    void read() {
        std::ifstream in(kKallsyms);
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string address;
            std::string type;
            std::string name;
            if (fields >> address >> type >> name) {
                m_names.insert(std::move(name));
            }
        }
    }

    std::mutex m_lock;
    bool m_read = false;
    std::unordered_set<std::string> m_names;
};

KernelSymbols& kernel_symbols() {
    static KernelSymbols symbols;
    return symbols;
}

// A variable of a type the object's BTF declares in its .ksyms section (an
// untyped one, `const void`, libbpf itself looks up in /proc/kallsyms and
// sets to 0 when weak; an asm reference to an undefined symbol is no ksym).
bool is_kernel_variable(const model::BpfObject& object, const std::string& symbol) {
    return std::any_of(object.externs.begin(), object.externs.end(),
                       [&](const model::Extern& e) { return e.typed_variable && e.name == symbol; });
}

}  // namespace

std::vector<std::string> ksyms_missing_from_kallsyms(const model::BpfObject& object, const model::Program& program) {
    std::vector<std::string> missing;
    for (const model::InsnRef& ref : program.refs) {
        if (ref.kind != model::RelocKind::Ksym || !is_kernel_variable(object, ref.symbol) ||
            std::find(missing.begin(), missing.end(), ref.symbol) != missing.end()) {
            continue;
        }
        // libbpf looks a ksym up by its essential name (without a ___flavor).
        const std::string name(analyzer::essential_name(ref.symbol));
        if (!name.empty() && kernel_symbols().has(name) == false) {
            missing.push_back(ref.symbol);
        }
    }
    return missing;
}

}  // namespace bpfcheck::cli
