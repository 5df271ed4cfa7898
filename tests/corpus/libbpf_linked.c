/* libbpf_linked OBJECT: let libbpf itself open, link and "load" an object and
 * print each program's final instructions, the oracle for bpfcheck's linker.
 *
 * Loading uses libbpf's loader-program generator (bpf_object__gen_loader),
 * which runs libbpf's whole relocation pipeline (bpf_object__relocate:
 * subprogram appending, map and global data references) and records the
 * bpf() calls instead of making them: no kernel, privileges or BTF of the
 * running kernel needed. In that mode libbpf assumes the newest kernel, so it
 * rewrites no instruction for older ones; CO-RE relocations are recorded,
 * not applied. Both leave opcodes alone, which is all the test compares.
 * Map pinning is switched off (it would touch /sys/fs/bpf) and every program
 * is set to load.
 *
 * Output, one line per program, tab separated:
 *   program NAME SECTION TYPE SLOTS OPCODES
 * with TYPE spelled by libbpf_bpf_prog_type_str and OPCODES the opcode byte
 * of every 8-byte slot in hex, space separated. On failure: a message on
 * stderr (libbpf's own log with -v) and exit status 1; 2 on bad usage. */
#include <bpf/libbpf.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int verbose;

static int print(enum libbpf_print_level level, const char* format, va_list args) {
    if (!verbose && level != LIBBPF_WARN) {
        return 0;
    }
    return vfprintf(stderr, format, args);
}

int main(int argc, char** argv) {
    const char* path = NULL;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (path == NULL) {
            path = argv[i];
        } else {
            path = NULL;
            break;
        }
    }
    if (path == NULL) {
        fprintf(stderr, "usage: %s [-v] OBJECT\n", argv[0]);
        return 2;
    }
    libbpf_set_print(print);
    struct bpf_object* object = bpf_object__open(path);
    if (object == NULL) {
        fprintf(stderr, "libbpf_linked: %s: libbpf cannot open it\n", path);
        return 1;
    }
    struct bpf_map* map;
    bpf_object__for_each_map(map, object) {
        bpf_map__set_pin_path(map, NULL);
    }
    struct bpf_program* program;
    bpf_object__for_each_program(program, object) {
        bpf_program__set_autoload(program, true);
    }
    struct gen_loader_opts gen = {.sz = sizeof(gen)};
    int err = bpf_object__gen_loader(object, &gen);
    if (err == 0) {
        err = bpf_object__load(object);
    }
    if (err != 0) {
        fprintf(stderr, "libbpf_linked: %s: libbpf fails to link it (error %d)\n", path, err);
        bpf_object__close(object);
        return 1;
    }
    bpf_object__for_each_program(program, object) {
        const struct bpf_insn* insns = bpf_program__insns(program);
        const size_t count = bpf_program__insn_cnt(program);
        const char* type = libbpf_bpf_prog_type_str(bpf_program__type(program));
        printf("program\t%s\t%s\t%s\t%zu\t", bpf_program__name(program), bpf_program__section_name(program),
               type != NULL ? type : "-", count);
        for (size_t i = 0; insns != NULL && i < count; ++i) {
            printf(i == 0 ? "%02x" : " %02x", insns[i].code);
        }
        printf("\n");
    }
    bpf_object__close(object);
    return 0;
}
