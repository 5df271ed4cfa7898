// Numbers read from a pasted log. std::stoul/stoi throw on digits that do
// not fit (a mangled or hostile log has any number of them); these clamp to
// the type's range instead, which no instruction index or register reaches.
#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <string_view>

namespace bpfcheck::explain {

template <typename T>
T log_number(std::string_view digits) {
    const bool negative = !digits.empty() && digits.front() == '-';
    T value{};
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    (void)end;
    if (error == std::errc::result_out_of_range) {
        return negative ? std::numeric_limits<T>::min() : std::numeric_limits<T>::max();
    }
    return error == std::errc{} ? value : T{};
}

inline std::uint32_t log_u32(std::string_view digits) {
    return log_number<std::uint32_t>(digits);
}
inline int log_int(std::string_view digits) {
    return log_number<int>(digits);
}

}  // namespace bpfcheck::explain
