// libbpf's `.kconfig` values (analyzer/platform/kernel_config.hpp): the
// configuration file's lines, the bytes each extern type gets, the values
// libbpf refuses, and the LINUX_ externs it fills itself.
#include "analyzer/platform/kernel_config.hpp"

#include <catch2/catch.hpp>

using namespace bpfcheck;
using analyzer::kconfig_extern_bytes;
using analyzer::kconfig_load;
using model::KconfigExtern;
using model::KconfigKind;
using Bytes = std::vector<std::uint8_t>;

namespace {

KconfigExtern ext(std::string name, KconfigKind kind, std::uint32_t size, bool weak = false, bool is_signed = false) {
    KconfigExtern e{std::move(name), kind, size};
    e.weak = weak;
    e.is_signed = is_signed;
    return e;
}

const analyzer::KernelConfig kConfig = analyzer::parse_kernel_config(
    "#\n# Automatically generated file; DO NOT EDIT.\n"
    "CONFIG_BPF_SYSCALL=y\r\n"
    "CONFIG_MODULE_THING=m\n"
    "# CONFIG_NOT_SET is not set\n"
    "CONFIG_HZ=250\n"
    "CONFIG_BIG=0x1000\n"
    "CONFIG_NEGATIVE=-1\n"
    "CONFIG_LOCALVERSION=\"-custom\"\n");

constexpr std::uint32_t kVersion612 = 6U << 16U | 12U << 8U;

}  // namespace

TEST_CASE("kconfig: the configuration's CONFIG_ lines, not its comments") {
    CHECK(kConfig.values.size() == 6);
    CHECK(kConfig.values.at("CONFIG_BPF_SYSCALL") == "y");  // the CR of a CRLF line is not the value's
    CHECK(kConfig.values.at("CONFIG_LOCALVERSION") == "\"-custom\"");
    CHECK(kConfig.values.count("CONFIG_NOT_SET") == 0);
}

TEST_CASE("kconfig: y, m and n as bool, tristate and char") {
    CHECK(kconfig_extern_bytes(ext("CONFIG_BPF_SYSCALL", KconfigKind::Bool, 1), &kConfig, 0) == Bytes{1});
    CHECK(kconfig_extern_bytes(ext("CONFIG_BPF_SYSCALL", KconfigKind::Tristate, 4), &kConfig, 0) == Bytes{1, 0, 0, 0});
    CHECK(kconfig_extern_bytes(ext("CONFIG_MODULE_THING", KconfigKind::Tristate, 4), &kConfig, 0) == Bytes{2, 0, 0, 0});
    CHECK(kconfig_extern_bytes(ext("CONFIG_MODULE_THING", KconfigKind::Char, 1), &kConfig, 0) == Bytes{'m'});
    // libbpf refuses 'm' for a bool and a letter for an integer: the object does not load.
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_MODULE_THING", KconfigKind::Bool, 1), &kConfig, 0));
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_BPF_SYSCALL", KconfigKind::Int, 4), &kConfig, 0));
}

TEST_CASE("kconfig: numbers fill integers of their size when they fit") {
    CHECK(kconfig_extern_bytes(ext("CONFIG_HZ", KconfigKind::Int, 4), &kConfig, 0) == Bytes{250, 0, 0, 0});
    CHECK(kconfig_extern_bytes(ext("CONFIG_BIG", KconfigKind::Int, 2), &kConfig, 0) == Bytes{0, 0x10});
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_BIG", KconfigKind::Char, 1), &kConfig, 0));  // 4096 > 255
    CHECK(kconfig_extern_bytes(ext("CONFIG_NEGATIVE", KconfigKind::Int, 2, false, true), &kConfig, 0) ==
          Bytes{0xff, 0xff});
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_NEGATIVE", KconfigKind::Int, 2), &kConfig, 0));  // unsigned
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_HZ", KconfigKind::CharArray, 8), &kConfig, 0));
}

TEST_CASE("kconfig: strings fill char arrays, cut to leave their NUL") {
    CHECK(kconfig_extern_bytes(ext("CONFIG_LOCALVERSION", KconfigKind::CharArray, 8), &kConfig, 0) ==
          Bytes{'-', 'c', 'u', 's', 't', 'o', 'm', 0});
    CHECK(kconfig_extern_bytes(ext("CONFIG_LOCALVERSION", KconfigKind::CharArray, 4), &kConfig, 0) ==
          Bytes{'-', 'c', 'u', 0});
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_LOCALVERSION", KconfigKind::Int, 8), &kConfig, 0));
}

TEST_CASE("kconfig: what the configuration does not name is 0 when weak, unknown without a configuration") {
    CHECK(kconfig_extern_bytes(ext("CONFIG_NOT_SET", KconfigKind::Int, 8, true), &kConfig, 0) == Bytes(8, 0));
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_NOT_SET", KconfigKind::Int, 8), &kConfig, 0));  // strong: refused
    CHECK_FALSE(kconfig_extern_bytes(ext("CONFIG_HZ", KconfigKind::Int, 4), nullptr, kVersion612));
    CHECK_FALSE(kconfig_extern_bytes(ext("OTHER_NAME", KconfigKind::Int, 4, true), &kConfig, 0));
}

TEST_CASE("kconfig: libbpf's LINUX_ externs from the kernel's version") {
    CHECK(kconfig_extern_bytes(ext("LINUX_KERNEL_VERSION", KconfigKind::Int, 4), nullptr, kVersion612) ==
          Bytes{0, 12, 6, 0});
    CHECK_FALSE(kconfig_extern_bytes(ext("LINUX_KERNEL_VERSION", KconfigKind::Int, 4), nullptr, 0));
    CHECK(kconfig_extern_bytes(ext("LINUX_HAS_BPF_COOKIE", KconfigKind::Bool, 1), nullptr, kVersion612) == Bytes{1});
    CHECK(kconfig_extern_bytes(ext("LINUX_HAS_BPF_COOKIE", KconfigKind::Bool, 1), nullptr, 5U << 16U | 10U << 8U) ==
          Bytes{0});
    CHECK(kconfig_extern_bytes(ext("LINUX_UNKNOWN_VIRTUAL", KconfigKind::Int, 4, true), nullptr, 0) == Bytes(4, 0));
    CHECK_FALSE(kconfig_extern_bytes(ext("LINUX_UNKNOWN_VIRTUAL", KconfigKind::Int, 4), nullptr, 0));
}

TEST_CASE("kconfig: a load reads the extern it falls in, little-endian") {
    std::vector<KconfigExtern> externs{ext("CONFIG_HZ", KconfigKind::Int, 4),
                                       ext("CONFIG_LOCALVERSION", KconfigKind::CharArray, 12)};
    externs[1].offset = 8;
    CHECK(kconfig_load(externs, &kConfig, 0, 0, 4) == 250);
    CHECK(kconfig_load(externs, &kConfig, 0, 0, 2) == 250);
    CHECK(kconfig_load(externs, &kConfig, 0, 8, 2) == ('c' << 8 | '-'));
    CHECK_FALSE(kconfig_load(externs, &kConfig, 0, 2, 4));  // past CONFIG_HZ's 4 bytes
    CHECK_FALSE(kconfig_load(externs, nullptr, 0, 0, 4));
}
