// `bpfcheck list`: programs (name, section, type, instruction count of the
// function alone) and maps of an object, as text or JSON.
#include "cfg/loader/loader.hpp"
#include "cfg/program/map_type.hpp"
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
    const auto slot_text = [&](const model::MapSlot& slot) {
        return slot.map < object->maps.size() ? object->maps[slot.map].name : slot.program;
    };
    if (options.format == "json") {
        nlohmann::ordered_json out;
        out["object"] = options.object;
        out["notes"] = object->notes;
        out["programs"] = nlohmann::ordered_json::array();
        for (const auto& program : object->programs) {
            nlohmann::ordered_json p{
                {"name", program.name},
                {"section", program.section},
                {"type", program.type.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(program.type)},
                {"attach_type", program.attach_type},
                {"type_origin", program.type_origin},
                {"instructions", program.entry_slot_count}};
            if (!program.load_error.empty()) {
                p["error"] = program.load_error;
            }
            out["programs"].push_back(std::move(p));
        }
        out["maps"] = nlohmann::ordered_json::array();
        for (const auto& map : object->maps) {
            nlohmann::ordered_json m{{"name", map.name},
                                     {"type", model::map_type_name(map.type)},
                                     {"key_size", map.key_size},
                                     {"value_size", map.value_size},
                                     {"max_entries", map.max_entries}};
            if (map.inner_map < object->maps.size()) {
                m["inner_map"] = object->maps[map.inner_map].name;
            }
            if (!map.slots.empty()) {
                m["slots"] = nlohmann::ordered_json::object();
                for (const auto& slot : map.slots) {
                    m["slots"][std::to_string(slot.index)] = slot_text(slot);
                }
            }
            out["maps"].push_back(std::move(m));
        }
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << fmt::format("{}: {} program(s), {} map(s), license \"{}\"\n", options.object, object->programs.size(),
                             object->maps.size(), object->license);
    for (const auto& note : object->notes) {
        std::cout << "  note: " << note << "\n";
    }
    for (const auto& program : object->programs) {
        std::cout << fmt::format("  program {:<32} section {:<28} type {:<16} {} instructions\n", program.name,
                                 program.section, program.type.empty() ? "(none: --type)" : program.type,
                                 program.entry_slot_count);
        if (!program.load_error.empty()) {
            std::cout << "    error: " << program.load_error << "\n";
        }
    }
    for (const auto& map : object->maps) {
        std::string extra;
        if (map.inner_map < object->maps.size()) {
            extra += fmt::format("  inner {}", object->maps[map.inner_map].name);
        }
        for (const auto& slot : map.slots) {
            extra += fmt::format("  [{}]={}", slot.index, slot_text(slot));
        }
        std::cout << fmt::format("  map     {:<32} type {:<18} key {:>4}  value {:>6}  max_entries {}{}\n", map.name,
                                 model::map_type_name(map.type), map.key_size, map.value_size, map.max_entries, extra);
    }
    return kExitOk;
}

}  // namespace bpfcheck::cli
