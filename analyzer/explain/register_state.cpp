// Reading register and stack states of verifier logs; see register_state.hpp.
// The syntax is print_verifier_state() / print_scalar_ranges() of
// kernel/bpf/log.c (6.x) and the older verifier.c printer (5.x, "inv").
#include "analyzer/explain/register_state.hpp"

#include <cctype>

namespace bpfcheck::explain {

namespace {

bool is_register_name(std::string_view name) {
    if (name.size() < 2 || name[0] != 'R') {
        return false;
    }
    for (std::size_t i = 1; i < name.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(name[i])) == 0) {
            return false;
        }
    }
    return true;
}

bool is_slot_name(std::string_view name) {
    if (!name.starts_with("fp-") || name.size() < 4) {
        return false;
    }
    for (std::size_t i = 3; i < name.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(name[i])) == 0) {
            return false;
        }
    }
    return true;
}

std::string normalise_field(std::string name) {
    for (const char* old : {"_value"}) {
        const std::string suffix(old);
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
            name.resize(name.size() - suffix.size());
        }
    }
    return name;
}

// "smin=umin=0,smax=umax=255,var_off=(0x0; 0xff)" into fields; "a=b=v" gives both.
void parse_fields(std::string_view body, std::map<std::string, std::string>& fields) {
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= body.size(); ++i) {
        const char c = i < body.size() ? body[i] : ',';
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            std::string_view item = body.substr(start, i - start);
            start = i + 1;
            while (!item.empty() && item.front() == ' ') {
                item.remove_prefix(1);
            }
            std::vector<std::string_view> parts;
            std::size_t from = 0;
            int inner = 0;
            for (std::size_t j = 0; j <= item.size(); ++j) {
                const char d = j < item.size() ? item[j] : '=';
                if (d == '(') {
                    ++inner;
                } else if (d == ')') {
                    --inner;
                } else if (d == '=' && inner == 0) {
                    parts.push_back(item.substr(from, j - from));
                    from = j + 1;
                }
            }
            if (parts.size() < 2) {
                if (!item.empty()) {
                    fields[std::string(item)] = "";
                }
                continue;
            }
            for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
                fields[normalise_field(std::string(parts[k]))] = std::string(parts.back());
            }
        }
    }
}

bool looks_constant(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    std::size_t i = text[0] == '-' ? 1 : 0;
    if (i >= text.size()) {
        return false;
    }
    for (; i < text.size(); ++i) {
        if (std::isxdigit(static_cast<unsigned char>(text[i])) == 0 && text[i] != 'x') {
            return false;
        }
    }
    return true;
}

SlotState parse_one(std::string name, std::string_view value) {
    SlotState state;
    if (name.ends_with("_w")) {
        state.written = true;
        name.resize(name.size() - 2);
    }
    state.name = std::move(name);
    state.text = std::string(value);
    if (state.name.starts_with("fp-") && !value.empty() &&
        value.find_first_not_of("m0?fdi") == std::string_view::npos && value.find('(') == std::string_view::npos &&
        !looks_constant(value)) {
        state.type = "stack";  // "mmmm????": m spilled-misc, 0 zero, ? invalid, f dynptr, i iter
        return state;
    }
    std::string_view head = value;
    std::string_view body;
    const std::size_t paren = value.find('(');
    if (paren != std::string_view::npos && value.ends_with(")")) {
        head = value.substr(0, paren);
        body = value.substr(paren + 1, value.size() - paren - 2);
    } else if (const std::size_t comma = value.find(','); comma != std::string_view::npos) {
        head = value.substr(0, comma);  // "fp0,call_-1"
    }
    if (head.starts_with("P") && (head == "P" || looks_constant(head.substr(1)) || head.substr(1) == "scalar")) {
        state.precise = true;
        head.remove_prefix(1);
    }
    if (head.starts_with("invP")) {
        state.precise = true;
        head.remove_prefix(4);
        state.type = "scalar";
    } else if (head.starts_with("inv")) {
        head.remove_prefix(3);
        state.type = "scalar";
    }
    if (state.type.empty()) {
        if (head.empty() || looks_constant(head)) {
            state.type = "scalar";
        } else if (head.starts_with("fp") && looks_constant(head.substr(2))) {
            state.type = "fp";
            state.fields["off"] = std::string(head.substr(2));
            head = {};
        } else {
            state.type = std::string(head);
            head = {};
        }
    }
    if (!head.empty() && looks_constant(head)) {
        state.constant = std::string(head);
    }
    parse_fields(body, state.fields);
    if (state.type == "scalar" && state.constant.empty()) {
        const auto umin = state.fields.find("umin");
        const auto umax = state.fields.find("umax");
        if (umin != state.fields.end() && umax != state.fields.end() && umin->second == umax->second) {
            state.constant = umin->second;
        }
    }
    return state;
}

}  // namespace

std::string SlotState::summary() const {
    if (type == "stack") {
        return text;
    }
    if (type == "scalar") {
        if (!constant.empty()) {
            return constant;
        }
        std::string out = "scalar(";
        bool first = true;
        for (const auto& [key, value] : fields) {
            if (key == "id" && value == "0") {
                continue;
            }
            out += (first ? "" : ",") + key + "=" + value;
            first = false;
        }
        return out + ")";
    }
    return text;
}

bool SlotState::unbounded_scalar() const {
    if (type != "scalar" || !constant.empty()) {
        return false;
    }
    for (const char* key : {"umax", "smax", "umax32", "smax32", "umin", "smin"}) {
        if (fields.contains(key)) {
            return false;
        }
    }
    const auto var_off = fields.find("var_off");
    return var_off == fields.end() || var_off->second.find("0xffffffffffffffff") != std::string::npos;
}

std::vector<SlotState> parse_states(std::string_view text) {
    std::vector<SlotState> states;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        const std::size_t start = i;
        int depth = 0;
        while (i < text.size() && (depth > 0 || text[i] != ' ')) {
            if (text[i] == '(') {
                ++depth;
            } else if (text[i] == ')') {
                --depth;
            }
            ++i;
        }
        const std::string_view token = text.substr(start, i - start);
        const std::size_t eq = token.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        std::string name(token.substr(0, eq));
        const std::string base = name.ends_with("_w") ? name.substr(0, name.size() - 2) : name;
        if (is_register_name(base) || is_slot_name(base)) {
            states.push_back(parse_one(std::move(name), token.substr(eq + 1)));
        }
    }
    return states;
}

}  // namespace bpfcheck::explain
