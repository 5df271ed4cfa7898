// kernel_verdict: ask the running kernel's verifier about a BPF object.
//
//   kernel_verdict [--program NAME]... [--type TYPE] [--unprivileged] [-v] OBJECT
//   kernel_verdict --probe      (only: may this process use bpf()? exit 0 or 77)
//
// Opens OBJECT with libbpf once per program and loads only that program
// (bpf_program__set_autoload), so one program's rejection does not hide the
// others'. Maps are created for the load and freed with the object; nothing is
// attached or pinned. Prints one JSON line per program:
//
//   {"program": NAME, "section": SEC, "type": TYPE, "verdict": "accept|reject|load_error",
//    "errno": N, "log_tail": [last lines of the verifier log, or of libbpf's messages],
//    "loader": "libbpf|raw"}
//
// "reject" means the kernel's verifier ran and refused the program (the load
// failed and the kernel wrote a verifier log); "load_error" means the load
// failed before the verifier: libbpf could not create a map, resolve an attach
// target (fentry on a missing function), relocate, or the kernel refused the
// attributes without a log. TYPE is the program type (a name as
// libbpf_bpf_prog_type_str spells it, e.g. xdp, sched_cls, socket_filter, or a
// section name libbpf knows, e.g. "tc", "kprobe/") of the programs whose
// section libbpf does not type; the others keep their section's type. --unprivileged drops CAP_SYS_ADMIN and CAP_PERFMON from the
// effective capabilities before loading (CAP_BPF and CAP_NET_ADMIN are kept):
// the verifier then applies the rules for loaders without CAP_PERFMON.
//
// Objects libbpf will not load — no function symbols (assembly without
// `.type @function`: libbpf finds no program) or a legacy `maps` section
// (libbpf 1.x refuses it) — are loaded by a small fallback of ours with
// bpf_prog_load: programs are the function symbols of executable sections
// (or, without any, the sections, named after them as bpfcheck's loader
// names them), legacy maps are created and their `ld_imm64` references
// patched; any other relocation is a load_error. Such lines carry
// "loader": "raw" and "raw_reason"; the others "loader": "libbpf".
//
// If bpf() is not permitted, prints {"skip": "bpf() not permitted: ..."} and
// exits 77. Exit status otherwise: 0 when every program was accepted, 1 when
// one was rejected or failed to load, 2 on bad usage or an unreadable object.
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <elf.h>
#include <errno.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { kExitAllAccepted = 0, kExitSomeRefused = 1, kExitUsage = 2, kExitSkip = 77 };
enum { kTailLines = 20, kMaxPrograms = 256 };

#define VERIFIER_LOG_SIZE (16u << 20)  // large enough that small programs never hit ENOSPC

static bool g_verbose = false;

// ---------------------------------------------------------------------------
// libbpf's messages, kept per load so a load_error can say what went wrong.

static char g_libbpf_messages[64 * 1024];
static size_t g_libbpf_length = 0;

static int capture_libbpf_print(enum libbpf_print_level level, const char* format, va_list args) {
    if (level == LIBBPF_DEBUG) {
        return 0;
    }
    va_list copy;
    va_copy(copy, args);
    if (g_verbose) {
        vfprintf(stderr, format, copy);
    }
    va_end(copy);
    if (g_libbpf_length + 1 < sizeof g_libbpf_messages) {
        const int written = vsnprintf(g_libbpf_messages + g_libbpf_length,
                                      sizeof g_libbpf_messages - g_libbpf_length, format, args);
        if (written > 0) {
            g_libbpf_length += (size_t)written;
            if (g_libbpf_length >= sizeof g_libbpf_messages) {
                g_libbpf_length = sizeof g_libbpf_messages - 1;
            }
        }
    }
    return 0;
}

// The last non-empty line of `text`, without its newline (static storage).
static const char* last_line(const char* text) {
    static char line[512];
    line[0] = '\0';
    const char* start = text;
    for (const char* p = text; *p != '\0'; ++p) {
        if (*p == '\n') {
            if (p > start) {
                const size_t length = (size_t)(p - start) < sizeof line - 1 ? (size_t)(p - start) : sizeof line - 1;
                memcpy(line, start, length);
                line[length] = '\0';
            }
            start = p + 1;
        }
    }
    if (*start != '\0') {
        snprintf(line, sizeof line, "%s", start);
    }
    return line;
}

static void clear_libbpf_messages(void) {
    g_libbpf_length = 0;
    g_libbpf_messages[0] = '\0';
}

// ---------------------------------------------------------------------------
// JSON output

static void print_json_string(const char* text) {
    putchar('"');
    for (const unsigned char* p = (const unsigned char*)text; *p != '\0'; ++p) {
        switch (*p) {
            case '"': fputs("\\\"", stdout); break;
            case '\\': fputs("\\\\", stdout); break;
            case '\n': fputs("\\n", stdout); break;
            case '\t': fputs("\\t", stdout); break;
            case '\r': fputs("\\r", stdout); break;
            default:
                if (*p < 0x20) {
                    printf("\\u%04x", *p);
                } else {
                    putchar(*p);
                }
        }
    }
    putchar('"');
}

// Prints the last kTailLines non-empty lines of `text` as a JSON array.
static void print_tail(const char* text) {
    const char* starts[kTailLines];
    size_t lengths[kTailLines];
    size_t count = 0;
    const char* line = text;
    while (*line != '\0') {
        const char* end = strchr(line, '\n');
        const size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
        if (length > 0) {
            starts[count % kTailLines] = line;
            lengths[count % kTailLines] = length;
            ++count;
        }
        if (end == NULL) {
            break;
        }
        line = end + 1;
    }
    putchar('[');
    const size_t first = count > kTailLines ? count - kTailLines : 0;
    for (size_t i = first; i < count; ++i) {
        char buffer[1024];
        const size_t length = lengths[i % kTailLines] < sizeof buffer - 1 ? lengths[i % kTailLines] : sizeof buffer - 1;
        memcpy(buffer, starts[i % kTailLines], length);
        buffer[length] = '\0';
        if (i != first) {
            fputs(", ", stdout);
        }
        print_json_string(buffer);
    }
    putchar(']');
}

// `raw_reason`: NULL when libbpf loaded the program, else why we loaded it
// ourselves (see run_raw).
static void print_result(const char* program, const char* section, const char* type, const char* verdict, int error,
                         const char* log, const char* raw_reason) {
    fputs("{\"program\": ", stdout);
    print_json_string(program);
    fputs(", \"section\": ", stdout);
    print_json_string(section);
    fputs(", \"type\": ", stdout);
    print_json_string(type != NULL ? type : "unknown");
    printf(", \"verdict\": \"%s\", \"errno\": %d, \"log_tail\": ", verdict, error);
    print_tail(log != NULL ? log : "");
    fputs(", \"loader\": ", stdout);
    print_json_string(raw_reason == NULL ? "libbpf" : "raw");
    if (raw_reason != NULL) {
        fputs(", \"raw_reason\": ", stdout);
        print_json_string(raw_reason);
    }
    fputs("}\n", stdout);
    fflush(stdout);
}

static void print_skip(const char* reason, int error) {
    char message[512];
    snprintf(message, sizeof message, "bpf() not permitted: %s (%s)", reason, strerror(error));
    fputs("{\"skip\": ", stdout);
    print_json_string(message);
    fputs("}\n", stdout);
}

// ---------------------------------------------------------------------------
// Program types by name

struct TypeOverride {
    bool set;
    enum bpf_prog_type type;
    bool has_attach_type;
    enum bpf_attach_type attach_type;
};

static bool parse_type(const char* name, struct TypeOverride* out) {
    memset(out, 0, sizeof *out);
    // "xdp", "sched_cls", "socket_filter", ...: libbpf's names of the enum.
    for (int t = 0; t < 256; ++t) {
        const char* spelled = libbpf_bpf_prog_type_str((enum bpf_prog_type)t);
        if (spelled != NULL && strcmp(spelled, name) == 0) {
            out->set = true;
            out->type = (enum bpf_prog_type)t;
            return true;
        }
    }
    // "netfilter" (Linux 6.4), which libbpf before 1.2 and the UAPI headers
    // before 6.4 do not name: BPF_PROG_TYPE_NETFILTER, loaded with the
    // expected attach type BPF_NETFILTER (bpf_prog_load_check_attach).
    if (strcmp(name, "netfilter") == 0) {
        out->set = true;
        out->type = (enum bpf_prog_type)32;
        out->has_attach_type = true;
        out->attach_type = (enum bpf_attach_type)45;
        return true;
    }
    // Else a section name libbpf knows: "tc", "classifier", "kprobe/x", ...
    enum bpf_prog_type type;
    enum bpf_attach_type attach_type;
    if (libbpf_prog_type_by_name(name, &type, &attach_type) == 0) {
        out->set = true;
        out->type = type;
        out->has_attach_type = true;
        out->attach_type = attach_type;
        return true;
    }
    return false;
}

static const char* type_name(enum bpf_prog_type type) {
    const char* name = libbpf_bpf_prog_type_str(type);
    return name != NULL ? name : "unknown";
}

// ---------------------------------------------------------------------------
// Privileges

static int probe_bpf(void) {
    // r0 = XDP_PASS; exit. XDP needs CAP_BPF and CAP_NET_ADMIN, unlike a
    // socket filter an unprivileged user may be allowed to load.
    const struct bpf_insn insns[] = {
        {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 2},
        {.code = BPF_JMP | BPF_EXIT},
    };
    const int fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "kv_probe", "GPL", insns, 2, NULL);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    return errno;
}

static int drop_perfmon(void) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capget, &header, data) != 0) {
        return errno;
    }
    const int dropped[] = {CAP_SYS_ADMIN, CAP_PERFMON};
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; ++i) {
        data[CAP_TO_INDEX(dropped[i])].effective &= ~CAP_TO_MASK(dropped[i]);
    }
    if (syscall(SYS_capset, &header, data) != 0) {
        return errno;
    }
    return 0;
}

// ---------------------------------------------------------------------------
// Loading with libbpf, one program per object instance

static char* g_log;

static bool selected(const char* name, const char** wanted, int wanted_count) {
    if (wanted_count == 0) {
        return true;
    }
    for (int i = 0; i < wanted_count; ++i) {
        if (strcmp(wanted[i], name) == 0) {
            return true;
        }
    }
    return false;
}

static struct bpf_object* open_object(const char* path) {
    LIBBPF_OPTS(bpf_object_open_opts, options);
    struct bpf_object* object = bpf_object__open_file(path, &options);
    return object;
}

// Loads program `name` of the object at `path` alone. Returns 0 on accept.
static int load_one(const char* path, const char* name, const struct TypeOverride* type) {
    clear_libbpf_messages();
    struct bpf_object* object = open_object(path);
    if (object == NULL) {
        const int error = errno;
        print_result(name, "", NULL, "load_error", error, g_libbpf_messages, NULL);
        return error;
    }
    // Nothing is pinned: maps declared with pinning would otherwise be reused
    // from (or left in) bpffs by libbpf.
    struct bpf_map* map;
    bpf_object__for_each_map(map, object) {
        bpf_map__set_pin_path(map, NULL);
    }
    struct bpf_program* target = NULL;
    struct bpf_program* program;
    bpf_object__for_each_program(program, object) {
        const bool is_target = strcmp(bpf_program__name(program), name) == 0;
        bpf_program__set_autoload(program, is_target);
        if (is_target) {
            target = program;
        }
    }
    if (target == NULL) {  // cannot happen: the name came from this object
        bpf_object__close(object);
        print_result(name, "", NULL, "load_error", ENOENT, "no such program", NULL);
        return ENOENT;
    }
    // --type fills the programs libbpf's section rules leave untyped, as
    // bpfcheck's does; a typed section keeps its type.
    if (type->set && bpf_program__type(target) == BPF_PROG_TYPE_UNSPEC) {
        bpf_program__set_type(target, type->type);
        if (type->has_attach_type) {
            bpf_program__set_expected_attach_type(target, type->attach_type);
        }
    }
    g_log[0] = '\0';
    // Log level 0 with a buffer: libbpf loads without a log and, only if the
    // load fails, retries with log level 1 into our buffer.
    bpf_program__set_log_level(target, 0);
    bpf_program__set_log_buf(target, g_log, VERIFIER_LOG_SIZE);

    const int result = bpf_object__load(object);
    const int error = result == 0 ? 0 : (errno != 0 ? errno : -result);
    const char* section = bpf_program__section_name(target);
    const char* prog_type = type_name(bpf_program__type(target));
    // libbpf fills program-array slots (`.values = {[1] = &prog}`) after
    // every program is loaded: a slot naming a program not loaded here fails
    // only then, once the verifier has accepted the target.
    const bool accepted_before_slots =
        result != 0 && g_log[0] == '\0' && strstr(g_libbpf_messages, "failed to initialize slot") != NULL;
    if (result == 0 || accepted_before_slots) {
        print_result(name, section, prog_type, "accept", 0, "", NULL);
    } else if (g_log[0] != '\0') {
        print_result(name, section, prog_type, "reject", error, g_log, NULL);
    } else {
        print_result(name, section, prog_type, "load_error", error, g_libbpf_messages, NULL);
    }
    bpf_object__close(object);
    return result == 0 ? 0 : (error != 0 ? error : EINVAL);
}

// ---------------------------------------------------------------------------
// Objects libbpf will not load: assembly without function symbols (libbpf
// finds no program) or with a legacy `maps` section (libbpf 1.x refuses it).
// We read the ELF ourselves: a program is each function symbol of an
// executable section other than .text or, in an object without function
// symbols, each such section (named after it, as bpfcheck's loader does).
// Legacy maps (struct bpf_map_def: type, key_size, value_size, max_entries,
// map_flags) are created and `ld_imm64` relocations against them patched to
// their fds; any other relocation (calls into .text, global data) is beyond
// this fallback and reported as a load_error.

struct Elf {
    const unsigned char* image;
    size_t size;
    const Elf64_Ehdr* header;
    const Elf64_Shdr* sections;
    const char* section_names;
    const Elf64_Sym* symbols;
    size_t symbol_count;
    const char* symbol_names;
    size_t symbol_names_size;
};

struct RawProgram {
    char name[256];
    int section;        // section index
    size_t offset;      // byte offset in the section
    size_t insn_count;
};

static unsigned char* read_file(const char* path, size_t* size) {
    FILE* file = fopen(path, "rb");
    if (file == NULL) {
        return NULL;
    }
    unsigned char* data = NULL;
    size_t capacity = 0;
    *size = 0;
    for (;;) {
        if (*size == capacity) {
            capacity = capacity == 0 ? 65536 : capacity * 2;
            unsigned char* grown = realloc(data, capacity);
            if (grown == NULL) {
                free(data);
                fclose(file);
                return NULL;
            }
            data = grown;
        }
        const size_t got = fread(data + *size, 1, capacity - *size, file);
        if (got == 0) {
            break;
        }
        *size += got;
    }
    fclose(file);
    return data;
}

static const char* section_name(const struct Elf* elf, int index) { return elf->section_names + elf->sections[index].sh_name; }

static const char* symbol_name(const struct Elf* elf, const Elf64_Sym* symbol) {
    return symbol->st_name < elf->symbol_names_size ? elf->symbol_names + symbol->st_name : "";
}

static bool in_file(const struct Elf* elf, Elf64_Off offset, Elf64_Xword size) {
    return offset <= elf->size && size <= elf->size - offset;
}

static bool parse_elf(const unsigned char* image, size_t size, struct Elf* elf) {
    memset(elf, 0, sizeof *elf);
    elf->image = image;
    elf->size = size;
    if (size < sizeof(Elf64_Ehdr) || memcmp(image, ELFMAG, SELFMAG) != 0 || image[EI_CLASS] != ELFCLASS64 ||
        image[EI_DATA] != ELFDATA2LSB) {
        return false;
    }
    elf->header = (const Elf64_Ehdr*)image;
    const Elf64_Ehdr* header = elf->header;
    if (header->e_shentsize != sizeof(Elf64_Shdr) || header->e_shnum == 0 ||
        !in_file(elf, header->e_shoff, (Elf64_Xword)header->e_shnum * sizeof(Elf64_Shdr)) ||
        header->e_shstrndx >= header->e_shnum) {
        return false;
    }
    elf->sections = (const Elf64_Shdr*)(image + header->e_shoff);
    for (int i = 0; i < header->e_shnum; ++i) {
        if (elf->sections[i].sh_type != SHT_NOBITS && !in_file(elf, elf->sections[i].sh_offset, elf->sections[i].sh_size)) {
            return false;
        }
    }
    const Elf64_Shdr* names = &elf->sections[header->e_shstrndx];
    elf->section_names = (const char*)(image + names->sh_offset);
    for (int i = 0; i < header->e_shnum; ++i) {
        if (elf->sections[i].sh_name >= names->sh_size) {
            return false;
        }
        if (elf->sections[i].sh_type == SHT_SYMTAB && elf->sections[i].sh_link < header->e_shnum) {
            elf->symbols = (const Elf64_Sym*)(image + elf->sections[i].sh_offset);
            elf->symbol_count = elf->sections[i].sh_size / sizeof(Elf64_Sym);
            const Elf64_Shdr* strings = &elf->sections[elf->sections[i].sh_link];
            elf->symbol_names = (const char*)(image + strings->sh_offset);
            elf->symbol_names_size = strings->sh_size;
        }
    }
    return true;
}

static bool is_program_section(const struct Elf* elf, int index) {
    const Elf64_Shdr* section = &elf->sections[index];
    return section->sh_type == SHT_PROGBITS && (section->sh_flags & SHF_EXECINSTR) != 0 && section->sh_size > 0 &&
           strcmp(section_name(elf, index), ".text") != 0;
}

static bool is_legacy_maps_section(const struct Elf* elf, int index) {
    const char* name = section_name(elf, index);
    return strcmp(name, "maps") == 0 || strncmp(name, "maps/", 5) == 0;
}

static int raw_programs(const struct Elf* elf, struct RawProgram* programs, int capacity) {
    int count = 0;
    bool has_functions = false;
    for (size_t i = 0; i < elf->symbol_count; ++i) {
        const Elf64_Sym* symbol = &elf->symbols[i];
        if (ELF64_ST_TYPE(symbol->st_info) != STT_FUNC || symbol->st_shndx == SHN_UNDEF ||
            symbol->st_shndx >= elf->header->e_shnum) {
            continue;
        }
        has_functions = true;
        const Elf64_Shdr* section = &elf->sections[symbol->st_shndx];
        if (!is_program_section(elf, symbol->st_shndx) || symbol->st_size == 0 || symbol->st_value % 8 != 0 ||
            symbol->st_value > section->sh_size || symbol->st_size > section->sh_size - symbol->st_value ||
            count == capacity) {
            continue;
        }
        struct RawProgram* program = &programs[count++];
        snprintf(program->name, sizeof program->name, "%s", symbol_name(elf, symbol));
        program->section = symbol->st_shndx;
        program->offset = symbol->st_value;
        program->insn_count = symbol->st_size / sizeof(struct bpf_insn);
    }
    if (has_functions) {
        return count;
    }
    for (int i = 0; i < elf->header->e_shnum && count < capacity; ++i) {
        if (is_program_section(elf, i)) {
            struct RawProgram* program = &programs[count++];
            snprintf(program->name, sizeof program->name, "%s", section_name(elf, i));
            program->section = i;
            program->offset = 0;
            program->insn_count = elf->sections[i].sh_size / sizeof(struct bpf_insn);
        }
    }
    return count;
}

static void raw_license(const struct Elf* elf, char* license, size_t size) {
    snprintf(license, size, "GPL");  // libbpf's default when there is no license section
    for (int i = 0; i < elf->header->e_shnum; ++i) {
        const Elf64_Shdr* section = &elf->sections[i];
        if (strcmp(section_name(elf, i), "license") == 0 && section->sh_type == SHT_PROGBITS && section->sh_size > 0) {
            const size_t length = section->sh_size < size - 1 ? section->sh_size : size - 1;
            memcpy(license, elf->image + section->sh_offset, length);
            license[length] = '\0';
        }
    }
}

// Creates the legacy map `symbol` names; returns its fd or -errno, with a message.
static int create_legacy_map(const struct Elf* elf, const Elf64_Sym* symbol, char* message, size_t message_size) {
    const int index = symbol->st_shndx;
    const Elf64_Shdr* section = &elf->sections[index];
    size_t definitions = 0;
    for (size_t i = 0; i < elf->symbol_count; ++i) {
        const Elf64_Sym* other = &elf->symbols[i];
        if (other->st_shndx == index && ELF64_ST_TYPE(other->st_info) != STT_SECTION && symbol_name(elf, other)[0] != '\0') {
            ++definitions;
        }
    }
    const size_t definition_size = definitions > 0 ? section->sh_size / definitions : 0;
    if (definition_size < 5 * sizeof(__u32) || symbol->st_value > section->sh_size - definition_size) {
        snprintf(message, message_size, "legacy map '%s': no 20-byte definition at offset %llu of '%s'",
                 symbol_name(elf, symbol), (unsigned long long)symbol->st_value, section_name(elf, index));
        return -EINVAL;
    }
    __u32 fields[5];
    memcpy(fields, elf->image + section->sh_offset + symbol->st_value, sizeof fields);
    LIBBPF_OPTS(bpf_map_create_opts, options, .map_flags = fields[4]);
    char name[BPF_OBJ_NAME_LEN] = {0};
    snprintf(name, sizeof name, "%s", symbol_name(elf, symbol));
    const int fd = bpf_map_create((enum bpf_map_type)fields[0], name, fields[1], fields[2], fields[3], &options);
    if (fd < 0) {
        const int error = errno;
        snprintf(message, message_size, "legacy map '%s' (type %u, key %u, value %u, entries %u, flags %#x): %s",
                 symbol_name(elf, symbol), fields[0], fields[1], fields[2], fields[3], fields[4], strerror(error));
        return -error;
    }
    return fd;
}

// One piece of code placed in the loaded program: the program's own
// instructions first, then each subprogram section its calls reach (all of
// `.text`, as libbpf appends subprograms), each once.
struct Piece {
    int section;
    size_t offset;  // bytes into the section
    size_t count;   // instructions
    size_t at;      // first instruction in the loaded program
};

// Places `section` (all of it) after the pieces placed so far, once;
// returns its first instruction in the loaded program.
static size_t place_section(const struct Elf* elf, int section, struct Piece* pieces, int* piece_count, size_t* total) {
    for (int i = 1; i < *piece_count; ++i) {
        if (pieces[i].section == section) {
            return pieces[i].at;
        }
    }
    const size_t at = *total;
    pieces[(*piece_count)++] = (struct Piece){section, 0, elf->sections[section].sh_size / sizeof(struct bpf_insn), at};
    *total += elf->sections[section].sh_size / sizeof(struct bpf_insn);
    return at;
}

// Copies the program's instructions and resolves their relocations: legacy
// map references become map fds (appended to `fds`); a bpf-to-bpf call to
// a subprogram in another section (`.text`) appends that section and points
// the call at it. `insns` holds `capacity` instructions. Returns 0 or an
// errno, with a message; the loaded program's length in `loaded`.
static int relocate_raw(const struct Elf* elf, const struct RawProgram* program, struct bpf_insn* insns,
                        size_t capacity, size_t* loaded, int* fds, int* fd_count, int fd_capacity, char* message,
                        size_t message_size) {
    struct Piece pieces[16];
    int piece_count = 1;
    size_t total = program->insn_count;
    pieces[0] = (struct Piece){program->section, program->offset, program->insn_count, 0};
    for (int p = 0; p < piece_count; ++p) {
        const struct Piece piece = pieces[p];
        if (piece.at + piece.count > capacity) {
            snprintf(message, message_size, "the program and its subprograms exceed %zu instructions", capacity);
            return E2BIG;
        }
        memcpy(insns + piece.at, elf->image + elf->sections[piece.section].sh_offset + piece.offset,
               piece.count * sizeof(struct bpf_insn));
        for (int r = 0; r < elf->header->e_shnum; ++r) {
            const Elf64_Shdr* relocations = &elf->sections[r];
            if ((relocations->sh_type != SHT_REL && relocations->sh_type != SHT_RELA) ||
                relocations->sh_info != (Elf64_Word)piece.section) {
                continue;
            }
            const size_t entry = relocations->sh_type == SHT_REL ? sizeof(Elf64_Rel) : sizeof(Elf64_Rela);
            for (size_t off = 0; off + entry <= relocations->sh_size; off += entry) {
                const Elf64_Rel* relocation = (const Elf64_Rel*)(elf->image + relocations->sh_offset + off);
                if (relocation->r_offset < piece.offset ||
                    relocation->r_offset >= piece.offset + piece.count * sizeof(struct bpf_insn)) {
                    continue;  // another function of the section
                }
                const size_t insn = piece.at + (relocation->r_offset - piece.offset) / sizeof(struct bpf_insn);
                const size_t symbol_index = ELF64_R_SYM(relocation->r_info);
                const Elf64_Sym* symbol = symbol_index < elf->symbol_count ? &elf->symbols[symbol_index] : NULL;
                const bool in_section = symbol != NULL && symbol->st_shndx < elf->header->e_shnum;
                const bool call = insns[insn].code == (BPF_JMP | BPF_CALL) && insns[insn].src_reg == BPF_PSEUDO_CALL;
                if (call && in_section && (elf->sections[symbol->st_shndx].sh_flags & SHF_EXECINSTR) != 0) {
                    // libbpf's rule: against a section symbol the target is
                    // st_value + (imm + 1) * 8 bytes into it, against a function st_value / 8 + imm + 1.
                    const long long target = ELF64_ST_TYPE(symbol->st_info) == STT_SECTION
                                                 ? ((long long)symbol->st_value + ((long long)insns[insn].imm + 1) * 8) / 8
                                                 : (long long)symbol->st_value / 8 + insns[insn].imm + 1;
                    if (piece_count == (int)(sizeof pieces / sizeof pieces[0])) {
                        snprintf(message, message_size, "too many subprogram sections");
                        return E2BIG;
                    }
                    const size_t base = symbol->st_shndx == (Elf64_Half)piece.section && piece.offset == 0 && p > 0
                                            ? piece.at
                                            : place_section(elf, symbol->st_shndx, pieces, &piece_count, &total);
                    insns[insn].imm = (__s32)((long long)base + target - (long long)insn - 1);
                    continue;
                }
                const bool is_map = in_section && is_legacy_maps_section(elf, symbol->st_shndx) &&
                                    ELF64_ST_TYPE(symbol->st_info) != STT_SECTION;
                if (!is_map || insns[insn].code != (BPF_LD | BPF_IMM | BPF_DW) || insn + 1 >= piece.at + piece.count) {
                    snprintf(message, message_size,
                             "insn %zu: relocation against '%s' is not a legacy map reference; this object needs a "
                             "linker (libbpf) that accepts it",
                             insn, symbol != NULL ? symbol_name(elf, symbol) : "?");
                    return ENOTSUP;
                }
                if (*fd_count == fd_capacity) {
                    snprintf(message, message_size, "too many map references");
                    return E2BIG;
                }
                const int fd = create_legacy_map(elf, symbol, message, message_size);
                if (fd < 0) {
                    return -fd;
                }
                fds[(*fd_count)++] = fd;
                insns[insn].src_reg = BPF_PSEUDO_MAP_FD;
                insns[insn].imm = fd;
                insns[insn + 1].imm = 0;
            }
        }
    }
    *loaded = total;
    return 0;
}

static int load_raw(const struct Elf* elf, const struct RawProgram* program, const struct TypeOverride* override,
                    const char* license, const char* why) {
    const char* section = section_name(elf, program->section);
    // The section's type first; --type fills only a section no rule types.
    struct TypeOverride type = {0};
    enum bpf_prog_type by_section;
    enum bpf_attach_type attach_type;
    if (libbpf_prog_type_by_name(section, &by_section, &attach_type) == 0) {
        type.set = true;
        type.type = by_section;
        type.has_attach_type = true;
        type.attach_type = attach_type;
    } else {
        type = *override;
    }
    if (!type.set) {
        // iproute2's tc loads any section of an object with a legacy `maps`
        // section as a classifier.
        for (int i = 0; i < elf->header->e_shnum; ++i) {
            if (is_legacy_maps_section(elf, i)) {
                type.set = true;
                type.type = BPF_PROG_TYPE_SCHED_CLS;
                break;
            }
        }
    }
    if (!type.set) {
        print_result(program->name, section, NULL, "load_error", EINVAL, "section name implies no program type: pass --type",
                     why);
        return EINVAL;
    }
    // Room for the program and every executable section after it.
    size_t capacity = program->insn_count;
    for (int i = 0; i < elf->header->e_shnum; ++i) {
        if ((elf->sections[i].sh_flags & SHF_EXECINSTR) != 0) {
            capacity += elf->sections[i].sh_size / sizeof(struct bpf_insn);
        }
    }
    struct bpf_insn* insns = calloc(capacity, sizeof(struct bpf_insn));
    int fds[64];
    int fd_count = 0;
    size_t loaded = 0;
    char message[512] = "";
    if (insns == NULL) {
        return ENOMEM;
    }
    int error = relocate_raw(elf, program, insns, capacity, &loaded, fds, &fd_count, 64, message, sizeof message);
    if (error != 0) {
        print_result(program->name, section, type_name(type.type), "load_error", error, message, why);
    } else {
        LIBBPF_OPTS(bpf_prog_load_opts, options, .log_buf = g_log, .log_size = VERIFIER_LOG_SIZE, .log_level = 0);
        if (type.has_attach_type) {
            options.expected_attach_type = type.attach_type;
        }
        char name[BPF_OBJ_NAME_LEN] = {0};
        size_t length = 0;
        for (const char* p = program->name; *p != '\0' && length + 1 < sizeof name; ++p) {
            // The kernel allows only [A-Za-z0-9_.] in program names.
            const bool allowed = *p == '_' || *p == '.' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                                 (*p >= 'A' && *p <= 'Z');
            name[length++] = allowed ? *p : '_';
        }
        g_log[0] = '\0';
        int fd = bpf_prog_load(type.type, name, license, insns, loaded, &options);
        if (fd < 0) {
            // As libbpf does: only when the quiet load failed, retry with a log.
            options.log_level = 1;
            g_log[0] = '\0';
            fd = bpf_prog_load(type.type, name, license, insns, loaded, &options);
        }
        error = fd < 0 ? errno : 0;
        if (fd >= 0) {
            close(fd);
            print_result(program->name, section, type_name(type.type), "accept", 0, "", why);
        } else if (g_log[0] != '\0') {
            print_result(program->name, section, type_name(type.type), "reject", error, g_log, why);
        } else {
            print_result(program->name, section, type_name(type.type), "load_error", error, strerror(error), why);
        }
    }
    for (int i = 0; i < fd_count; ++i) {
        close(fds[i]);
    }
    free(insns);
    return error;
}

// Returns an exit status, or -1 when the file is not an ELF object we read.
static int run_raw(const char* path, const char** wanted, int wanted_count, const struct TypeOverride* type,
                   const char* why) {
    size_t size = 0;
    unsigned char* image = read_file(path, &size);
    if (image == NULL) {
        fprintf(stderr, "kernel_verdict: cannot read %s: %s\n", path, strerror(errno));
        return kExitUsage;
    }
    struct Elf elf;
    if (!parse_elf(image, size, &elf)) {
        free(image);
        return -1;
    }
    static struct RawProgram programs[kMaxPrograms];
    const int count = raw_programs(&elf, programs, kMaxPrograms);
    char license[128];
    raw_license(&elf, license, sizeof license);
    int status = kExitAllAccepted;
    int loaded = 0;
    for (int i = 0; i < count; ++i) {
        if (!selected(programs[i].name, wanted, wanted_count)) {
            continue;
        }
        ++loaded;
        if (load_raw(&elf, &programs[i], type, license, why) != 0) {
            status = kExitSomeRefused;
        }
    }
    free(image);
    if (loaded == 0 || loaded < wanted_count) {
        fprintf(stderr, "kernel_verdict: %s: %s\n", path,
                wanted_count > 0 ? "no program of that name" : "no program (no executable section but .text)");
        return kExitUsage;
    }
    return status;
}

// ---------------------------------------------------------------------------

static void usage(void) {
    fputs("usage: kernel_verdict [--program NAME]... [--type TYPE] [--unprivileged] [-v] OBJECT\n"
          "       kernel_verdict --probe\n",
          stderr);
}

int main(int argc, char** argv) {
    const char* wanted[kMaxPrograms];
    int wanted_count = 0;
    const char* type_arg = NULL;
    const char* path = NULL;
    bool unprivileged = false;
    bool probe_only = false;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--program") == 0 && i + 1 < argc && wanted_count < kMaxPrograms) {
            wanted[wanted_count++] = argv[++i];
        } else if (strcmp(argv[i], "--type") == 0 && i + 1 < argc) {
            type_arg = argv[++i];
        } else if (strcmp(argv[i], "--unprivileged") == 0) {
            unprivileged = true;
        } else if (strcmp(argv[i], "--probe") == 0) {
            probe_only = true;
        } else if (strcmp(argv[i], "-v") == 0) {
            g_verbose = true;
        } else if (argv[i][0] == '-' || path != NULL) {
            usage();
            return kExitUsage;
        } else {
            path = argv[i];
        }
    }
    if (path == NULL && !probe_only) {
        usage();
        return kExitUsage;
    }
    struct TypeOverride type = {0};
    if (type_arg != NULL && !parse_type(type_arg, &type)) {
        fprintf(stderr, "kernel_verdict: unknown program type '%s'\n", type_arg);
        return kExitUsage;
    }
    libbpf_set_print(capture_libbpf_print);

    const int probe_error = probe_bpf();
    if (probe_error == EPERM || probe_error == EACCES || probe_error == ENOSYS) {
        print_skip(geteuid() != 0 ? "not root" : "loading a trivial XDP program failed", probe_error);
        return kExitSkip;
    }
    if (probe_only) {
        puts("{\"ok\": true}");
        return kExitAllAccepted;
    }
    if (unprivileged) {
        const int error = drop_perfmon();
        if (error != 0) {
            fprintf(stderr, "kernel_verdict: cannot drop CAP_PERFMON: %s\n", strerror(error));
            return kExitUsage;
        }
    }
    g_log = malloc(VERIFIER_LOG_SIZE);
    if (g_log == NULL) {
        fputs("kernel_verdict: out of memory\n", stderr);
        return kExitUsage;
    }

    // Open once to list the programs; each is then loaded from a fresh open.
    clear_libbpf_messages();
    struct bpf_object* object = open_object(path);
    int status = kExitAllAccepted;
    static char names[kMaxPrograms][256];
    int count = 0;
    bool has_programs = false;
    if (object == NULL) {
        const int error = errno;
        char why[600];
        snprintf(why, sizeof why, "libbpf cannot open the object (%s): %s", strerror(error),
                 last_line(g_libbpf_messages));
        status = run_raw(path, wanted, wanted_count, &type, why);
        if (status < 0) {
            fprintf(stderr, "kernel_verdict: libbpf cannot open %s: %s\n%s", path, strerror(error), g_libbpf_messages);
            print_result("", "", NULL, "load_error", error, g_libbpf_messages, NULL);
            status = kExitSomeRefused;
        }
        free(g_log);
        return status;
    }
    struct bpf_program* program;
    bpf_object__for_each_program(program, object) {
        if (count < kMaxPrograms && selected(bpf_program__name(program), wanted, wanted_count)) {
            snprintf(names[count++], sizeof names[0], "%s", bpf_program__name(program));
        }
    }
    has_programs = bpf_object__next_program(object, NULL) != NULL;
    bpf_object__close(object);

    if (!has_programs) {
        status = run_raw(path, wanted, wanted_count, &type, "libbpf finds no program (no function symbols)");
        if (status < 0) {
            fprintf(stderr, "kernel_verdict: %s: no program\n", path);
            status = kExitUsage;
        }
    } else if (count < wanted_count || count == 0) {
        for (int i = 0; i < wanted_count; ++i) {
            bool found = false;
            for (int j = 0; j < count; ++j) {
                found = found || strcmp(names[j], wanted[i]) == 0;
            }
            if (!found) {
                fprintf(stderr, "kernel_verdict: %s: no program named '%s'\n", path, wanted[i]);
            }
        }
        status = kExitUsage;
    } else {
        for (int i = 0; i < count; ++i) {
            if (load_one(path, names[i], &type) != 0) {
                status = kExitSomeRefused;
            }
        }
    }
    free(g_log);
    return status;
}
