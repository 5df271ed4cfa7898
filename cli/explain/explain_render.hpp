// The renderers of `bpfcheck explain`: text like a compiler's error with the
// source line, JSON ({"error": {...}, "evidence": [...], "bpfcheck": {...}}),
// and one self-contained HTML page (the data embedded as JSON, a little plain
// JavaScript and CSS, nothing fetched).
#pragma once

#include "analyzer/explain/explanation.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace bpfcheck::cli {

nlohmann::json explanation_json(const explain::Explanation& explanation);
void render_explain_text(std::ostream& out, const explain::Explanation& explanation);
void render_explain_json(std::ostream& out, const explain::Explanation& explanation);
void render_explain_html(std::ostream& out, const explain::Explanation& explanation);

}  // namespace bpfcheck::cli
