// Fuzz target: the verifier-log parser of `bpfcheck explain` on arbitrary
// text (logs are pasted by users: any bytes, any truncation), then the
// catalog lookup of whatever error line it found. Neither may crash, hang
// or read out of bounds; refusing the text is a fine answer.
#include "analyzer/explain/catalog.hpp"
#include "analyzer/explain/kernel_log.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bpfcheck;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const explain::ParsedLog parsed = explain::parse_kernel_log(text);
    if (parsed.log) {
        (void)explain::match_catalog(parsed.log->error);
        for (const explain::LogEntry& entry : parsed.log->entries) {
            if (entry.kind == explain::EntryKind::Insn) {
                (void)parsed.log->last_insn_entry(entry.insn);
            }
        }
    }
    return 0;
}
