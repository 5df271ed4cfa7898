// Renderers of `bpfcheck compare`. JSON and CSV share one list of fields,
// whose names are an interface (README.md, "compare"): an array of objects,
// or a header row and one row per program; a figure the kernel did not give
// is null in JSON and empty in CSV. The table is for people: aligned columns,
// numbers to the right, and a summary of the agreement at the end.
#include "cli/compare_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>

namespace bpfcheck::cli {

namespace {

using Json = nlohmann::ordered_json;

bool verifier_ran(const KernelResult& kernel) {
    return kernel.verdict == KernelVerdict::Accept || kernel.verdict == KernelVerdict::Reject;
}

Json optional_number(const std::optional<std::uint64_t>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json optional_text(const std::string& text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

Json row_json(const CompareRow& row) {
    const KernelResult& k = row.kernel;
    const bool ran = verifier_ran(k);
    Json j;
    j["object"] = row.object;
    j["program"] = row.program;
    j["section"] = row.section;
    j["type"] = row.type;
    j["instructions"] = row.instructions;
    j["bpfcheck_verdict"] = std::string(analyzer::verdict_name(row.bpfcheck.verdict));
    j["bpfcheck_time_ms"] = row.bpfcheck.time_ms;
    j["bpfcheck_peak_kib"] = row.bpfcheck.peak_kib;
    j["bpfcheck_process_peak_kib"] = row.bpfcheck.process_peak_kib;
    j["bpfcheck_error"] = optional_text(row.bpfcheck.error);
    j["kernel_verdict"] = std::string(kernel_verdict_name(k.verdict));
    j["kernel_loader"] = optional_text(k.loader);
    j["kernel_errno"] = k.error_number != 0 ? Json(k.error_number) : Json(nullptr);
    j["kernel_error"] = optional_text(k.error);
    j["kernel_insns_processed"] = ran ? optional_number(k.stats.insns_processed) : Json(nullptr);
    j["kernel_insn_limit"] = ran ? optional_number(k.stats.insn_limit) : Json(nullptr);
    j["kernel_max_states_per_insn"] = ran ? optional_number(k.stats.max_states_per_insn) : Json(nullptr);
    j["kernel_total_states"] = ran ? optional_number(k.stats.total_states) : Json(nullptr);
    j["kernel_peak_states"] = ran ? optional_number(k.stats.peak_states) : Json(nullptr);
    j["kernel_mark_read"] = ran ? optional_number(k.stats.mark_read) : Json(nullptr);
    j["kernel_time_us"] = ran ? optional_number(k.stats.time_us) : Json(nullptr);
    j["kernel_verified_insns"] = k.verified_insns ? Json(*k.verified_insns) : Json(nullptr);
    j["agreement"] = std::string(agreement_name(row.agreement));
    return j;
}

std::string csv_field(const Json& value) {
    if (value.is_null()) {
        return "";
    }
    std::string text;
    if (value.is_string()) {
        text = value.get<std::string>();
    } else if (value.is_number_float()) {
        text = fmt::format("{:.3f}", value.get<double>());
    } else {
        text = value.dump();
    }
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

// A statistic of the verifier's, shown only when it ran to a verdict.
std::string statistic(const CompareRow& row, const std::optional<std::uint64_t>& value) {
    return verifier_ran(row.kernel) && value ? std::to_string(*value) : "-";
}

std::string table_note(const CompareRow& row) {
    std::string note;
    if (!row.bpfcheck.error.empty() && row.bpfcheck.verdict != analyzer::Verdict::Pass) {
        note = "bpfcheck: " + row.bpfcheck.error;
    }
    if (!row.kernel.error.empty() && row.kernel.verdict != KernelVerdict::NotAvailable) {
        if (!note.empty()) {
            note += " | ";
        }
        note += "kernel: ";
        note += row.kernel.error;
    }
    return note;
}

struct Column {
    const char* header;
    bool right_aligned;
    std::function<std::string(const CompareRow&)> cell;
};

}  // namespace

std::string_view agreement_name(Agreement agreement) {
    switch (agreement) {
        case Agreement::BothAccept:
            return "both_accept";
        case Agreement::BothReject:
            return "both_reject";
        case Agreement::OnlyBpfcheckRejects:
            return "only_bpfcheck_rejects";
        case Agreement::OnlyKernelRejects:
            return "only_kernel_rejects";
        case Agreement::NotApplicable:
            return "n/a";
    }
    return "n/a";
}

Agreement agreement_of(analyzer::Verdict bpfcheck, KernelVerdict kernel) {
    if (kernel != KernelVerdict::Accept && kernel != KernelVerdict::Reject) {
        return Agreement::NotApplicable;
    }
    const bool bpfcheck_accepts = bpfcheck == analyzer::Verdict::Pass;
    const bool kernel_accepts = kernel == KernelVerdict::Accept;
    if (bpfcheck_accepts == kernel_accepts) {
        return bpfcheck_accepts ? Agreement::BothAccept : Agreement::BothReject;
    }
    return bpfcheck_accepts ? Agreement::OnlyKernelRejects : Agreement::OnlyBpfcheckRejects;
}

void render_compare_json(std::ostream& out, const std::vector<CompareRow>& rows) {
    Json all = Json::array();
    for (const CompareRow& row : rows) {
        all.push_back(row_json(row));
    }
    out << all.dump(2) << "\n";
}

void render_compare_csv(std::ostream& out, const std::vector<CompareRow>& rows) {
    const Json header = row_json(CompareRow{});
    const char* separator = "";
    for (const auto& item : header.items()) {
        out << separator << item.key();
        separator = ",";
    }
    out << "\n";
    for (const CompareRow& row : rows) {
        const Json fields = row_json(row);  // kept alive: items() refers to it
        separator = "";
        for (const auto& item : fields.items()) {
            out << separator << csv_field(item.value());
            separator = ",";
        }
        out << "\n";
    }
}

void render_compare_table(std::ostream& out, const std::vector<CompareRow>& rows, const std::string& kernel_note) {
    const std::vector<Column> columns = {
        {"object", false, [](const CompareRow& r) { return r.object; }},
        {"program", false, [](const CompareRow& r) { return r.program; }},
        {"type", false, [](const CompareRow& r) { return r.type; }},
        {"insns", true, [](const CompareRow& r) { return std::to_string(r.instructions); }},
        {"bpfcheck", false,
         [](const CompareRow& r) { return std::string(analyzer::verdict_name(r.bpfcheck.verdict)); }},
        {"ms", true, [](const CompareRow& r) { return fmt::format("{:.2f}", r.bpfcheck.time_ms); }},
        {"peak KiB", true, [](const CompareRow& r) { return std::to_string(r.bpfcheck.peak_kib); }},
        {"kernel", false, [](const CompareRow& r) { return std::string(kernel_verdict_name(r.kernel.verdict)); }},
        {"processed", true, [](const CompareRow& r) { return statistic(r, r.kernel.stats.insns_processed); }},
        {"states", true, [](const CompareRow& r) { return statistic(r, r.kernel.stats.total_states); }},
        {"peak", true, [](const CompareRow& r) { return statistic(r, r.kernel.stats.peak_states); }},
        {"us", true, [](const CompareRow& r) { return statistic(r, r.kernel.stats.time_us); }},
        {"agreement", false, [](const CompareRow& r) { return std::string(agreement_name(r.agreement)); }},
        {"note", false, table_note},
    };
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size());
    std::vector<std::size_t> widths;
    widths.reserve(columns.size());
    for (const Column& column : columns) {
        widths.push_back(std::string_view(column.header).size());
    }
    for (const CompareRow& row : rows) {
        std::vector<std::string>& line = cells.emplace_back();
        line.reserve(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            line.push_back(columns[c].cell(row));
            widths[c] = std::max(widths[c], line.back().size());
        }
    }
    const auto print_line = [&](const std::vector<std::string>& line) {
        std::string text;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const bool last = c + 1 == columns.size();
            if (last) {
                text += line[c];
            } else if (columns[c].right_aligned) {
                text += fmt::format("{:>{}}  ", line[c], widths[c]);
            } else {
                text += fmt::format("{:<{}}  ", line[c], widths[c]);
            }
        }
        while (!text.empty() && text.back() == ' ') {
            text.pop_back();
        }
        out << text << "\n";
    };
    std::vector<std::string> header;
    header.reserve(columns.size());
    for (const Column& column : columns) {
        header.emplace_back(column.header);
    }
    print_line(header);
    for (const auto& line : cells) {
        print_line(line);
    }

    std::array<std::size_t, 5> counts{};
    std::size_t load_errors = 0;
    for (const CompareRow& row : rows) {
        ++counts[static_cast<std::size_t>(row.agreement)];
        load_errors += row.kernel.verdict == KernelVerdict::LoadError ? 1 : 0;
    }
    out << fmt::format(
        "\n{} program{}: {} both accept, {} both reject, {} only bpfcheck rejects, {} only the kernel "
        "rejects, {} n/a",
        rows.size(), rows.size() == 1 ? "" : "s", counts[0], counts[1], counts[2], counts[3], counts[4]);
    if (load_errors != 0) {
        out << fmt::format(" ({} the kernel could not load: load_error)", load_errors);
    }
    out << "\n";
    if (!kernel_note.empty()) {
        out << "kernel: n/a: " << kernel_note << "\n";
    }
}

}  // namespace bpfcheck::cli
