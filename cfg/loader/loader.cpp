// Loader entry points: read the file, read the ELF, build the object, and
// prefix every error with the object's path.
#include "cfg/loader/loader.hpp"

#include "cfg/loader/elf_reader.hpp"
#include "cfg/loader/object_builder.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

namespace bpfcheck::loader {

namespace {
constexpr std::uintmax_t kMaxObjectBytes = 1ULL << 30;
}

Expected<BpfObject> load_object_from_memory(std::span<const std::uint8_t> bytes, const std::string& name,
                                            const LoadOptions& options) {
    auto image = read_elf_image(bytes, name, options);
    if (!image) {
        return Error{fmt::format("{}: {}", name, image.error().message)};
    }
    auto object = build_object(*image);
    if (!object) {
        return Error{fmt::format("{}: {}", name, object.error().message)};
    }
    return object;
}

Expected<BpfObject> load_object(const std::string& path, const LoadOptions& options) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return Error{fmt::format("{}: cannot open file", path)};
    }
    file.seekg(0, std::ios::end);
    const auto size = static_cast<std::uintmax_t>(file.tellg());
    if (size > kMaxObjectBytes) {
        return Error{fmt::format("{}: file of {} bytes is larger than the 1 GiB limit", path, size)};
    }
    file.seekg(0, std::ios::beg);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (!file.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        return Error{fmt::format("{}: read error", path)};
    }
    return load_object_from_memory(bytes, path, options);
}

void apply_unprivileged_view(BpfObject& object) {
    if (!object.has_btf) {
        return;
    }
    if (object.btf_refusal.empty()) {
        object.btf_refusal = "the loader lacks CAP_BPF, which loading BTF into the kernel (BPF_BTF_LOAD) needs";
    }
    for (MapDef& map : object.maps) {
        map.has_btf = false;
    }
    for (Program& program : object.programs) {
        program.has_func_info = false;
    }
}

}  // namespace bpfcheck::loader
