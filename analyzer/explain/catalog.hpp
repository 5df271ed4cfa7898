// The catalog of the kernel verifier's error messages: for each, a pattern
// that recognises it in a log, the bpfcheck check id of the same family, the
// usual category of a rejection with that message, what it means in plain
// words and the usual fix. The messages are those of kernel/bpf/verifier.c,
// kernel/bpf/btf.c and the *_is_valid_access() functions of
// net/core/filter.c and kernel/trace/bpf_trace.c (Linux 5.4 to 6.18); the
// explanations are bpfcheck's own. Data only: catalog_entries.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bpfcheck::explain {

enum class Category : std::uint8_t { Bug, KernelLimit, Environment };

std::string_view category_name(Category category);

struct CatalogEntry {
    std::string_view key;      // unique, stable: "invalid_mem_access_null"
    std::string_view pattern;  // ECMAScript regex searched in the error line
    std::string_view id;       // check id family: "null.deref"
    Category category = Category::Bug;
    std::string_view explanation;
    std::string_view fix;
    int insn_group = 0;  // the regex group that holds the failing instruction, when the message names it
    // bpfcheck checks the property, so its proof of safety is a second opinion
    // that can make the rejection a kernel limit.
    bool second_opinion = true;
};

std::span<const CatalogEntry> catalog();

struct CatalogMatch {
    const CatalogEntry* entry = nullptr;
    std::optional<std::uint32_t> insn;  // from the message (insn_group)
};

// The first entry whose pattern `message` contains, if any.
CatalogMatch match_catalog(std::string_view message);

}  // namespace bpfcheck::explain
