#include "cli/program_selection.hpp"

#include <fmt/format.h>

namespace bpfcheck::cli {

Expected<std::vector<const model::Program*>> select_programs(const model::BpfObject& object,
                                                              const std::vector<std::string>& names) {
    std::vector<const model::Program*> selected;
    if (names.empty()) {
        for (const auto& program : object.programs) {
            selected.push_back(&program);
        }
        return selected;
    }
    for (const auto& name : names) {
        const model::Program* found = nullptr;
        for (const auto& program : object.programs) {
            if (program.name == name) {
                found = &program;
            }
        }
        if (found == nullptr) {
            std::string available;
            for (const auto& program : object.programs) {
                available += (available.empty() ? "" : ", ") + program.name;
            }
            return Error{fmt::format("{}: no program named '{}' (programs: {})", object.path, name,
                                     available.empty() ? "none" : available)};
        }
        selected.push_back(found);
    }
    return selected;
}

}  // namespace bpfcheck::cli
