// `bpfcheck list`: programs (name, section, type, instruction count of the
// function alone) and maps of an object, as text or JSON.
#include "cfg/loader/loader.hpp"
#include "cfg/loader/map_types.hpp"
#include "cli/commands.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace bpfcheck::cli {

int run_list(const ListOptions& options) {
    loader::LoadOptions load_options;
    load_options.want_lines = false;
    auto object = loader::load_object(options.object, load_options);
    if (!object) {
        std::cerr << "bpfcheck: error: " << object.error().message << "\n";
        return kExitBadInput;
    }
    if (options.format == "json") {
        nlohmann::ordered_json out;
        out["object"] = options.object;
        out["programs"] = nlohmann::ordered_json::array();
        for (const auto& program : object->programs) {
            out["programs"].push_back({{"name", program.name},
                                       {"section", program.section},
                                       {"type", program.type},
                                       {"instructions", program.entry_slot_count}});
        }
        out["maps"] = nlohmann::ordered_json::array();
        for (const auto& map : object->maps) {
            out["maps"].push_back({{"name", map.name},
                                   {"type", loader::map_type_name(map.type)},
                                   {"key_size", map.key_size},
                                   {"value_size", map.value_size},
                                   {"max_entries", map.max_entries}});
        }
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << fmt::format("{}: {} program(s), {} map(s), license \"{}\"\n", options.object, object->programs.size(),
                             object->maps.size(), object->license);
    for (const auto& program : object->programs) {
        std::cout << fmt::format("  program {:<32} section {:<28} type {:<16} {} instructions\n", program.name,
                                 program.section, program.type, program.entry_slot_count);
    }
    for (const auto& map : object->maps) {
        std::cout << fmt::format("  map     {:<32} type {:<18} key {:>4}  value {:>6}  max_entries {}\n", map.name,
                                 loader::map_type_name(map.type), map.key_size, map.value_size, map.max_entries);
    }
    return kExitOk;
}

}  // namespace bpfcheck::cli
